/**
 * The de-identification view's logic, pure: the marks the API found in each part of a story, the
 * editor's choice per mark, the preview those choices give, and the request that applies them.
 *
 * Offsets are UTF-16 code units into the part's text exactly as the API gave it, which is what
 * JavaScript strings index by, so `text.slice(start, end)` is the marked text. The preview is only
 * a preview: the API applies the decisions (and picks any pseudonym left blank).
 */
import type { StoryLanguage } from '../../../api/types.js';
import type { PiiCategory, PiiMark, PseudonymEntry, RedactionRequest, ReviewView, StoryPart, WireDecision } from '../staff-api.js';

export type Choice =
  | { readonly kind: 'label' }
  | { readonly kind: 'pseudonym'; readonly value: string }
  | { readonly kind: 'keep' };

export interface MarkRef {
  /** Unique within the story: `${part}:${start}:${end}`. */
  readonly key: string;
  readonly part: StoryPart;
  readonly mark: PiiMark;
  readonly original: string;
  /** The text already is a pseudonym this story's map gave (a re-detected replacement): keep it. */
  readonly alreadyPseudonym: boolean;
}

export interface PartText {
  readonly part: StoryPart;
  readonly text: string;
  readonly marks: readonly MarkRef[];
}

/** The editor's choices by mark key; a mark with no entry is undecided and left as it is. */
export type Decisions = Readonly<Record<string, Choice>>;

export type { StoryLanguage };
/** The story's language for the labels; an unknown code reads as Bokmål, the archive's main language. */
export const storyLanguage = (code: string): StoryLanguage => (code === 'nn' ? 'nn' : code === 'en' ? 'en' : 'nb');

// The same labels the API writes (services/moderation/redaction.ts), for the preview only.
const LABELS: Readonly<Record<StoryLanguage, Readonly<Record<PiiCategory, string>>>> = {
  nb: { person: 'navn', phone: 'telefon', email: 'e-post', national_id: 'fødselsnummer', address: 'adresse', postcode: 'postnummer', place: 'sted' },
  nn: { person: 'namn', phone: 'telefon', email: 'e-post', national_id: 'fødselsnummer', address: 'adresse', postcode: 'postnummer', place: 'stad' },
  en: { person: 'name', phone: 'phone', email: 'email', national_id: 'national ID number', address: 'address', postcode: 'postcode', place: 'place' },
};
export const labelFor = (category: PiiCategory, language: StoryLanguage): string => `[${LABELS[language][category]}]`;

/** How the API compares names: case, spacing, apostrophes and Unicode form do not matter. */
export const nameKey = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();

const partKey = (part: StoryPart) => String(part);
export const markKey = (part: StoryPart, mark: Pick<PiiMark, 'start' | 'end'>) => `${partKey(part)}:${mark.start}:${mark.end}`;

/** The text of a part of the story as the review view gives it; undefined if the story has no such part. */
export function textOfPart(story: ReviewView['story'], part: StoryPart): string | undefined {
  if (part === 'title') return story.title ?? undefined;
  if (part === 'body') return story.body ?? undefined;
  return story.segments?.[part]?.text;
}

/** Each part with its marks, in story order; marks out of range or overlapping an earlier one are dropped. */
export function partsWithMarks(view: Pick<ReviewView, 'story' | 'personalData' | 'pseudonyms'>): PartText[] {
  const replacements = new Set(view.pseudonyms.flatMap((p) => [nameKey(p.replacement), ...p.replacement.trim().split(/\s+/).map(nameKey)]));
  const parts: PartText[] = [];
  for (const { part, marks } of view.personalData) {
    const text = textOfPart(view.story, part);
    if (text === undefined) continue;
    const sorted = [...marks].filter((m) => m.start >= 0 && m.end <= text.length && m.end > m.start).sort((a, b) => a.start - b.start);
    const kept: MarkRef[] = [];
    for (const mark of sorted) {
      const last = kept.at(-1);
      if (last && mark.start < last.mark.end) continue;
      const original = text.slice(mark.start, mark.end);
      kept.push({ key: markKey(part, mark), part, mark, original, alreadyPseudonym: replacements.has(nameKey(original)) });
    }
    parts.push({ part, text, marks: kept });
  }
  return parts;
}

/** The pseudonym the story's map already gives this original, if any. */
export function knownPseudonym(pseudonyms: readonly PseudonymEntry[], original: string): string | undefined {
  const key = nameKey(original);
  return pseudonyms.find((p) => nameKey(p.original) === key)?.replacement;
}

/** What the system suggests for one mark: a pseudonym for a person, a label for anything else; keep what already is a pseudonym. */
export function suggestedChoice(ref: MarkRef, pseudonyms: readonly PseudonymEntry[]): Choice {
  if (ref.alreadyPseudonym) return { kind: 'keep' };
  if (ref.mark.category === 'person') return { kind: 'pseudonym', value: knownPseudonym(pseudonyms, ref.original) ?? '' };
  return { kind: 'label' };
}

