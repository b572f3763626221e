/**
 * Place names: the bundled list (place-list.ts), matched as whole capitalised words (several in a
 * row for «Oslo universitetssykehus»), and an unknown capitalised word right after a place
 * preposition («på Modum», «frå Sogndal») as a medium-confidence guess.
 */
import { NOT_NAMES } from './capitalised-words.js';
import { FIRST_NAMES, SURNAMES } from './name-list.js';
import { AMBIGUOUS_PLACES, PLACES } from './place-list.js';
import type { PiiMark } from './pii.js';
import { adjacent, genitiveBase, tokenize, type Token } from './tokens.js';

const BY_FIRST_WORD = new Map<string, string[][]>();
for (const place of PLACES) {
  const parts = place.split(/[ .]+/).filter(Boolean);
  const list = BY_FIRST_WORD.get(parts[0]!) ?? [];
  list.push(parts);
  list.sort((a, b) => b.length - a.length);
  BY_FIRST_WORD.set(parts[0]!, list);
}

// Not «til»/«to»: «sa til Kari» is as common as «flyttet til Kvinesdal», so a name wins there;
// not «at», which is «that» in Norwegian («etter at Gunnhild døde»).
export const PLACE_PREPOSITIONS = new Set(['i', 'på', 'fra', 'frå', 'ved', 'utenfor', 'utanfor', 'nær', 'in', 'from', 'near']);

/** A single word that is a known place (ignoring a genitive «Oslos»). */
export function isKnownPlace(key: string): boolean {
  return BY_FIRST_WORD.get(key)?.some((p) => p.length === 1) === true || (genitiveBase(key) !== undefined && isKnownPlace(genitiveBase(key)!));
}

export interface PlaceMatch {
  readonly first: number;
  /** Index of the last token, inclusive. */
  readonly last: number;
}

/** Known places in the token stream, longest first at each position. */
export function matchKnownPlaces(text: string, tokens: readonly Token[]): PlaceMatch[] {
  const matches: PlaceMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.capitalised && !token.acronym) continue;
    const key = token.key;
    const candidates = BY_FIRST_WORD.get(key) ?? BY_FIRST_WORD.get(genitiveBase(key) ?? '') ?? [];
    for (const parts of candidates) {
      if (!followedBy(text, tokens, i, parts)) continue;
      const last = i + parts.length - 1;
      const single = parts.length === 1;
      const prepositioned = PLACE_PREPOSITIONS.has(tokens[i - 1]?.key ?? '');
      if (single && AMBIGUOUS_PLACES.has(parts[0]!) && token.sentenceStart && !prepositioned) continue;
      if (single && token.acronym && !['sus', 'unn', 'ahus'].includes(parts[0]!)) continue;
      matches.push({ first: i, last });
      i = last;
      break;
    }
  }
  return matches;
}

function followedBy(text: string, tokens: readonly Token[], i: number, parts: readonly string[]): boolean {
  for (let k = 1; k < parts.length; k++) {
    const t = tokens[i + k];
    const previous = tokens[i + k - 1]!;
    // «St. Olavs hospital» is tokenised as «St» «Olavs» …: a full stop may sit between the words.
    if (!t || (!adjacent(text, previous, t) && !/^\.[ \u00a0]$/.test(text.slice(previous.end, t.start)))) return false;
    const want = parts[k]!;
    if (t.key !== want && !(k === parts.length - 1 && genitiveBase(t.key) === want)) return false;
  }
  return true;
}

export function detectPlaces(text: string): PiiMark[] {
  const tokens = tokenize(text);
  const marks: PiiMark[] = [];
  const covered = new Set<number>();
  for (const { first, last } of matchKnownPlaces(text, tokens)) {
    for (let k = first; k <= last; k++) covered.add(k);
    marks.push({ start: tokens[first]!.start, end: tokens[last]!.end, category: 'place', confidence: 'high', reason: 'known place name' });
  }
  tokens.forEach((token, i) => {
    if (covered.has(i) || !token.capitalised || token.sentenceStart) return;
    if (!PLACE_PREPOSITIONS.has(tokens[i - 1]?.key ?? '')) return;
    const key = genitiveBase(token.key) ?? token.key;
    if ([token.key, key].some((k) => NOT_NAMES.has(k) || FIRST_NAMES.has(k) || SURNAMES.has(k))) return;
    marks.push({ start: token.start, end: token.end, category: 'place', confidence: 'medium', reason: 'capitalised word after a place preposition' });
  });
  return marks;
}
