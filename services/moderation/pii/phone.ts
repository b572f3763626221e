/**
 * Norwegian phone numbers: +47 / 0047 followed by eight digits in any grouping, and bare
 * eight-digit numbers (mobile numbers start with 4 or 9, landlines with 2, 3, 5, 6 or 7; 8 is the
 * service-number range, marked low).
 *
 * Not phones: years and year ranges («2001 2005»), amounts («12 500 000 kroner», «kr 22 33 44 55»),
 * dates («12.03.2021», ungrouped «20210312» is marked low), clock times, digits inside a longer number
 * (an 11-digit national id, an account number «1503 12 34567»), and an ungrouped eight-digit number
 * right after a word that names it as something else («saksnummer 20231234»).
 */
import type { Confidence, PiiMark } from './pii.js';

const SEP = String.raw`[ \u00a0-]`;
const SEP_DOT = String.raw`[ \u00a0.-]`;
// +47 / 0047 / (+47) then 8 digits with single separators anywhere between them.
const PREFIXED = new RegExp(String.raw`(?<![\p{L}\p{N}+])(?:\(\+47\)|\+\s?47|0047)${SEP}?\d(?:${SEP_DOT}?\d){7}(?!\d|[ \u00a0.-]\d)`, 'gu');
const GROUPINGS = [
  String.raw`\d{3}${SEP_DOT}\d{2}${SEP_DOT}\d{3}`, // 912 34 567
  String.raw`\d{2}${SEP_DOT}\d{2}${SEP_DOT}\d{2}${SEP_DOT}\d{2}`, // 91 23 45 67
  String.raw`\d{4}${SEP}\d{4}`, // 9123 4567
  String.raw`\d{3}${SEP}\d{5}`, // 912 34567
  String.raw`\d{8}`, // 91234567
];
const BARE = new RegExp(String.raw`(?<!\d|\d[ \u00a0.,-]|[+\p{L}])(?:${GROUPINGS.join('|')})(?!\d|[ \u00a0.,-]\d|\p{L})`, 'gu');

const PHONE_CONTEXT = /(?<!\p{L})(?:tlf|telefon\w*|mobil\w*|nummer(?:et)?|nr|ring\w*|ringte|sms|tekst\w*|phone|call\w*|number|mob|tel)\.?:?\s*$/iu;
// A number named as something else: «saksnummer», «kontonr.», «KID», «case number» (+ a few words: «saksnummeret mitt var»).
const OTHER_NUMBER = /(?:(?:saks|sak|journal|referanse|ref|kunde|ordre|faktura|konto|organisasjons|org|pasient|vedtaks?|arkiv|case|invoice|account|reference)\.?\s*(?:nr|nummer|nummeret|number|no)\.?|\bkid)(?:\s+\p{L}+){0,3}\s*:?\s*$/iu;
const MONEY_BEFORE = /(?:kr|nok|kroner|usd|eur|\$|€)\.?\s*$/iu;
const MONEY_AFTER = /^\s*(?:kr|kroner|nok|,-|euro|dollar|mg|ml|g\b|kg|km|m\b|prosent|%)/iu;

const isYear = (s: string) => /^(?:19|20)\d\d$/.test(s);
const looksLikeDate = (d: string) => /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(d) || /^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d$/.test(d);

export function detectPhones(text: string): PiiMark[] {
  const marks: PiiMark[] = [];
  for (const m of text.matchAll(PREFIXED)) {
    marks.push({ start: m.index, end: m.index + m[0].length, category: 'phone', confidence: 'high', reason: 'phone number with +47 country code' });
  }
  for (const m of text.matchAll(BARE)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, '');
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(m.index + raw.length, m.index + raw.length + 12);
    if (MONEY_BEFORE.test(before) || MONEY_AFTER.test(after)) continue;
    const groups = raw.split(/[ \u00a0.-]/);
    if (groups.length === 2 && groups.every((g) => g.length === 4 && isYear(g))) continue;
    if (raw.includes('.') && groups.length === 3 && groups[2]!.length > 2) continue; // 12.03.2021-ish
    const grouped = groups.length > 1;
    const context = PHONE_CONTEXT.test(before);
    if (!grouped && !context && OTHER_NUMBER.test(before)) continue;
    const first = digits[0]!;
    let confidence: Confidence;
    let reason: string;
    if ('0' === first || '1' === first) {
      if (!context) continue;
      confidence = 'low';
      reason = 'eight digits after a phone word, but no Norwegian number starts with 0 or 1';
    } else if (first === '8') {
      confidence = 'low';
      reason = 'eight digits in the service-number range (8xx)';
    } else if (!grouped && looksLikeDate(digits) && !context) {
      confidence = 'low';
      reason = 'eight digits that could be a phone number or a date';
    } else if (grouped || context) {
      confidence = 'high';
      reason = first === '4' || first === '9' ? 'Norwegian mobile number' : 'Norwegian landline number';
    } else {
      confidence = 'medium';
      reason = 'eight digits in the Norwegian phone-number range';
    }
    marks.push({ start: m.index, end: m.index + raw.length, category: 'phone', confidence, reason });
  }
  return marks;
}
