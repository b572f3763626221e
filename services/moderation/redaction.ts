/**
 * Applies an editor's de-identification decisions to a story: each marked span becomes a category
 * label («[navn]»), a pseudonym kept consistent across the story, or stays as it is. Pure.
 *
 * Pseudonyms: the same original always gets the same pseudonym, compared case-insensitively and
 * across the genitive («Kari» → «Lina», so «Karis» → «Linas», «KARI» → «Lina»). A full name also
 * registers its parts («Kari Nordmann» → «Lina Berg» makes a later «Nordmann» → «Berg»). New
 * pseudonyms come from fixed lists in a fixed order, skipping any already used or occurring in the
 * text, so the same story and decisions always give the same result.
 */
import type { PiiCategory, PiiMark } from './pii/pii.js';
import { FIRST_NAMES, SURNAMES } from './pii/name-list.js';
import { PSEUDONYM_GIVEN_NAMES, PSEUDONYM_PLACES, PSEUDONYM_SURNAMES } from './pii/pseudonym-list.js';

export type Replacement = { readonly kind: 'label'; readonly category: PiiCategory } | { readonly kind: 'pseudonym'; readonly value?: string } | { readonly kind: 'keep' };

export interface RedactionDecision {
  readonly start: number;
  readonly end: number;
  /** What the span is; pseudonyms for a place come from place names, for anything else from person names. Default person. */
  readonly category?: PiiCategory;
  readonly replacement: Replacement;
}

export interface PseudonymEntry {
  readonly original: string;
  readonly replacement: string;
  readonly category: PiiCategory;
}

export interface AppliedRedaction {
  readonly start: number;
  readonly end: number;
  /** Where the replacement sits in the output text. */
  readonly outputStart: number;
  readonly outputEnd: number;
  readonly kind: Replacement['kind'];
}

export interface RedactionResult {
  readonly text: string;
  /** The story's pseudonym map: the entries passed in plus any created now. */
  readonly pseudonyms: PseudonymEntry[];
  readonly applied: AppliedRedaction[];
}

export type RedactionLanguage = 'nb' | 'nn' | 'en';
export interface RedactionOptions {
  readonly language?: RedactionLanguage;
}

export type RedactionErrorCode = 'out_of_range' | 'empty' | 'overlap' | 'splits_character' | 'conflicting_pseudonym';
export class RedactionError extends Error {
  constructor(
    readonly code: RedactionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RedactionError';
  }
}

const LABELS: Record<RedactionLanguage, Record<PiiCategory, string>> = {
  nb: { person: 'navn', phone: 'telefon', email: 'e-post', national_id: 'fødselsnummer', address: 'adresse', postcode: 'postnummer', place: 'sted' },
  nn: { person: 'namn', phone: 'telefon', email: 'e-post', national_id: 'fødselsnummer', address: 'adresse', postcode: 'postnummer', place: 'stad' },
  en: { person: 'name', phone: 'phone', email: 'email', national_id: 'national ID number', address: 'address', postcode: 'postcode', place: 'place' },
};

export const labelFor = (category: PiiCategory, language: RedactionLanguage = 'nb'): string => `[${LABELS[language][category]}]`;

/** Default decisions for detected marks: a pseudonym for a person, a label for everything else. */
export function suggestDecisions(marks: readonly PiiMark[]): RedactionDecision[] {
  return marks.map(({ start, end, category }) => ({
    start,
    end,
    category,
    replacement: category === 'person' ? { kind: 'pseudonym' } : { kind: 'label', category },
  }));
}

