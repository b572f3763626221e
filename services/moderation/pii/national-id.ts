/**
 * Norwegian national identity numbers (fødselsnummer) and their variants: 11 digits, DDMMYY + a
 * three-digit individual number + two mod-11 check digits.
 *
 * Accepted date forms (the check digits are computed the same way for all):
 *  - fødselsnummer: DD 01–31, MM 01–12;
 *  - D-number (temporary residents): first digit + 4, so DD 41–71;
 *  - H-number (health-service help number): MM + 40, so MM 41–52;
 *  - synthetic test numbers (Skatteetaten's Tenor test data): MM + 80, so MM 81–92. These are not
 *    real people, but a story that contains one was still written as if it were personal data.
 *
 * Confidence: valid check digits → high. Eleven digits whose first six still read as one of the date
 * forms above but whose check digits fail → low: a mistyped number, or a number issued under the
 * relaxed first-check-digit rule planned for 2032, is still someone's number and an editor should see
 * it. Eleven digits that do not read as a date are not marked (account numbers and the like).
 */
import type { PiiMark } from './pii.js';

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** The check digit for `digits` with `weights`, or undefined when none exists (remainder 1 → 10). */
function checkDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? undefined : k;
}

/** Both check digits for the first nine digits, or undefined when that prefix cannot be completed. */
export function checkDigitsFor(firstNine: string): string | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new Error(`checkDigitsFor needs 9 digits, got ${firstNine.length} characters`);
  const digits = [...firstNine].map(Number);
  const k1 = checkDigit(digits, W1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...digits, k1], W2);
  return k2 === undefined ? undefined : `${k1}${k2}`;
}

export type NationalIdKind = 'fnr' | 'd-number' | 'h-number' | 'synthetic';

/** Which date form the first six digits take (see the module comment), or undefined for none. */
export function dateKind(digits: string): NationalIdKind | undefined {
  let day = Number(digits.slice(0, 2));
  let month = Number(digits.slice(2, 4));
  let kind: NationalIdKind = 'fnr';
  if (day > 40) {
    day -= 40;
    kind = 'd-number';
  }
  if (month > 80) {
    month -= 80;
    if (kind === 'fnr') kind = 'synthetic';
  } else if (month > 40) {
    month -= 40;
    if (kind === 'fnr') kind = 'h-number';
  }
  // Two-digit year: every year is possible, so the longest month decides the day.
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days ? kind : undefined;
}

export interface NationalIdCheck {
  readonly kind: NationalIdKind | undefined;
  readonly checkDigitsValid: boolean;
}

/** Checks an 11-digit string (spaces are ignored). */
export function checkNationalId(value: string): NationalIdCheck {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{11}$/.test(digits)) return { kind: undefined, checkDigitsValid: false };
  return { kind: dateKind(digits), checkDigitsValid: checkDigitsFor(digits.slice(0, 9)) === digits.slice(9) };
}

/** A valid number of any kind: a date form and both check digits right. */
export const isValidNationalId = (value: string): boolean => {
  const check = checkNationalId(value);
  return check.kind !== undefined && check.checkDigitsValid;
};

// 11 digits, or DDMMYY + one space/no-break space/dot/hyphen + 5; not part of a longer digit run.
const CANDIDATE = /(?<![\d.,])\d{6}[ \u00a0.-]?\d{5}(?![\d]|[.,]\d)/g;

export function detectNationalIds(text: string): PiiMark[] {
  const marks: PiiMark[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const { kind, checkDigitsValid } = checkNationalId(match[0].replace(/[.-]/g, ''));
    if (kind === undefined) continue;
    const start = match.index;
    const end = start + match[0].length;
    marks.push(
      checkDigitsValid
        ? { start, end, category: 'national_id', confidence: 'high', reason: `${kind} with valid check digits` }
        : { start, end, category: 'national_id', confidence: 'low', reason: `11 digits that read as a ${kind} date, but the check digits fail` },
    );
  }
  return marks;
}
