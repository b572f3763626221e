/**
 * E-mail addresses, including the forms people write to dodge harvesters («kari (at) eksempel.no»,
 * «kari[at]eksempel.no», «kari snabel-a eksempel.no»). A plain address is high confidence; a
 * dodged one medium.
 */
import type { PiiMark } from './pii.js';

const LOCAL = String.raw`[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]+)*`;
const DOMAIN = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}`;
const PLAIN = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}@${DOMAIN}(?![\p{L}\p{N}-])`, 'gu');
const AT = String.raw`\s?(?:\(at\)|\[at\]|\{at\}|\(a\)|\[a\]|\(krøllalfa\)|\(snabel-a\)|snabel-a|krøllalfa)\s?`;
const DODGED_DOMAIN = String.raw`(?:[\p{L}\p{N}-]+(?:\.|\s?(?:\(dot\)|\[dot\]|\(punktum\))\s?))+\p{L}{2,}`;
const DODGED = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}${AT}${DODGED_DOMAIN}(?![\p{L}\p{N}-])`, 'giu');

export function detectEmails(text: string): PiiMark[] {
  const marks: PiiMark[] = [];
  for (const m of text.matchAll(PLAIN)) {
    marks.push({ start: m.index, end: m.index + m[0].length, category: 'email', confidence: 'high', reason: 'e-mail address' });
  }
  for (const m of text.matchAll(DODGED)) {
    marks.push({ start: m.index, end: m.index + m[0].length, category: 'email', confidence: 'medium', reason: 'e-mail address written to avoid harvesting' });
  }
  return marks;
}
