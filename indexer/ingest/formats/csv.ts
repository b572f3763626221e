import { parse, type CsvError } from 'csv-parse/sync';
import type { RawStoryRecord } from '../story-record.js';
import type { ParsedItem } from '../sources.js';
import { parseJson } from './jsonl.js';

/**
 * CSV with the record's fields as columns; nested fields are flattened with dots
 * (`consent.public`). Cells are coerced only where a spreadsheet cannot say what is meant:
 * lists, yes/no flags, the segments JSON. A cell that cannot be coerced stays a string, so the
 * record schema names the field and what it expected.
 */

const LIST_FIELDS = new Set(['themes', 'contentWarnings']);
const BOOLEAN_FIELDS = new Set(['fictional', 'consent.public', 'consent.clinicians', 'consent.teaching', 'consent.research', 'consent.quote']);
const TRUE = new Set(['true', 'yes', 'ja', '1']);
const FALSE = new Set(['false', 'no', 'nei', '0']);

function coerce(column: string, cell: string): unknown {
  if (BOOLEAN_FIELDS.has(column)) {
    const word = cell.toLowerCase();
    return TRUE.has(word) ? true : FALSE.has(word) ? false : cell;
  }
  if (LIST_FIELDS.has(column)) {
    if (cell.startsWith('[')) {
      const parsed = parseJson(cell);
      return parsed.ok ? parsed.value : cell;
    }
    return cell
      .split(/[;|]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return cell;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** The header's problem, if any: every column named once, none both a field and a group. */
function headerProblem(columns: readonly string[]): string | undefined {
  const empty = columns.findIndex((c) => c === '' || c.split('.').some((part) => part === ''));
  if (empty >= 0) return `column ${empty + 1} has no name (or an empty part between dots)`;
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) return `column "${column}" appears twice`;
    seen.add(column);
  }
  const group = columns.find((c) => columns.some((other) => other.startsWith(`${c}.`)));
  if (group) return `column "${group}" clashes with "${group}.…" columns: use one or the other`;
  return undefined;
}

function toRecord(columns: readonly string[], cells: readonly string[]): { record: RawStoryRecord } | { message: string } {
  const record: RawStoryRecord = {};
  for (const [i, column] of columns.entries()) {
    const cell = cells[i] ?? '';
    if (cell === '') continue; // an empty cell is an absent field
    if (column === 'segments') {
      const parsed = parseJson(cell);
      if (!parsed.ok) return { message: `the segments cell is not valid JSON (${parsed.reason}); it must hold a JSON array of {"speaker", "start", "end", "text"} objects` };
      setPath(record, ['segments'], parsed.value);
    } else {
      setPath(record, column.split('.'), coerce(column, cell));
    }
  }
  return { record };
}

/** Spreadsheets set to Norwegian write ";" between cells (the comma is the decimal sign). */
function guessDelimiter(headerLine: string): string {
  const count = (char: string) => headerLine.split(char).length - 1;
  return [';', '\t'].find((d) => count(d) > count(',')) ?? ',';
}

const CSV_REASONS: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of cells than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the row has a different number of cells than the header',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed, so the rest of the file could not be read',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")',
};

export function parseCsv(text: string): ParsedItem[] {
  const lines = text.split('\n');
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  // Where the next row starts: the first non-blank line after the last one read.
  let consumed = 0;
  const nextRowLine = () => {
    let i = consumed;
    while (i < lines.length - 1 && lines[i]!.trim() === '') i++;
    return i + 1;
  };
  const events: ({ line: number; cells: string[] } | { line: number; message: string })[] = [];
  parse(text, {
    delimiter: guessDelimiter(lines[firstContent] ?? ''),
    skip_empty_lines: true,
    // Not `trim`: with it, csv-parse does not find its feet again after a bad quote. Cells are trimmed below.
    skip_records_with_error: true,
    on_record: (cells: string[], context) => {
      events.push({ line: nextRowLine(), cells: cells.map((cell) => cell.trim()) });
      consumed = context.lines;
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const start = nextRowLine();
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? start : ((error.lines as number | undefined) ?? start);
      const previous = events.at(-1);
      // One bad quote can trip two checks on the same line; one report is enough.
      if (!(previous && 'message' in previous && previous.line === line)) {
        events.push({ line, message: CSV_REASONS[error.code] ?? `the row cannot be read (${error.code})` });
      }
      consumed = Math.max(consumed, line);
    },
  });

  const [header, ...rows] = events;
  if (!header) return [];
  if ('message' in header) return [{ kind: 'error', line: header.line, message: `the header row cannot be read: ${header.message}` }];
  const columns = header.cells.map((c) => c.trim());
  const problem = headerProblem(columns);
  if (problem) return [{ kind: 'error', line: header.line, message: `the header row is not usable: ${problem}` }];

  return rows.flatMap((row): ParsedItem[] => {
    if ('message' in row) return [{ kind: 'error', line: row.line, message: row.message }];
    if (row.cells.every((cell) => cell === '')) return [];
    const result = toRecord(columns, row.cells);
    return 'message' in result ? [{ kind: 'error', line: row.line, message: result.message }] : [{ kind: 'record', line: row.line, record: result.record }];
  });
}
