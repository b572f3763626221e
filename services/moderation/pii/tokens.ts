/**
 * Word tokens with their offsets and what the name and place heuristics need to know about each:
 * is it capitalised, does it start a sentence, and the lowercased NFC form for list look-ups.
 */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** NFC + lowercase, for look-ups (the text itself is never rewritten). */
  readonly key: string;
  /** First letter upper case and not an all-capitals acronym («NAV», «DPS»). */
  readonly capitalised: boolean;
  readonly acronym: boolean;
  /** First word of the text, of a sentence, a line, or of quoted speech. */
  readonly sentenceStart: boolean;
}

const WORD = /\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*/gu;
// Abbreviations whose full stop does not end a sentence («dr. Hansen», «kl. 14»).
const ABBREVIATIONS = new Set(['dr', 'ca', 'kl', 'nr', 'st', 'mr', 'mrs', 'ms', 'jf', 'evt', 'bl', 'f', 'a', 'ev', 'prof', 'fru', 'frk', 'hr', 'pr', 'tlf', 'mob', 'eks', 'vs', 'dvs', 'mht', 'ifm', 'iflg', 'ref']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let previous: string | undefined;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const between = text.slice(previousEnd, m.index);
    const first = word[0]!;
    const letters = word.replace(/[^\p{L}]/gu, '');
    // «DPS-et», «NAV-kontoret» are acronyms with an ending; «D-nummer», «A-larm» start with a letter prefix.
    const head = word.split(/[-'’]/)[0]!;
    const allCaps = (s: string) => s.length > 1 && s === s.toUpperCase() && s !== s.toLowerCase();
    const acronym = allCaps(letters) || (word.includes('-') && allCaps(head));
    const prefixed = /^\p{L}-/u.test(word);
    const capitalised = first !== first.toLowerCase() && first === first.toUpperCase() && !acronym && !prefixed;
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      text: word,
      key: word.normalize('NFC').toLowerCase().replace(/’/g, "'"),
      capitalised,
      acronym,
      sentenceStart: previous === undefined || startsSentence(between, previous),
    });
    previous = word;
    previousEnd = m.index + word.length;
  }
  return tokens;
}

function startsSentence(between: string, previousWord: string): boolean {
  if (/\n/.test(between)) return true;
  if (/^\.\s/.test(between) && ABBREVIATIONS.has(previousWord.toLowerCase())) return false;
  // «…» quotes, dashes and brackets may open speech after the punctuation.
  return /[.!?:;…]\s*[«"“'‘(–—-]?\s*$/.test(between) || /^\s*[«"“]\s*$/.test(between) || /(?:^|\s)[–—-]\s+$/.test(between);
}

/** Text between two tokens is a single space (or hyphen): they can belong to one name. */
export const adjacent = (text: string, a: Token, b: Token): boolean => /^[ \u00a0]$/.test(text.slice(a.end, b.start));

/** Strips a genitive ending: «Karis» → «kari», «Jonas'» → «jonas», «Kari's» → «kari». */
export function genitiveBase(key: string): string | undefined {
  if (/'s$/.test(key)) return key.slice(0, -2);
  if (/[sxz]'$/.test(key)) return key.slice(0, -1);
  if (/[^s]s$/.test(key) && key.length > 3) return key.slice(0, -1);
  return undefined;
}
