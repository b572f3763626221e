import { describe, expect, it } from 'vitest';
import { scoreThemes, suggestThemes, type SuggestTheme } from '../../indexer/themes/suggest-themes.js';

/** Unit vectors in a small space: axis i plus a little of the others, so cosines are realistic. */
function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / norm));
}
const axis = (i: number, lean = 0) => unit([0, 1, 2, 3, 4].map((j) => (j === i ? 1 : 0.2) + (j === 4 ? lean : 0)));

const themes: SuggestTheme[] = [
  { slug: 'tvang', vectors: [axis(0)], terms: ['tvangsinnlagt', 'belter'] },
  { slug: 'rusfrihet', vectors: [axis(1)], terms: ['rusfri', 'na'] },
  { slug: 'parorende', vectors: [axis(2)], terms: ['mamma'] },
  { slug: 'stigma', vectors: [axis(3)], terms: ['skam'] },
  // A broad theme: close to what every story in this archive leans towards (axis 4).
  { slug: 'mote-med-hjelpeapparatet', vectors: [axis(4)], terms: [] },
];
const passage = (vector: Float32Array, text = '') => ({ vector, text });

describe('scoreThemes', () => {
  it('ranks the theme the passages point to first', () => {
    const ranked = scoreThemes([passage(axis(0, 0.1)), passage(axis(0, 0.2))], themes);
    expect(ranked[0]!.slug).toBe('tvang');
    expect(ranked).toHaveLength(themes.length);
  });

  it('discounts a broad theme by the archive centroid', () => {
    // Every passage leans strongly towards the broad theme's direction …
    const passages = [passage(axis(1, 1.2)), passage(axis(1, 1.1))];
    expect(scoreThemes(passages, themes)[0]!.slug).toBe('mote-med-hjelpeapparatet');
    // … and so does the archive's average passage: relative to it, the story is about rusfrihet.
    const centroid = unit([0.3, 0.3, 0.3, 0.3, 1.3]);
    expect(scoreThemes(passages, themes, centroid)[0]!.slug).toBe('rusfrihet');
  });

  it('adds evidence for the theme words found as whole words, ignoring two-letter ones', () => {
    const neutral = unit([1, 1, 1, 1, 1]);
    const withWords = scoreThemes([passage(neutral, 'Jeg ble tvangsinnlagt og lagt i belter.')], themes);
    expect(withWords[0]!.slug).toBe('tvang');
    const inWords = scoreThemes([passage(neutral, 'Hun sa na-na og var ikke rusfrie ennå; beltervis.')], themes);
    expect(inWords.every((s) => s.score === inWords[0]!.score)).toBe(true);
  });

  it('gives nothing for a story without passages', () => {
    expect(scoreThemes([], themes)).toEqual([]);
  });
});

describe('suggestThemes', () => {
  const passages = [passage(axis(0), 'Jeg ble tvangsinnlagt. Mamma kom hver dag.'), passage(axis(2), 'Mamma satt hos meg.')];

  it('keeps at most top-k themes over the minimum score, best first', () => {
    const all = scoreThemes(passages, themes);
    const kept = suggestThemes(passages, themes, { topK: 1, minScore: -10 });
    expect(kept).toEqual([all[0]]);
    expect(suggestThemes(passages, themes, { topK: 5, minScore: 100 })).toEqual([]);
  });

  it('never suggests a theme that is already confirmed', () => {
    const kept = suggestThemes(passages, themes, { topK: 5, minScore: -10 }, { confirmed: ['tvang'] });
    expect(kept.map((s) => s.slug)).not.toContain('tvang');
    expect(kept).toHaveLength(themes.length - 1);
  });
});
