import type { RawStoryRecord } from '../story-record.js';
import type { ParsedItem } from '../sources.js';

/**
 * JSON Lines / NDJSON: one story record per line. A bad line is reported and the rest of the
 * file is still read, so one stray line does not hold back a whole export.
 */

export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly line?: number; readonly column?: number };

/**
 * JSON.parse with the reason and place of a syntax error, never V8's whole message: for some
 * errors it quotes the text around the error, which may be story text.
 */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/^Unexpected end of JSON input/.test(message)) {
      const lines = text.replace(/\s+$/, '').split('\n');
      return { ok: false, reason: 'the JSON ends too early', line: lines.length, column: lines.at(-1)!.length + 1 };
    }
    // This message quotes the text; everything after its first words is left unread.
    if (/^Unexpected token/.test(message)) return { ok: false, reason: 'unexpected character' };
    const position = /^(.*?) (?:in JSON )?at position (\d+)/.exec(message);
    if (!position) return { ok: false, reason: 'not valid JSON' };
    const before = text.slice(0, Number(position[2])).split('\n');
    return { ok: false, reason: position[1]!, line: before.length, column: before.at(-1)!.length + 1 };
  }
}

/** "Expected ':' after property name (line 3, column 7)" — the place when it is known. */
export const describeJsonError = (error: { reason: string; line?: number; column?: number }, withLine: boolean): string => {
  const place = [withLine && error.line !== undefined ? `line ${error.line}` : '', error.column !== undefined ? `column ${error.column}` : '']
    .filter(Boolean)
    .join(', ');
  return place ? `${error.reason} (${place})` : error.reason;
};

export const describeJsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

export const isPlainObject = (value: unknown): value is RawStoryRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseJsonl(text: string): ParsedItem[] {
  const items: ParsedItem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parseJson(raw);
    if (!parsed.ok) {
      items.push({ kind: 'error', line, message: `is not valid JSON: ${describeJsonError(parsed, false)}; each line must hold one story record as a JSON object` });
    } else if (!isPlainObject(parsed.value)) {
      items.push({ kind: 'error', line, message: `holds ${describeJsonType(parsed.value)}, not a JSON object; each line must hold one story record as a JSON object` });
    } else {
      items.push({ kind: 'record', line, record: parsed.value });
    }
  });
  return items;
}
