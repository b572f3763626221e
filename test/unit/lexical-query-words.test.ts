import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, MAX_WORD_CHARS, contentWords, letterCount, queryWords } from '../../services/lexical/query-words.js';
import { isStopWord } from '../../services/lexical/stop-words.js';

describe('queryWords', () => {
  it('splits on everything but letters, digits and marks, lower-cases, and keeps first appearances in order', () => {
    expect(queryWords('Belter, BELTER og «Tvangsinnleggelse» i 2019!')).toEqual(['belter', 'og', 'tvangsinnleggelse', 'i', '2019']);
    expect(queryWords('medication-free e-post')).toEqual(['medication', 'free', 'e', 'post']);
  });

  it('composes decomposed letters (NFC), so «å» typed as a + ring is one letter', () => {
    expect(queryWords('pa\u030Arørende')).toEqual(['pårørende']);
    expect(queryWords('ÆØÅ ærlig')).toEqual(['æøå', 'ærlig']);
  });

  it('turns engine and SQL syntax into plain words', () => {
    expect(queryWords('"lagt i belter"')).toEqual(['lagt', 'i', 'belter']);
    expect(queryWords('-medisiner --rus')).toEqual(['medisiner', 'rus']);
    expect(queryWords("'; DROP TABLE chunks; --")).toEqual(['drop', 'table', 'chunks']);
    expect(queryWords('audience = clinicians OR 1=1')).toEqual(['audience', 'clinicians', 'or', '1']);
    expect(queryWords('<script>alert("x")</script>')).toEqual(['script', 'alert', 'x']);
    expect(queryWords('belte:* & !rus <-> (a|b) \\')).toEqual(['belte', 'rus', 'a', 'b']);
    for (const word of queryWords('"a" -b c=d [e] {f} <g> ;h: \'i\' `j` %k _l_')) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('drops emoji, including joiners and variation selectors', () => {
    expect(queryWords('😀 🧑‍⚕️ ❤️ belter 👍🏽')).toEqual(['belter']);
    expect(queryWords('?! … — «» ""')).toEqual([]);
  });

  it('caps a long paste at MAX_QUERY_WORDS distinct words and ignores over-long "words"', () => {
    const paste = Array.from({ length: 100 }, (_, i) => `ord${i}`).join(' ');
    expect(queryWords(paste)).toHaveLength(MAX_QUERY_WORDS);
    expect(queryWords(`${'a'.repeat(MAX_WORD_CHARS + 1)} belter ${'b'.repeat(MAX_WORD_CHARS)}`)).toEqual(['belter', 'b'.repeat(MAX_WORD_CHARS)]);
  });
});

describe('contentWords', () => {
  it('leaves out Bokmål, Nynorsk and English stop words', () => {
    expect(contentWords('hvordan bli rusfri uten medisiner')).toEqual(['rusfri', 'medisiner']);
    expect(contentWords('korleis eg vart tvangsinnlagt')).toEqual(['tvangsinnlagt']);
    expect(contentWords('how to stop drinking')).toEqual(['stop', 'drinking']);
  });

  it('is empty for stop words or punctuation alone', () => {
    for (const text of ['og i på', 'the and of', 'hvordan kan jeg bli det?', 'Og I PÅ!', '?!', '']) expect(contentWords(text)).toEqual([]);
  });

  it('uses lower-case stop words (what queryWords produces)', () => {
    expect(['og', 'ikkje', 'the', 'å'].every(isStopWord)).toBe(true);
    expect(['tvang', 'belter', 'recovery'].some(isStopWord)).toBe(false);
  });
});

describe('letterCount', () => {
  it('counts letters, not digits or UTF-16 units', () => {
    expect(letterCount('æøå12')).toBe(3);
    expect(letterCount('tvangsinleggelse')).toBe(16);
  });
});
