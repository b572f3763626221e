import { describe, expect, it } from 'vitest';
import { mean, ndcgAt, recallAt, reciprocalRankAt, scoreRanking, topK } from '../../services/search/evaluation/metrics.js';
import { formatEvalTable, tabulate, type QueryOutcome } from '../../services/search/evaluation/run-eval.js';
import type { EvalGroup, EvalQuery } from '../../services/search/evaluation/eval-set.js';

const rel = (...ids: string[]) => new Set(ids);
const log2 = Math.log2;

describe('recall@k', () => {
  it('is the share of relevant stories in the top k', () => {
    // Relevant a, b, c, d; the top 5 holds a (1st) and c (4th); b is 6th, past the cut-off.
    const ranked = ['a', 'x', 'y', 'c', 'z', 'b'];
    expect(recallAt(ranked, rel('a', 'b', 'c', 'd'), 5)).toBe(2 / 4);
    expect(recallAt(ranked, rel('a', 'b', 'c', 'd'), 6)).toBe(3 / 4);
    expect(recallAt([], rel('a'), 10)).toBe(0);
  });
});

describe('MRR@k (reciprocal rank of one list)', () => {
  it('is 1 / the rank of the first relevant story, 0 past the cut-off', () => {
    expect(reciprocalRankAt(['a', 'b'], rel('a'), 10)).toBe(1);
    expect(reciprocalRankAt(['x', 'y', 'b', 'a'], rel('a', 'b'), 10)).toBe(1 / 3);
    expect(reciprocalRankAt(['x', 'y', 'b'], rel('b'), 2)).toBe(0);
  });
});

describe('nDCG@k', () => {
  it('discounts each hit by log2(rank + 1) and divides by the ideal ranking', () => {
    // Hits at ranks 2 and 3 of two relevant stories:
    // DCG = 1/log2(3) + 1/log2(4) = 0.6309 + 0.5 = 1.1309; ideal = 1 + 1/log2(3) = 1.6309.
    expect(ndcgAt(['x', 'a', 'b'], rel('a', 'b'), 10)).toBeCloseTo((1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3)), 12);
    expect(ndcgAt(['x', 'a', 'b'], rel('a', 'b'), 10)).toBeCloseTo(0.6934, 4);
  });

  it('is 1 for a perfect ranking, 0 without a hit', () => {
    expect(ndcgAt(['a', 'b', 'x'], rel('a', 'b'), 10)).toBe(1);
    expect(ndcgAt(['x', 'y'], rel('a'), 10)).toBe(0);
  });

  it('takes the ideal ranking from at most k relevant stories', () => {
    // Three relevant stories but k = 2: hits at ranks 1 and 2 are the best possible.
    expect(ndcgAt(['a', 'b', 'c'], rel('a', 'b', 'c'), 2)).toBe(1);
    // One hit at rank 1 of three relevant in the top 3: 1 / (1 + 0.6309 + 0.5).
    expect(ndcgAt(['a', 'x', 'y'], rel('a', 'b', 'c'), 3)).toBeCloseTo(1 / (1 + 1 / log2(3) + 0.5), 12);
  });
});

describe('the ranked list', () => {
  it('counts a repeated story at its first place only, and lets a story without externalId hold its place', () => {
    expect(topK(['a', 'a', null, 'b', 'c'], 3)).toEqual(['a', null, 'b']);
    // Without dropping the copy, 'a' twice would give recall 2/2 with b never found.
    expect(recallAt(['a', 'a', 'x'], rel('a', 'b'), 10)).toBe(1 / 2);
    expect(reciprocalRankAt([null, 'a'], rel('a'), 10)).toBe(1 / 2);
  });

  it('scores all three at once, with the first relevant rank', () => {
    expect(scoreRanking(['x', 'y', 'a'], rel('a'), 10)).toEqual({ recall: 1, reciprocalRank: 1 / 3, ndcg: 1 / log2(4), firstRelevantRank: 3 });
    expect(scoreRanking(['x'], rel('a'), 10)).toEqual({ recall: 0, reciprocalRank: 0, ndcg: 0, firstRelevantRank: null });
  });

  it('refuses an empty relevant set and a k below 1', () => {
    expect(() => recallAt(['a'], rel(), 10)).toThrow(/relevant set is empty/);
    expect(() => ndcgAt(['a'], rel('a'), 0)).toThrow(/k must be a whole number of at least 1/);
  });
});

