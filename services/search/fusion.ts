/**
 * Reciprocal rank fusion at passage level, then grouping by story. Pure.
 *
 * Each engine hands over a ranked list of passages; a passage's score is the sum over the lists
 * that hold it of weight × quality / (k + rank). Ranks, not raw scores, because a cosine and a
 * BM25 score do not share a scale (and e5's cosines sit in a narrow band). The weight lets the
 * caller quiet a list that has nothing to say for this query (see fusion-weights.ts); quality
 * (0–1, default 1) lets an engine mark a hit as only a scrap of a match.
 */

export const PASSAGE_SOURCES = ['vector', 'lexical', 'theme'] as const;
export type PassageSource = (typeof PASSAGE_SOURCES)[number];

export interface RankedPassage {
  readonly passageId: string;
  readonly storyId: string;
  readonly ordinal: number;
  /** 0–1; how fully this hit matches, as its engine judges. Default 1. */
  readonly quality?: number;
}

export interface RankedList {
  readonly source: PassageSource;
  /** ≥ 0; 0 leaves the list out. */
  readonly weight: number;
  /** Best first. */
  readonly hits: readonly RankedPassage[];
}

export interface FusionOptions {
  /** The k of RRF (60 in the original paper): how much the first ranks dominate. */
  readonly k: number;
  /** Passages shown per story. */
  readonly passagesPerStory: number;
}

export interface FusedPassage {
  readonly passageId: string;
  readonly ordinal: number;
  readonly score: number;
  readonly matchedBy: readonly PassageSource[];
}

export interface FusedStory {
  readonly storyId: string;
  readonly score: number;
  /** The story's best passages, in story order. */
  readonly passages: readonly FusedPassage[];
}

/**
 * A story's passages count with falling weights: its best passage decides most, and a story
 * that speaks of the matter in several places ranks above one that mentions it once.
 */
const STORY_PASSAGE_WEIGHTS = [1, 0.5, 0.25];

interface Accumulated {
  passageId: string;
  storyId: string;
  ordinal: number;
  score: number;
  bestRank: number;
  matchedBy: PassageSource[];
}

export function fuse(lists: readonly RankedList[], options: FusionOptions): FusedStory[] {
  const passages = new Map<string, Accumulated>();
  for (const list of lists) {
    if (!(list.weight > 0)) continue;
    const seen = new Set<string>();
    list.hits.forEach((hit, index) => {
      if (seen.has(hit.passageId)) return;
      seen.add(hit.passageId);
      const rank = index + 1;
      const quality = clamp01(hit.quality ?? 1);
      const entry = passages.get(hit.passageId) ?? {
        passageId: hit.passageId,
        storyId: hit.storyId,
        ordinal: hit.ordinal,
        score: 0,
        bestRank: Infinity,
        matchedBy: [],
      };
      entry.score += (list.weight * quality) / (options.k + rank);
      entry.bestRank = Math.min(entry.bestRank, rank);
      if (!entry.matchedBy.includes(list.source)) entry.matchedBy.push(list.source);
      passages.set(hit.passageId, entry);
    });
  }

  const byStory = new Map<string, Accumulated[]>();
  for (const passage of passages.values()) {
    if (passage.score <= 0) continue;
    const group = byStory.get(passage.storyId) ?? [];
    group.push(passage);
    byStory.set(passage.storyId, group);
  }

  const stories = [...byStory.entries()].map(([storyId, group]) => {
    const best = group.sort(comparePassages).slice(0, options.passagesPerStory);
    const score = best.reduce((sum, p, i) => sum + p.score * (STORY_PASSAGE_WEIGHTS[i] ?? 0), 0);
    return {
      storyId,
      score,
      bestRank: Math.min(...best.map((p) => p.bestRank)),
      passages: [...best]
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((p) => ({ passageId: p.passageId, ordinal: p.ordinal, score: p.score, matchedBy: orderSources(p.matchedBy) })),
    };
  });
  // Stable order: score, then the best rank any list gave the story, then the id.
  stories.sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || compareIds(a.storyId, b.storyId));
  return stories.map(({ storyId, score, passages: shown }) => ({ storyId, score, passages: shown }));
}

function comparePassages(a: Accumulated, b: Accumulated): number {
  return b.score - a.score || a.bestRank - b.bestRank || a.ordinal - b.ordinal || compareIds(a.passageId, b.passageId);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function orderSources(sources: readonly PassageSource[]): PassageSource[] {
  return PASSAGE_SOURCES.filter((s) => sources.includes(s));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
