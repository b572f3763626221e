/**
 * Person names: the bundled name lists (name-list.ts) plus capitalisation heuristics, because a
 * story's names are often not on any list. Recall comes first (an editor reviews every mark), but a
 * capitalised word that is merely the first word of a sentence is not a name unless the lists or
 * the context say so.
 *
 *  - high: a known given name (not one that is also an everyday word at the start of a sentence,
 *    «Per dag …», «Vår lege …»), a known surname next to another capitalised word, or any
 *    capitalised word after a title or a naming phrase («dr. Hansen», «psykologen Trude»,
 *    «en mann som heter Zakarias», «kalt Bamse»);
 *  - medium: two or more capitalised words in a row mid-sentence, a lone known surname, or a
 *    capitalised word before the possessive «sin/sitt/sine/si» («Kari sin mor»);
 *  - low: a lone unknown capitalised word mid-sentence.
 * A mark spans the whole name as written, genitive included («Karis»).
 */
import { NOT_NAMES } from './capitalised-words.js';
import { FIRST_NAMES, SURNAMES } from './name-list.js';
import type { Confidence, PiiMark } from './pii.js';
import { isKnownPlace, matchKnownPlaces, PLACE_PREPOSITIONS } from './places.js';
import { adjacent, genitiveBase, tokenize, type Token } from './tokens.js';

const TITLES = new Set(
  `dr doktor lege legen fastlege fastlegen overlege overlegen psykolog psykologen psykiater psykiateren
  sykepleier sykepleieren sjukepleiar sjukepleiaren terapeut terapeuten miljøterapeut miljøterapeuten
  saksbehandler saksbehandleren sakshandsamar kontaktperson kontaktpersonen primærkontakt primærkontakten
  erfaringskonsulent erfaringskonsulenten prest presten pastor imam advokat advokaten veileder veilederen
  rådgiver rådgiveren lærer læreren fru frøken herr mr mrs ms miss nurse doctor professor onkel tante
  bror broren søster søsteren venn vennen venninne venninnen venninna kompis kompisen kjæresten samboer
  samboeren sønnen datteren dottera guten jenta mannen kona naboen sjefen brother sister therapist
  counsellor counselor friend uncle aunt son daughter husband wife partner`.split(/\s+/),
);
const NAMING = /(?:\bsom\s+(?:heter|het|heiter|heitte)|\bheter|\bhet|\bheiter|\bkalt|\bkalla|\bkalte|\bkaller|\bnavnet|\bnamnet|\bnamed|\bcalled|\bname\s+is|\bname\s+was)\s*[«"“]?\s*$/iu;
const POSSESSIVES = new Set(['sin', 'sitt', 'sine', 'si']);
/** Given names that are also everyday words when they start a sentence. */
const EVERYDAY = new Set(['hans', 'per', 'liv', 'live', 'vår', 'sol', 'mai', 'august', 'are', 'even', 'bo', 'tor', 'gry', 'tone', 'line', 'else', 'ravn', 'tale', 'june', 'will', 'may', 'mark', 'bror', 'odd', 'kim', 'inge', 'signe', 'siv', 'eli', 'ola']);

const lookups = (t: Token) => {
  const base = genitiveBase(t.key);
  const parts = t.key.includes('-') ? t.key.split('-') : [];
  return [t.key, ...(base ? [base] : []), ...parts];
};
const isFirst = (t: Token) => lookups(t).some((k) => FIRST_NAMES.has(k));
const isSurname = (t: Token) => lookups(t).some((k) => SURNAMES.has(k));
// «Hans» is a name even though «han» is a pronoun: the genitive reading only counts for unknown words.
const isNotName = (t: Token) => NOT_NAMES.has(t.key) || (!isFirst(t) && !isSurname(t) && NOT_NAMES.has(genitiveBase(t.key) ?? ''));

export function detectPersons(text: string): PiiMark[] {
  const tokens = tokenize(text);
  const inMultiWordPlace = new Set<number>();
  for (const { first, last } of matchKnownPlaces(text, tokens)) {
    if (last > first) for (let k = first; k <= last; k++) inMultiWordPlace.add(k);
  }
  const nameish = (i: number) => {
    const t = tokens[i]!;
    // A known name in capitals («KARI») is still a name; other all-capital words are acronyms («NAV»).
    const shouted = t.acronym && t.text.length > 2 && (isFirst(t) || isSurname(t));
    // A lone capital letter is a road («E6»), a grade or an initial, not a name on its own.
    return (t.capitalised || shouted) && t.text.length > 1 && !isNotName(t) && !inMultiWordPlace.has(i);
  };
  const marks: PiiMark[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!nameish(i)) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < tokens.length && nameish(last + 1) && !tokens[last + 1]!.sentenceStart && adjacent(text, tokens[last]!, tokens[last + 1]!)) last++;
    let first = i;
    // A sentence's first word joins a name only when it is a name itself («Kari Hansen kom»), not «Da Kari kom».
    const opener = tokens[first]!;
    if (opener.sentenceStart && !startsAName(opener, last > first ? tokens[first + 1] : undefined, possessiveAfter(text, tokens, first))) first++;
    if (first <= last) {
      const mark = classify(text, tokens, first, last);
      if (mark) marks.push(mark);
    }
    i = last + 1;
  }
  return marks;
}