export function acceptAll(parts: readonly PartText[], pseudonyms: readonly PseudonymEntry[]): Decisions {
  const decisions: Record<string, Choice> = {};
  for (const ref of parts.flatMap((p) => p.marks)) decisions[ref.key] = suggestedChoice(ref, pseudonyms);
  return syncPseudonyms(parts, decisions);
}

/** Sets one mark's choice; a pseudonym value typed for one mark goes to every pseudonym mark of the same name. */
export function choose(parts: readonly PartText[], decisions: Decisions, key: string, choice: Choice | undefined): Decisions {
  const next: Record<string, Choice> = { ...decisions };
  if (choice === undefined) delete next[key];
  else next[key] = choice;
  if (choice?.kind !== 'pseudonym') return next;
  const ref = parts.flatMap((p) => p.marks).find((m) => m.key === key);
  if (!ref) return next;
  for (const other of parts.flatMap((p) => p.marks)) {
    const current = next[other.key];
    if (other.key !== key && current?.kind === 'pseudonym' && nameKey(other.original) === nameKey(ref.original)) next[other.key] = { kind: 'pseudonym', value: choice.value };
  }
  return next;
}

/** Two marks of the same name with different typed pseudonyms would be refused by the API: the first typed one wins. */
function syncPseudonyms(parts: readonly PartText[], decisions: Record<string, Choice>): Decisions {
  const typed = new Map<string, string>();
  for (const ref of parts.flatMap((p) => p.marks)) {
    const c = decisions[ref.key];
    if (c?.kind === 'pseudonym' && c.value.trim() !== '' && !typed.has(nameKey(ref.original))) typed.set(nameKey(ref.original), c.value);
  }
  for (const ref of parts.flatMap((p) => p.marks)) {
    const c = decisions[ref.key];
    const value = typed.get(nameKey(ref.original));
    if (c?.kind === 'pseudonym' && value !== undefined) decisions[ref.key] = { kind: 'pseudonym', value };
  }
  return decisions;
}

export type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'mark'; readonly text: string; readonly ref: MarkRef };

/** A part's text cut into plain runs and marks, for rendering as text (never as HTML). */
export function piecesOf(part: PartText): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const ref of part.marks) {
    if (ref.mark.start > at) pieces.push({ kind: 'text', text: part.text.slice(at, ref.mark.start) });
    pieces.push({ kind: 'mark', text: ref.original, ref });
    at = ref.mark.end;
  }
  if (at < part.text.length || pieces.length === 0) pieces.push({ kind: 'text', text: part.text.slice(at) });
  return pieces;
}

export type PreviewPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'label' | 'pseudonym'; readonly text: string }
  /** A pseudonym the API will choose when the decisions are applied. */
  | { readonly kind: 'pending'; readonly original: string };

/** The part as it will read once the decisions are applied. */
export function previewOf(part: PartText, decisions: Decisions, pseudonyms: readonly PseudonymEntry[], language: StoryLanguage): PreviewPiece[] {
  const pieces: PreviewPiece[] = [];
  let plain = '';
  const flush = () => {
    if (plain) pieces.push({ kind: 'text', text: plain });
    plain = '';
  };
  for (const piece of piecesOf(part)) {
    const choice = piece.kind === 'mark' ? decisions[piece.ref.key] : undefined;
    if (piece.kind === 'text' || choice === undefined || choice.kind === 'keep') {
      plain += piece.text;
      continue;
    }
    flush();
    if (piece.kind !== 'mark') continue;
    if (choice.kind === 'label') pieces.push({ kind: 'label', text: labelFor(piece.ref.mark.category, language) });
    else {
      const value = choice.value.trim() || knownPseudonym(pseudonyms, piece.ref.original);
      pieces.push(value ? { kind: 'pseudonym', text: value } : { kind: 'pending', original: piece.ref.original });
    }
  }
  flush();
  return pieces;
}

/** The request that applies the decisions to `revision`; null when nothing is decided. */
export function redactionRequest(parts: readonly PartText[], decisions: Decisions, revision: number): RedactionRequest | null {
  const out: RedactionRequest['parts'][number][] = [];
  for (const part of parts) {
    const wire: WireDecision[] = [];
    for (const ref of part.marks) {
      const choice = decisions[ref.key];
      if (!choice) continue;
      const { start, end, category } = ref.mark;
      const value = choice.kind === 'pseudonym' ? choice.value.trim() : '';
      wire.push({
        start,
        end,
        category,
        replacement:
          choice.kind === 'label' ? { kind: 'label', category } : choice.kind === 'keep' ? { kind: 'keep' } : value ? { kind: 'pseudonym', value } : { kind: 'pseudonym' },
      });
    }
    if (wire.length > 0) out.push({ part: part.part, decisions: wire });
  }
  return out.length > 0 ? { revision, parts: out } : null;
}

export const countDecided = (parts: readonly PartText[], decisions: Decisions): number => parts.flatMap((p) => p.marks).filter((m) => decisions[m.key] !== undefined).length;
