/**
 * De-identification assist: marks likely personal data in a story so an editor can replace each
 * mark with a category label or a pseudonym (services/moderation/redaction.ts). Pure: no I/O.
 *
 * Offsets are UTF-16 code-unit offsets into the text exactly as given, so `text.slice(start, end)`
 * is the marked text. Detectors never rewrite the text; where a look-up needs NFC (a name typed with
 * a combining ring, «Å» as «A» + U+030A), only the looked-up token is normalised, so offsets stay true.
 */
import { detectAddresses, detectPostcodes } from './address.js';
import { detectEmails } from './email.js';
import { detectNationalIds } from './national-id.js';
import { detectPersons } from './names.js';
import { detectPhones } from './phone.js';
import { detectPlaces } from './places.js';

export const PII_CATEGORIES = ['national_id', 'email', 'phone', 'address', 'postcode', 'person', 'place'] as const;
/** In order of precedence: when two candidate marks overlap, the earlier category wins. */
export type PiiCategory = (typeof PII_CATEGORIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface PiiMark {
  readonly start: number;
  readonly end: number;
  readonly category: PiiCategory;
  readonly confidence: Confidence;
  /** Why the span was marked, for the editor (never contains the marked text itself). */
  readonly reason: string;
}

export interface DetectOptions {
  /** Only these categories (default: all). */
  readonly categories?: readonly PiiCategory[];
  /** Drop marks below this confidence (default 'low': keep everything an editor should look at). */
  readonly minConfidence?: Confidence;
}

const rank = (c: Confidence) => CONFIDENCES.indexOf(c);
const precedence = (c: PiiCategory) => PII_CATEGORIES.indexOf(c);

type Detector = (text: string) => PiiMark[];
const DETECTORS: Record<PiiCategory, Detector> = {
  national_id: detectNationalIds,
  email: detectEmails,
  phone: detectPhones,
  address: detectAddresses,
  postcode: detectPostcodes,
  person: detectPersons,
  place: detectPlaces,
};

/** Marks likely personal data in `text`: non-overlapping, sorted by start. */
export function detectPersonalData(text: string, options: DetectOptions = {}): PiiMark[] {
  const categories = options.categories ?? PII_CATEGORIES;
  const minimum = rank(options.minConfidence ?? 'low');
  const candidates = categories.flatMap((category) => DETECTORS[category](text));
  return resolveOverlaps(candidates).filter((m) => rank(m.confidence) <= minimum);
}

/**
 * Keeps a non-overlapping subset: by category precedence (national_id > email > phone > address >
 * postcode > person > place), then the longer span, then the earlier one. Touching spans do not overlap.
 */
export function resolveOverlaps(candidates: readonly PiiMark[]): PiiMark[] {
  const ordered = [...candidates].sort(
    (a, b) => precedence(a.category) - precedence(b.category) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiMark[] = [];
  for (const mark of ordered) {
    if (mark.end <= mark.start) continue;
    if (!kept.some((k) => k.start < mark.end && mark.start < k.end)) kept.push(mark);
  }
  return kept.sort((a, b) => a.start - b.start);
}