export function applyRedactions(
  text: string,
  decisions: readonly RedactionDecision[],
  pseudonyms: readonly PseudonymEntry[] = [],
  options: RedactionOptions = {},
): RedactionResult {
  const ordered = validate(text, decisions);
  const marked = new Set(ordered.filter((d) => d.replacement.kind === 'pseudonym').map((d) => keyOf(text.slice(d.start, d.end))));
  const map = new PseudonymMap(text, pseudonyms, marked);
  // Explicit values first, so an editor's choice wins wherever the same name appears.
  for (const d of ordered) {
    if (d.replacement.kind === 'pseudonym' && d.replacement.value !== undefined) map.set(text.slice(d.start, d.end), d.replacement.value, d.category ?? 'person', d);
  }
  let output = '';
  let cursor = 0;
  const applied: AppliedRedaction[] = [];
  for (const d of ordered) {
    const original = text.slice(d.start, d.end);
    const replacement =
      d.replacement.kind === 'keep'
        ? original
        : d.replacement.kind === 'label'
          ? labelFor(d.replacement.category, options.language)
          : map.pseudonymFor(original, d.category ?? 'person');
    output += text.slice(cursor, d.start);
    applied.push({ start: d.start, end: d.end, outputStart: output.length, outputEnd: output.length + replacement.length, kind: d.replacement.kind });
    output += replacement;
    cursor = d.end;
  }
  output += text.slice(cursor);
  return { text: output, pseudonyms: map.entries(), applied };
}

function validate(text: string, decisions: readonly RedactionDecision[]): RedactionDecision[] {
  const at = (d: RedactionDecision) => `decision [${d.start}, ${d.end})`;
  for (const d of decisions) {
    if (!Number.isInteger(d.start) || !Number.isInteger(d.end) || d.start < 0 || d.end > text.length) {
      throw new RedactionError('out_of_range', `${at(d)} is outside the text (length ${text.length})`);
    }
    if (d.end <= d.start) throw new RedactionError('empty', `${at(d)} is empty or reversed`);
    if (isLowSurrogate(text, d.start) || isLowSurrogate(text, d.end)) {
      throw new RedactionError('splits_character', `${at(d)} splits a character (offsets are UTF-16 code units)`);
    }
  }
  const ordered = [...decisions].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.start < ordered[i - 1]!.end) throw new RedactionError('overlap', `${at(ordered[i]!)} overlaps ${at(ordered[i - 1]!)}`);
  }
  return ordered;
}

const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!) && /[\uD800-\uDBFF]/.test(text[i - 1]!);

const keyOf = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();

/** «Karis» → {base «Karis» minus «s», suffix «s»}; «Kari's» → «'s»; «Jonas'» → «'». */
function genitiveSplit(original: string): { base: string; suffix: string } | undefined {
  const m = /^(.+?)('s|’s|s|'|’)$/u.exec(original);
  if (!m) return undefined;
  const [, base, suffix] = m as unknown as [string, string, string];
  if ((suffix === "'" || suffix === '’') && !/[sxz]$/i.test(base)) return undefined;
  return { base, suffix };
}

/** Norwegian genitive of a pseudonym: «Lina» → «Linas», «Jonas» → «Jonas'». */
const genitive = (name: string, suffix: string) => (suffix === 's' && /[sxz]$/i.test(name) ? `${name}'` : suffix === "'" || suffix === '’' ? (/[sxz]$/i.test(name) ? `${name}${suffix}` : `${name}s`) : `${name}${suffix}`);

class PseudonymMap {
  private readonly byKey = new Map<string, PseudonymEntry>();
  private readonly list: PseudonymEntry[] = [];
  private readonly used = new Set<string>();
  private readonly wordsInText: Set<string>;
  /** Originals given an explicit pseudonym in this call (two different ones for one name is an error). */
  private readonly fresh = new Set<string>();

  constructor(
    text: string,
    initial: readonly PseudonymEntry[],
    /** The originals of this call's pseudonym decisions, to tell «Karis» (genitive) from «Hans» (a name). */
    private readonly marked: ReadonlySet<string>,
  ) {
    this.wordsInText = new Set((text.normalize('NFC').toLowerCase().match(/\p{L}+/gu) ?? []));
    for (const entry of initial) this.add(entry);
  }

  entries(): PseudonymEntry[] {
    return [...this.list];
  }

