import { describe, expect, it } from 'vitest';
import { fuse, type RankedList, type RankedPassage } from '../../services/search/fusion.js';
import { random } from '../support/seeded-random.js';

const OPTIONS = { k: 60, passagesPerStory: 3 };
const hit = (passageId: string, storyId: string, ordinal: number, quality?: number): RankedPassage => ({
  passageId,
  storyId,
  ordinal,
  ...(quality !== undefined ? { quality } : {}),
});

describe('fuse (reciprocal rank fusion, grouped by story)', () => {
  it('scores a passage by the sum of weight / (k + rank) over the lists that hold it', () => {
    const lists: RankedList[] = [
      { source: 'vector', weight: 1, hits: [hit('p1', 's1', 0), hit('p2', 's2', 0)] },
      { source: 'lexical', weight: 1, hits: [hit('p2', 's2', 0)] },
    ];
    const [first, second] = fuse(lists, OPTIONS);
    expect(first!.storyId).toBe('s2');
    expect(first!.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
    expect(first!.passages[0]!.matchedBy).toEqual(['vector', 'lexical']);
    expect(second!.score).toBeCloseTo(1 / 61, 10);
  });

  it('lets weight and quality scale a list and a hit, and drops a list of weight 0', () => {
    const lists: RankedList[] = [
      { source: 'vector', weight: 0, hits: [hit('p1', 's1', 0)] },
      { source: 'lexical', weight: 0.5, hits: [hit('p2', 's2', 0, 0.5)] },
    ];
    const fused = fuse(lists, OPTIONS);
    expect(fused.map((s) => s.storyId)).toEqual(['s2']);
    expect(fused[0]!.score).toBeCloseTo(0.25 / 61, 10);
  });

  it('keeps up to passagesPerStory passages per story, the best ones, shown in story order', () => {
    const lists: RankedList[] = [
      { source: 'vector', weight: 1, hits: [hit('p9', 's1', 9), hit('p2', 's1', 2), hit('p5', 's1', 5), hit('p1', 's1', 1)] },
    ];
    const [story] = fuse(lists, OPTIONS);
    expect(story!.passages.map((p) => p.passageId)).toEqual(['p2', 'p5', 'p9']);
    expect(story!.score).toBeCloseTo(1 / 61 + 0.5 / 62 + 0.25 / 63, 10);
  });

  it('ranks a story that speaks of the matter in several passages above one that mentions it once at the same rank', () => {
    const lists: RankedList[] = [
      { source: 'vector', weight: 1, hits: [hit('a1', 'a', 0), hit('b1', 'b', 0), hit('b2', 'b', 1)] },
      { source: 'lexical', weight: 1, hits: [hit('b1', 'b', 0), hit('a1', 'a', 0)] },
    ];
    expect(fuse(lists, OPTIONS).map((s) => s.storyId)).toEqual(['b', 'a']);
  });

  it('counts a passage once per list even if a list repeats it', () => {
    const once = fuse([{ source: 'vector', weight: 1, hits: [hit('p1', 's1', 0)] }], OPTIONS);
    const twice = fuse([{ source: 'vector', weight: 1, hits: [hit('p1', 's1', 0), hit('p1', 's1', 0)] }], OPTIONS);
    expect(twice[0]!.score).toBe(once[0]!.score);
  });

  it('breaks ties the same way whatever order the lists come in', () => {
    const a: RankedList = { source: 'vector', weight: 1, hits: [hit('x', 'sx', 0), hit('y', 'sy', 0)] };
    const b: RankedList = { source: 'lexical', weight: 1, hits: [hit('y', 'sy', 0), hit('x', 'sx', 0)] };
    const one = fuse([a, b], OPTIONS).map((s) => s.storyId);
    const other = fuse([b, a], OPTIONS).map((s) => s.storyId);
    expect(one).toEqual(other);
    expect(one).toEqual(['sx', 'sy']);
  });

  it('holds its invariants on random lists: every story once, sorted by score, passages in story order, no more than the limit', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const rnd = random(seed).next;
      const lists: RankedList[] = (['vector', 'lexical', 'theme'] as const).map((source) => ({
        source,
        weight: rnd() * 2,
        hits: Array.from({ length: Math.floor(rnd() * 40) }, () => {
          const story = Math.floor(rnd() * 12);
          const ordinal = Math.floor(rnd() * 8);
          return hit(`p${story}-${ordinal}`, `s${story}`, ordinal, rnd());
        }),
      }));
      const fused = fuse(lists, OPTIONS);
      const ids = fused.map((s) => s.storyId);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 1; i < fused.length; i++) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
      for (const story of fused) {
        expect(story.passages.length).toBeGreaterThan(0);
        expect(story.passages.length).toBeLessThanOrEqual(3);
        const ordinals = story.passages.map((p) => p.ordinal);
        expect(ordinals).toEqual([...ordinals].sort((x, y) => x - y));
      }
      expect(fuse(lists, OPTIONS)).toEqual(fused);
    }
  });
});
