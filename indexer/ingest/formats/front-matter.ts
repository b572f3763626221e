import { parseDocument, type YAMLError } from 'yaml';
import type { LineError } from '../sources.js';

/**
 * `---\nYAML\n---\nbody`, the header static-site tools write. YAML 1.2 (the `yaml` package's
 * default): `no` stays the string "no" and dates stay strings, so a consent flag is only ever
 * a real boolean and the record schema judges everything else.
 */

export type FrontMatter =
  | {
      readonly ok: true;
      /** The header's fields; empty when the file has no front matter. */
      readonly data: Record<string, unknown>;
      readonly body: string;
      /** File line of the body's first line. */
      readonly bodyLine: number;
    }
  | { readonly ok: false; readonly error: LineError };

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * The YAML error without the excerpt the library appends (it may quote a title or a name),
 * with the line counted in the file rather than in the header.
 */
function describe(error: YAMLError, firstYamlLine: number): LineError {
  const yamlLine = error.linePos?.[0].line;
  const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
  const line = yamlLine === undefined ? firstYamlLine : firstYamlLine + yamlLine - 1;
  const column = error.linePos?.[0].col;
  return { line, message: `front matter is not valid YAML: ${reason}${column ? ` (column ${column})` : ''}` };
}

export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n');
  if (!OPENING.test(lines[0]!)) return { ok: true, data: {}, body: text, bodyLine: 1 };
  const close = lines.findIndex((line, i) => i > 0 && CLOSING.test(line));
  if (close < 0) {
    return { ok: false, error: { line: 1, message: 'front matter opened with "---" on line 1 is never closed with a "---" line' } };
  }
  const doc = parseDocument(lines.slice(1, close).join('\n'));
  const [first] = doc.errors;
  if (first) return { ok: false, error: describe(first, 2) };
  const data: unknown = doc.toJS();
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, error: { line: 2, message: 'front matter must be YAML "key: value" lines (a mapping)' } };
  }
  return { ok: true, data: (data ?? {}) as Record<string, unknown>, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
}
