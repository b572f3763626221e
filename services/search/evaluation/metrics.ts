/**
 * Ranking metrics with binary relevance, over one ranked list of story externalIds (the
 * stories a search returned, best first) and the set of stories labelled relevant.
 *
 * A story can be returned only once per query, so a repeated id counts at its first place
 * only and later copies are dropped before the cut-off (the list is not padded). A `null`
 * (a story without an externalId) holds its place but is never relevant.
 */

export type RankedList = readonly (string | null)[];

export interface RankingScores {
  /** Share of the relevant stories found in the top k. */
  readonly recall: number;
  /** 1 / rank of the first relevant story in the top k, 0 when there is none (its mean is MRR@k). */
  readonly reciprocalRank: number;
  /** DCG of the top k over the DCG of an ideal ranking (all relevant stories first). */
  readonly ndcg: number;
  /** 1-based rank of the first relevant story within the top k, or null. */
  readonly firstRelevantRank: number | null;
}

function checkArguments(relevant: ReadonlySet<string>, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1, got ${k}`);
  if (relevant.size === 0) throw new RangeError('the relevant set is empty: every labelled query needs at least one relevant story');
}

/** The first k distinct places of the list (duplicates after their first place removed). */
export function topK(ranked: RankedList, k: number): RankedList {
  const seen = new Set<string>();
  const top: (string | null)[] = [];
  for (const id of ranked) {
    if (top.length === k) break;
    if (id !== null) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    top.push(id);
  }
  return top;
}

const isHit = (relevant: ReadonlySet<string>) => (id: string | null) => id !== null && relevant.has(id);
// Rank r (1-based) is discounted by log2(r + 1): rank 1 counts fully, rank 3 half.
const gainAt = (rank: number) => 1 / Math.log2(rank + 1);

export function recallAt(ranked: RankedList, relevant: ReadonlySet<string>, k: number): number {
  checkArguments(relevant, k);
  return topK(ranked, k).filter(isHit(relevant)).length / relevant.size;
}

export function reciprocalRankAt(ranked: RankedList, relevant: ReadonlySet<string>, k: number): number {
  checkArguments(relevant, k);
  const index = topK(ranked, k).findIndex(isHit(relevant));
  return index === -1 ? 0 : 1 / (index + 1);
}

export function ndcgAt(ranked: RankedList, relevant: ReadonlySet<string>, k: number): number {
  checkArguments(relevant, k);
  const hit = isHit(relevant);
  const dcg = topK(ranked, k).reduce((sum, id, index) => sum + (hit(id) ? gainAt(index + 1) : 0), 0);
  let ideal = 0;
  for (let rank = 1; rank <= Math.min(relevant.size, k); rank++) ideal += gainAt(rank);
  return dcg / ideal;
}

/** All three scores of one ranked list. */
export function scoreRanking(ranked: RankedList, relevant: ReadonlySet<string>, k: number): RankingScores {
  const reciprocalRank = reciprocalRankAt(ranked, relevant, k);
  return {
    recall: recallAt(ranked, relevant, k),
    reciprocalRank,
    ndcg: ndcgAt(ranked, relevant, k),
    firstRelevantRank: reciprocalRank === 0 ? null : Math.round(1 / reciprocalRank),
  };
}

/** The arithmetic mean; undefined for no values (a group without queries has no score, not 0). */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
