import { describe, expect, it } from 'vitest';
import { editDistance, recogniseThemes, sameWord, type ThemeWords } from '../../services/search/theme-match.js';

const THEMES: ThemeWords[] = [
  {
    slug: 'tvang',
    labelNb: 'Tvang',
    labelEn: 'Coercion',
    termsNb: ['tvangsinnleggelse', 'belter', 'lagt i belter', 'innlagt mot min vilje'],
    termsEn: ['forced admission', 'restraint', 'against my will'],
  },
  {
    slug: 'rusfrihet',
    labelNb: 'Rusfrihet',
    labelEn: 'Recovery from substance use',
    termsNb: ['rusfri', 'bli rusfri', 'avrusning'],
    termsEn: ['detox', 'sober', 'recovery'],
  },
  {
    slug: 'rop',
    labelNb: 'Rus og psykisk lidelse (ROP)',
    labelEn: 'Co-occurring disorders',
    termsNb: ['dobbeltdiagnose'],
    termsEn: ['dual diagnosis', 'recovery'],
  },
];

const slugs = (query: string) => recogniseThemes(query, THEMES).themes.map((t) => t.slug);

describe('recogniseThemes', () => {
  it('finds a theme by its label or one of its terms, in either language', () => {
    expect(slugs('tvangsinnleggelse')).toEqual(['tvang']);
    expect(slugs('Forced admission')).toEqual(['tvang']);
    expect(slugs('detox')).toEqual(['rusfrihet']);
    expect(slugs('dobbeltdiagnose')).toEqual(['rop']);
  });

  it('forgives an inflection and one typo in a long word', () => {
    expect(slugs('tvangsinnleggelsen')).toEqual(['tvang']);
    expect(slugs('tvangsinleggelse')).toEqual(['tvang']);
    expect(slugs('beltene')).toEqual(['tvang']);
  });

  it('does not match a short word by typo, nor a word that merely contains a term', () => {
    expect(slugs('sobel')).toEqual([]);
    expect(slugs('bilde')).toEqual([]);
    expect(slugs('kaffe og vær')).toEqual([]);
  });

  it('matches multi-word terms only as a phrase', () => {
    expect(slugs('mot min vilje ble jeg innlagt')).toEqual([]);
    expect(slugs('jeg ble innlagt mot min vilje')).toEqual(['tvang']);
  });

  it('splits a label with a parenthesis into the two things people type', () => {
    expect(slugs('ROP')).toEqual([]); // three letters: too short to stand alone safely
    expect(slugs('rus og psykisk lidelse')).toEqual(['rop']);
  });

  it('returns every theme a shared term belongs to', () => {
    expect(slugs('recovery')).toEqual(['rusfrihet', 'rop']);
  });

  it('measures how much of the query the theme words cover, ignoring stop words', () => {
    expect(recogniseThemes('tvangsinnleggelse', THEMES).coverage).toBe(1);
    expect(recogniseThemes('å bli rusfri', THEMES).coverage).toBe(1);
    expect(recogniseThemes('hvordan var det å bli lagt i belter på sykehuset', THEMES).coverage).toBeCloseTo(2 / 3, 5);
    expect(recogniseThemes('og i på', THEMES)).toEqual({ themes: [], coverage: 0 });
  });

  it('hands back the vocabulary for lexical expansion', () => {
    const [tvang] = recogniseThemes('belter', THEMES).themes;
    expect(tvang!.vocabulary).toEqual(expect.arrayContaining(['tvang', 'coercion', 'lagt i belter', 'forced admission']));
  });
});

describe('word matching', () => {
  it('counts adjacent swaps as one edit', () => {
    expect(editDistance('tvnag', 'tvang')).toBe(1);
    expect(editDistance('innleggelse', 'inleggelse')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('allows no typo below 7 letters, one from 7, two from 12', () => {
    expect(sameWord('bolte', 'belte')).toBe(false);
    expect(sameWord('avrusnig', 'avrusning')).toBe(true);
    expect(sameWord('tvangsinlegelse', 'tvangsinnleggelse')).toBe(true);
    expect(sameWord('tvangsilegelse', 'tvangsinnleggelse')).toBe(false);
  });
});