describe('mean', () => {
  it('averages, and has no value for no queries', () => {
    expect(mean([1, 0, 0.5])).toBe(0.5);
    expect(mean([])).toBeUndefined();
  });
});

describe('tabulate', () => {
  const query = (line: number, relevant: string[]): EvalQuery => ({ line, query: `q${line}`, relevant, lang: 'nb', langSource: 'given' });
  const outcome = (line: number, relevant: string[], groups: EvalGroup[], hybrid: string[], vector: string[], lexical: string[]): QueryOutcome => ({
    query: query(line, relevant),
    groups,
    ranked: { hybrid, vector, lexical },
  });
  // Two queries: one short (hybrid finds a first; vector second; lexical nothing), one not short.
  const outcomes = [
    outcome(1, ['a'], ['all', 'short', 'nb'], ['a', 'x'], ['x', 'a'], []),
    outcome(2, ['b', 'c'], ['all', 'nb'], ['b', 'x', 'c'], ['x', 'x2', 'x3', 'b'], ['c']),
  ];

  it('averages each mode over each group, and leaves an empty group without figures', () => {
    const table = tabulate(outcomes, 10);
    const row = (group: EvalGroup) => table.rows.find((r) => r.group === group)!;
    expect(table.rows.map((r) => [r.group, r.queries])).toEqual([['all', 2], ['short', 1], ['cross-lingual', 0], ['nb', 2], ['en', 0]]);
    expect(row('short').modes).toEqual({
      hybrid: { recall: 1, mrr: 1, ndcg: 1 },
      vector: { recall: 1, mrr: 0.5, ndcg: 1 / log2(3) },
      lexical: { recall: 0, mrr: 0, ndcg: 0 },
    });
    // all, hybrid: recall (1 + 1) / 2; MRR (1 + 1) / 2; nDCG (1 + (1 + 1/log2(4)) / (1 + 1/log2(3))) / 2.
    expect(row('all').modes!.hybrid.recall).toBe(1);
    expect(row('all').modes!.hybrid.mrr).toBe(1);
    expect(row('all').modes!.hybrid.ndcg).toBeCloseTo((1 + 1.5 / (1 + 1 / log2(3))) / 2, 12);
    // all, vector: MRR (1/2 + 1/4) / 2; lexical: recall (0 + 1/2) / 2.
    expect(row('all').modes!.vector.mrr).toBe(0.375);
    expect(row('all').modes!.lexical.recall).toBe(0.25);
    expect(row('cross-lingual').modes).toBeNull();
    expect(table.perQuery.map((q) => [q.line, q.relevant, q.modes.vector.firstRelevantRank])).toEqual([
      [1, 1, 2],
      [2, 2, 4],
    ]);
  });

  it('formats aligned columns with three decimals, and a dash for an empty group', () => {
    const text = formatEvalTable(tabulate(outcomes, 10));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/hybrid.*vector.*lexical/);
    expect(lines[1]).toMatch(/^group\s+n\s+R@10\s+MRR@10\s+nDCG@10\s+R@10/);
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(['all', 'short', 'cross-lingual', 'nb', 'en']);
    expect(lines[3]).toMatch(/^short\s+1\s+1\.000\s+1\.000\s+1\.000\s+1\.000\s+0\.500\s+0\.631\s+0\.000\s+0\.000\s+0\.000$/);
    expect(lines[4]).toMatch(/^cross-lingual\s+0(\s+–){9}$/);
    // Every row is as long as the header: the columns line up.
    expect(new Set(lines.slice(1).map((l) => l.length)).size).toBe(1);
  });
});
