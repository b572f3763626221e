/**
 * Paragraph and sentence boundaries for Norwegian (Bokmål, Nynorsk) and English prose.
 * Pure and offset-based: callers slice the source themselves, so a passage's text is
 * always exactly the stretch of the story it points at.
 */

/** A stretch of a text by character offsets: `text.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Words whose final period is not a sentence end. Matched exactly, or with the first
 * letter lower-cased (sentence-initial «F.eks.», «Ca.», «Mr.»), but never case-folded
 * further: «Hun har MS. Det …» must still end at «MS.».
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Norwegian
  'f.eks.', 'bl.a.', 'dvs.', 'ca.', 'osv.', 'evt.', 'ev.', 'o.l.', 'm.m.', 'mht.', 'pga.', 'iht.', 'jf.', 'kl.', 'nr.',
  'o.a.', 'ifb.', 'forts.', 'tlf.', 'avd.', 'inkl.', 'ekskl.', 'mv.', 'ift.', 'iflg.', 'ang.', 'vedr.', 'sml.', 'pr.',
  // English and shared
  'etc.', 'e.g.', 'i.e.', 'vs.', 'Dr.', 'dr.', 'St.', 'mr.', 'mrs.', 'ms.', 'prof.', 'ref.',
]);

/** «den 3. Mai» / «3. March»: a number before a month name is an ordinal, whatever the case. */
const MONTHS: ReadonlySet<string> = new Set([
  'januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'des',
  'january', 'february', 'march', 'may', 'june', 'july', 'october', 'december', 'oct', 'dec',
]);

/**
 * A candidate sentence end: terminal punctuation, then closing quotes/brackets, then
 * whitespace and something that can open a sentence (capital, digit, quote, opening
 * bracket, or the Norwegian dialogue dash «– »). A lower-case continuation («…» sa hun)
 * is never an end.
 */
const SENTENCE_END = /[.!?…]+[»"”’)\]]*(?=\s+[\p{Lu}\p{Nd}«"“„'‘([–—-])/gu;
/** A blank line (spaces, tabs or \r allowed on it). */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/g;
const OPENERS = /^[(«"“„'‘[]+/u;
const INITIALS = /^(\p{Lu}\.)*\p{Lu}$/u;
const WHITESPACE = /\s/;

const whole = (text: string): Span => ({ start: 0, end: text.length });

/** Paragraphs (separated by blank lines), trimmed; blank input gives none. */
export function splitParagraphs(text: string, within: Span = whole(text)): Span[] {
  const part = text.slice(within.start, within.end);
  const cuts: number[] = [];
  for (const match of part.matchAll(PARAGRAPH_BREAK)) cuts.push(match.index);
  return spansBetween(text, within, cuts);
}

/**
 * Sentences of `text` (or of the part `within`), trimmed, in order, together covering every
 * non-space character. Paragraph breaks always end a sentence.
 */
export function splitSentences(text: string, within: Span = whole(text)): Span[] {
  return splitParagraphs(text, within).flatMap((paragraph) => sentencesOfParagraph(text, paragraph));
}

function sentencesOfParagraph(text: string, paragraph: Span): Span[] {
  const part = text.slice(paragraph.start, paragraph.end);
  const cuts: number[] = [];
  for (const match of part.matchAll(SENTENCE_END)) {
    if (!endsSentence(part, match.index, match[0])) continue;
    cuts.push(match.index + match[0].length);
  }
  return spansBetween(text, paragraph, cuts);
}

/** Whether the punctuation `mark` found at `at` in `part` really ends a sentence. */
function endsSentence(part: string, at: number, mark: string): boolean {
  // «?», «!», «…» and «...» end sentences; only a lone period can belong to a word.
  if (!/^\.(?![.!?…])/.test(mark)) return true;
  const word = wordBefore(part, at).replace(OPENERS, '');
  if (word === '') return true;
  if (isAbbreviation(`${word}.`)) return false;
  if (INITIALS.test(word)) return false; // «Ola N. Hansen», «J.R.R. Tolkien»
  if (/^\d+$/.test(word)) return !isOrdinal(part, at + mark.length);
  return true;
}

export function isAbbreviation(wordWithPeriod: string): boolean {
  if (ABBREVIATIONS.has(wordWithPeriod)) return true;
  const first = wordWithPeriod.charAt(0);
  return ABBREVIATIONS.has(first.toLowerCase() + wordWithPeriod.slice(1));
}

/**
 * «den 3. mai» never reaches here (lower case follows); «den 17. Mai» and «3. March» do.
 * Any other number before a capital is taken as a sentence end, because «Jeg var 17. Da
 * begynte det.» is far more common in these stories than «2. Verdenskrig».
 */
function isOrdinal(part: string, after: number): boolean {
  const next = /^\s+(\p{L}+)/u.exec(part.slice(after, after + 40))?.[1];
  return next !== undefined && MONTHS.has(next.toLowerCase());
}

function wordBefore(part: string, at: number): string {
  let start = at;
  while (start > 0 && !WHITESPACE.test(part.charAt(start - 1))) start--;
  return part.slice(start, at);
}

/** The trimmed, non-empty stretches of `within` between consecutive cut offsets (relative to `within`). */
function spansBetween(text: string, within: Span, cuts: readonly number[]): Span[] {
  const spans: Span[] = [];
  let from = within.start;
  for (const cut of [...cuts.map((c) => within.start + c), within.end]) {
    const span = trimSpan(text, from, cut);
    if (span) spans.push(span);
    from = cut;
  }
  return spans;
}

/** `start..end` without surrounding whitespace, or undefined when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && WHITESPACE.test(text.charAt(s))) s++;
  while (e > s && WHITESPACE.test(text.charAt(e - 1))) e--;
  return s < e ? { start: s, end: e } : undefined;
}
