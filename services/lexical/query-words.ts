import { isStopWord } from './stop-words.js';

/*
 * User text → plain words, the only form in which a query reaches a lexical engine. A word
 * is a run of letters, combining marks and digits; everything else (quotes, a leading `-`,
 * `=`, `;`, brackets, emoji) only separates words. So `"lagt i belter"`, `-medisiner`,
 * `audience = clinicians OR 1=1` and `'; DROP TABLE chunks; --` are searched as the words
 * they contain, and no engine ever sees phrase, negation, filter or SQL syntax from a user.
 */

/** More words than this add nothing to a search but cost (a pasted page); the rest are ignored. */
export const MAX_QUERY_WORDS = 32;
/** Longer "words" are not words (a hash, a pasted URL without separators): ignored. */
export const MAX_WORD_CHARS = 60;

// A letter or digit, then letters, digits and combining marks: a lone variation selector (emoji) is no word.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The distinct words of `text`, lower-cased, in order of first appearance (NFC, so «å» is one letter). */
export function queryWords(text: string): string[] {
  const words = new Set<string>();
  for (const [word] of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    if (word.length > MAX_WORD_CHARS) continue;
    words.add(word);
    if (words.size === MAX_QUERY_WORDS) break;
  }
  return [...words];
}

/** The words that carry meaning: stop words (nb, nn, en) left out. Empty for "og i på", "the and", "?!". */
export function contentWords(text: string): string[] {
  return queryWords(text).filter((word) => !isStopWord(word));
}

/** Letters in a word (not UTF-16 units): the trigram fallback only tries words of some length. */
export function letterCount(word: string): number {
  return [...word.matchAll(/\p{L}/gu)].length;
}