function startsAName(opener: Token, next: Token | undefined, possessive: boolean): boolean {
  if (possessive) return true;
  if (isFirst(opener) && !EVERYDAY.has(opener.key)) return true;
  if (next !== undefined && (isFirst(opener) || isSurname(opener)) && (isFirst(next) || isSurname(next))) return true;
  return false;
}

function possessiveAfter(text: string, tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return next !== undefined && POSSESSIVES.has(next.key) && adjacent(text, tokens[i]!, next);
}

function classify(text: string, tokens: readonly Token[], first: number, last: number): PiiMark | undefined {
  const group = tokens.slice(first, last + 1);
  const previous = tokens[first - 1];
  const before = text.slice(Math.max(0, group[0]!.start - 24), group[0]!.start);
  const titled = previous !== undefined && TITLES.has(previous.key) && /^\.?,?\s+$/.test(text.slice(previous.end, group[0]!.start));
  const named = NAMING.test(before);
  const possessive = possessiveAfter(text, tokens, last);
  const single = group.length === 1;
  const only = group[0]!;
  const sentenceFirst = only.sentenceStart;

  let confidence: Confidence | undefined;
  let reason = '';
  if (group.some((t) => isFirst(t) && !(single && sentenceFirst && EVERYDAY.has(t.key)))) {
    [confidence, reason] = ['high', 'known given name'];
  } else if (titled || named) {
    [confidence, reason] = ['high', titled ? 'capitalised word after a title' : 'capitalised word after a naming phrase'];
  } else if (!single && group.some(isSurname)) {
    [confidence, reason] = ['high', 'known surname with another capitalised word'];
  } else if (!single) {
    [confidence, reason] = ['medium', 'capitalised words in a row'];
  } else if (possessive) {
    [confidence, reason] = ['medium', 'capitalised word before a possessive (sin/sitt/sine)'];
  } else if (isKnownPlace(only.key) || (previous !== undefined && PLACE_PREPOSITIONS.has(previous.key) && !isSurname(only))) {
    confidence = undefined; // a place (places.ts), not a person
  } else if (isSurname(only)) {
    [confidence, reason] = ['medium', 'known surname'];
  } else if (!sentenceFirst) {
    [confidence, reason] = ['low', 'capitalised word mid-sentence'];
  }
  if (!confidence) return undefined;
  return { start: group[0]!.start, end: group[group.length - 1]!.end, category: 'person', confidence, reason };
}
