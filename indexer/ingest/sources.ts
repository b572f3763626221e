import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from './formats/csv.js';
import { describeJsonError, describeJsonType, isPlainObject, parseJson, parseJsonl } from './formats/jsonl.js';
import { parseSrt } from './formats/srt.js';
import { parseTextStory } from './formats/text-story.js';
import { parseWebVtt } from './formats/webvtt.js';
import type { RawStoryRecord } from './story-record.js';

/**
 * Files and folders → raw story records or located errors, in order, one file at a time.
 * Nothing here is validated against the record schema (validate-record.ts does that), and no
 * message ever quotes a file's content: it may be someone's story.
 */

export const IMPORT_FORMATS = ['jsonl', 'csv', 'markdown', 'text', 'webvtt', 'srt'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

export type SourceItem =
  | { readonly kind: 'record'; readonly at: SourceLocation; readonly record: RawStoryRecord }
  | { readonly kind: 'error'; readonly at: SourceLocation; readonly message: string };

export interface ReadSourcesOptions {
  /** Read every file as this format instead of going by its extension (sidecars stay sidecars). */
  readonly format?: ImportFormat;
  /** Files larger than this are refused whole; default 20 MB. */
  readonly maxFileBytes?: number;
}

/** What a format parser hands back: located within the file, not yet tied to it. */
export type ParsedItem =
  | { readonly kind: 'record'; readonly line?: number; readonly record: RawStoryRecord }
  | { readonly kind: 'error'; readonly line?: number; readonly message: string };
export interface LineError {
  readonly line: number;
  readonly message: string;
}
/** A turn as a transcript parser reads it; the record schema checks it later. */
export interface RawSegment {
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly text: string;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.vtt': 'webvtt',
  '.srt': 'srt',
};
const SIDECAR = '.json';
/** Formats holding one story per file: they take metadata from a sidecar and a default externalId. */
const SINGLE_STORY: ReadonlySet<ImportFormat> = new Set(['markdown', 'text', 'webvtt', 'srt']);

export function formatFromPath(file: string): ImportFormat | undefined {
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
const error = (file: string, message: string, line?: number): SourceItem => ({ kind: 'error', at: line === undefined ? { file } : { file, line }, message });
const stem = (file: string) => path.basename(file, path.extname(file));
const sidecarOf = (file: string) => path.join(path.dirname(file), `${stem(file)}${SIDECAR}`);

/** The text of a file, or why it is refused as a whole. */
async function readText(file: string, maxBytes: number): Promise<{ text: string } | { refused: string }> {
  const bytes = (await stat(file)).size;
  if (bytes > maxBytes) return { refused: `the file is ${size(bytes)}; the limit is ${size(maxBytes)}` };
  const content = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { refused: 'the file is not valid UTF-8 text; save it as UTF-8 (in a spreadsheet: "CSV UTF-8") and import it again' };
  }
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The sidecar's metadata (`{}` when there is none), or the error items that refuse the story. */
async function readSidecar(file: string, maxBytes: number): Promise<{ metadata: RawStoryRecord } | { errors: SourceItem[] }> {
  const sidecar = sidecarOf(file);
  if (!(await exists(sidecar))) return { metadata: {} };
  const read = await readText(sidecar, maxBytes);
  if ('refused' in read) return { errors: [error(sidecar, read.refused)] };
  const parsed = parseJson(read.text);
  if (!parsed.ok) return { errors: [error(sidecar, `the sidecar is not valid JSON: ${describeJsonError(parsed, false)}`, parsed.line)] };
  if (!isPlainObject(parsed.value)) {
    return { errors: [error(sidecar, `the sidecar holds ${describeJsonType(parsed.value)}; it must be one JSON object with the story's fields`)] };
  }
  const content = ['text', 'segments'].find((field) => field in (parsed.value as object));
  if (content) {
    return { errors: [error(sidecar, `the sidecar must not hold "${content}": it holds the metadata, the story is in ${path.basename(file)}`)] };
  }
  return { metadata: parsed.value };
}

function transcriptItems(file: string, format: 'webvtt' | 'srt', text: string, metadata: RawStoryRecord): SourceItem[] {
  const { segments, errors } = format === 'webvtt' ? parseWebVtt(text) : parseSrt(text);
  const items = errors.map((e) => error(file, e.message, e.line));
  if (format === 'webvtt' && errors[0]?.line === 1 && segments.length === 0) return items; // not WebVTT at all
  return [...items, { kind: 'record', at: { file }, record: { ...metadata, kind: metadata.kind ?? 'interview', segments } }];
}

async function* readOneFile(file: string, format: ImportFormat, maxBytes: number): AsyncGenerator<SourceItem> {
  const read = await readText(file, maxBytes);
  if ('refused' in read) return yield error(file, read.refused);
  if (read.text.trim() === '') return yield error(file, 'the file is empty');

  if (format === 'jsonl' || format === 'csv') {
    const parsed = format === 'jsonl' ? parseJsonl(read.text) : parseCsv(read.text);
    for (const item of parsed) {
      yield item.kind === 'record' ? { kind: 'record', at: { file, line: item.line }, record: item.record } : error(file, item.message, item.line);
    }
    return;
  }

  const sidecar = await readSidecar(file, maxBytes);
  if ('errors' in sidecar) return yield* sidecar.errors;
  let items: SourceItem[];
  if (format === 'webvtt' || format === 'srt') items = transcriptItems(file, format, read.text, sidecar.metadata);
  else {
    const story = parseTextStory(read.text, sidecar.metadata);
    items = story.errors.map((e) => error(file, e.message, e.line));
    if (story.record) items.push({ kind: 'record', at: { file }, record: story.record });
  }
  for (const item of items) {
    // The file's name is the story's id unless the file says otherwise: stable however it is reached.
    yield item.kind === 'record' && SINGLE_STORY.has(format) && item.record.externalId === undefined
      ? { ...item, record: { externalId: stem(file), ...item.record } }
      : item;
  }
}

interface Walk {
  readonly options: ReadSourcesOptions;
  readonly maxBytes: number;
  /** Real paths already read or walked: a file reached twice is read once, a symlink loop ends. */
  readonly seen: Set<string>;
}

async function* walkFolder(folder: string, walk: Walk): AsyncGenerator<SourceItem> {
  const real = await realpath(folder);
  if (walk.seen.has(real)) return;
  walk.seen.add(real);
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const info = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry;
    if (info?.isDirectory()) yield* walkFolder(full, walk);
    else if (info?.isFile()) {
      if (path.extname(full).toLowerCase() === SIDECAR) continue; // read with its story, or not at all
      const format = walk.options.format ?? formatFromPath(full);
      if (format) yield* readFileOnce(full, format, walk);
    }
  }
}

async function* readFileOnce(file: string, format: ImportFormat, walk: Walk): AsyncGenerator<SourceItem> {
  const real = await realpath(file);
  if (walk.seen.has(real)) return;
  walk.seen.add(real);
  try {
    yield* readOneFile(file, format, walk.maxBytes);
  } catch (cause) {
    // Only the file system's refusals (EACCES, EISDIR, a file gone meanwhile) become items.
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw cause;
    yield error(file, `the file cannot be read (${code})`);
  }
}

async function* readGivenFile(file: string, walk: Walk): AsyncGenerator<SourceItem> {
  if (path.extname(file).toLowerCase() === SIDECAR) {
    const story = Object.keys(EXTENSIONS).map((ext) => path.join(path.dirname(file), stem(file) + ext));
    for (const candidate of story) if (await exists(candidate)) return; // a sidecar, read with its story
    return yield error(file, `.json files are read only as sidecars (the metadata of a .md, .txt, .vtt or .srt file of the same name); for many stories in one file use JSON Lines (.jsonl)`);
  }
  const format = walk.options.format ?? formatFromPath(file);
  if (!format) {
    return yield error(file, `unknown file type "${path.extname(file) || '(no extension)'}": use .jsonl, .ndjson, .csv, .md, .markdown, .txt, .vtt or .srt, or give the format`);
  }
  yield* readFileOnce(file, format, walk);
}

/** Walks files and folders (recursively, sorted, skipping dotfiles), yields items in order. */
export async function* readSources(paths: readonly string[], options: ReadSourcesOptions = {}): AsyncIterable<SourceItem> {
  const walk: Walk = { options, maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, seen: new Set() };
  for (const given of paths) {
    const info = await stat(given).catch((cause: NodeJS.ErrnoException) => cause);
    if (info instanceof Error) {
      yield error(given, info.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${info.code ?? 'unknown error'})`);
    } else if (info.isDirectory()) {
      yield* walkFolder(given, walk);
    } else {
      yield* readGivenFile(given, walk);
    }
  }
}