  set(original: string, value: string, category: PiiCategory, d: RedactionDecision): void {
    const existing = this.find(original);
    if (existing && existing.fresh && keyOf(existing.entry.replacement) !== keyOf(value)) {
      throw new RedactionError('conflicting_pseudonym', `decision [${d.start}, ${d.end}) gives a pseudonym that differs from another decision for the same name`);
    }
    const base = this.find(original)?.entry.original ?? original;
    this.add({ original: base, replacement: value, category }, true);
  }

  pseudonymFor(original: string, category: PiiCategory): string {
    const found = this.find(original);
    if (found) return found.suffix ? genitive(found.entry.replacement, found.suffix) : found.entry.replacement;
    const split = genitiveSplit(original);
    // A genitive of a name not yet seen: map the base form, so «Kari» later gets the same pseudonym.
    const looksGenitive = split !== undefined && (this.marked.has(keyOf(split.base)) || FIRST_NAMES.has(keyOf(split.base)) || SURNAMES.has(keyOf(split.base)));
    const base = looksGenitive ? split.base : original;
    const replacement = this.generate(base, category);
    this.add({ original: base, replacement, category });
    return looksGenitive ? genitive(replacement, split.suffix) : replacement;
  }

  private add(entry: PseudonymEntry, fresh = false): void {
    const key = keyOf(entry.original);
    const index = this.list.findIndex((e) => keyOf(e.original) === key);
    if (index >= 0) this.list[index] = entry;
    else this.list.push(entry);
    this.byKey.set(key, entry);
    if (fresh) this.fresh.add(key);
    this.used.add(keyOf(entry.replacement));
    for (const word of entry.replacement.trim().split(/\s+/)) this.used.add(keyOf(word));
    // A full name's parts map to the pseudonym's parts, unless they already have their own.
    const parts = entry.original.trim().split(/\s+/);
    const replacementParts = entry.replacement.trim().split(/\s+/);
    if (parts.length > 1 && parts.length === replacementParts.length) {
      parts.forEach((part, i) => {
        if (!this.byKey.has(keyOf(part))) this.byKey.set(keyOf(part), { original: part, replacement: replacementParts[i]!, category: entry.category });
      });
    }
  }

  private find(original: string): { entry: PseudonymEntry; suffix?: string; fresh: boolean } | undefined {
    const key = keyOf(original);
    const direct = this.byKey.get(key);
    if (direct) return { entry: direct, fresh: this.fresh.has(key) };
    const split = genitiveSplit(original);
    const byBase = split && this.byKey.get(keyOf(split.base));
    return byBase && split ? { entry: byBase, suffix: split.suffix, fresh: this.fresh.has(keyOf(split.base)) } : undefined;
  }

  private generate(original: string, category: PiiCategory): string {
    const words = original.trim().split(/\s+/).length;
    const pick = (pool: readonly string[], taken: (name: string) => boolean) => pool.find((name) => !taken(name));
    // Not in the text, not even as a genitive: «Lina» must not turn «Karis» into a «Linas» that is already there.
    const inText = (w: string) => this.wordsInText.has(w) || this.wordsInText.has(`${w}s`);
    const free = (name: string) => !this.used.has(keyOf(name)) && !keyOf(name).split(' ').some(inText);
    if (category === 'place') return pick(PSEUDONYM_PLACES, (n) => !free(n)) ?? this.numbered('Sted');
    const given = pick(PSEUDONYM_GIVEN_NAMES, (n) => !free(n));
    if (!given) return this.numbered('Person');
    if (words < 2) return given;
    const surname = pick(PSEUDONYM_SURNAMES, (n) => !free(`${given} ${n}`) || !free(n));
    return surname ? `${given} ${surname}` : given;
  }

  private numbered(prefix: string): string {
    for (let n = 1; ; n++) if (!this.used.has(keyOf(`${prefix} ${n}`))) return `${prefix} ${n}`;
  }
}
