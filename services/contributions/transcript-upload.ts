import path from 'node:path';
import { z } from 'zod';
import { parseInterviewText } from '../../indexer/ingest/formats/interview-text.js';
import { parseSrt } from '../../indexer/ingest/formats/srt.js';
import { parseWebVtt } from '../../indexer/ingest/formats/webvtt.js';
import type { LineError, RawSegment } from '../../indexer/ingest/sources.js';
import { segmentSchema } from '../../indexer/ingest/story-record.js';

/**
 * A transcript a contributor uploads instead of typing: `.txt` (a written story, or an
 * interview in "Speaker: text" notation), `.vtt` (WebVTT) or `.srt` (SubRip). The importer's
 * parsers read them; this module decides whether the bytes are such a file at all, and refuses
 * anything else with a status and a message that says what to do. Nothing here quotes the
 * file's content or its name in a message: it may be someone's story.
 */

export interface TranscriptUpload {
  readonly filename: string;
  /** The Content-Type the client sent for the part, if any; the content decides in the end. */
  readonly mediaType?: string | undefined;
  readonly bytes: Buffer;
}

export type ParsedTranscript =
  | { readonly kind: 'written'; readonly body: string }
  | { readonly kind: 'interview'; readonly segments: readonly RawSegment[] };

/** Refused upload. `status` is what the HTTP error handler answers with (it maps a 4xx `status` as is). */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const FORMATS = { '.txt': 'text', '.vtt': 'webvtt', '.srt': 'srt' } as const;
type UploadFormat = (typeof FORMATS)[keyof typeof FORMATS];
const ACCEPTED = 'plain text (.txt), WebVTT (.vtt) or SubRip (.srt) in UTF-8';
// What browsers and tools send for these files; octet-stream is what an unknown .srt often gets.
const MEDIA_TYPES = new Set(['text/plain', 'text/vtt', 'text/srt', 'application/x-subrip', 'application/octet-stream']);

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

/** Magic numbers of the files people upload by mistake: documents, archives, pictures, recordings. */
const SIGNATURES: ReadonlyArray<readonly [what: string, matches: (b: Buffer) => boolean]> = [
  ['a PDF document', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['a Word, OpenDocument or ZIP file', (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))],
  ['an old Word document', (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))],
  ['a Rich Text (RTF) document', (b) => b.subarray(0, 5).toString('latin1') === '{\\rtf'],
  ['a PNG image', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['a JPEG image', (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))],
  ['a GIF image', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['a sound or video file', (b) => ['RIFF', 'OggS', 'fLaC', 'ID3'].some((m) => b.subarray(0, m.length).toString('latin1') === m) || b.subarray(4, 8).toString('latin1') === 'ftyp'],
];

const asText = `Save it as ${ACCEPTED} and upload it again.`;

/** The file's text: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is refused. */
function decode(bytes: Buffer): string {
  const signature = SIGNATURES.find(([, matches]) => matches(bytes));
  if (signature) throw new UploadError(415, `The file is ${signature[0]}, not a text file. ${asText}`);
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else {
      if (bytes.includes(0)) throw new UploadError(415, `The file holds binary data, not text. ${asText}`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(415, `The file is not UTF-8 text (it may be saved in an older encoding such as Windows-1252). ${asText}`);
  }
  // TextDecoder drops a BOM already; a second one, or one inside, is not text either.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) throw new UploadError(415, `The file holds control characters, so it is not plain text. ${asText}`);
  return text.replace(/\r\n?|\f/g, '\n').normalize('NFC');
}

function formatOf(upload: TranscriptUpload): UploadFormat {
  const extension = path.extname(upload.filename).toLowerCase();
  const format = FORMATS[extension as keyof typeof FORMATS];
  if (!format) throw new UploadError(415, `Files of type "${extension.slice(0, 20) || '(no extension)'}" are not accepted; upload ${ACCEPTED}.`);
  const mediaType = upload.mediaType?.split(';')[0]!.trim().toLowerCase();
  if (mediaType && !MEDIA_TYPES.has(mediaType)) {
    throw new UploadError(415, `The file was sent as "${mediaType.slice(0, 100)}"; upload ${ACCEPTED}.`);
  }
  return format;
}

const listErrors = (errors: readonly LineError[]) =>
  errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');

/** Segments, checked as the importer checks them; a problem names the turn. */
function checkedSegments(segments: readonly RawSegment[]): readonly RawSegment[] {
  const parsed = z.array(segmentSchema).safeParse(segments);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [index, field] = issue.path;
  throw new UploadError(400, `Turn ${Number(index) + 1} of the transcript: ${String(field ?? 'text')} ${issue.message}.`);
}

function subtitles(text: string, format: 'webvtt' | 'srt'): ParsedTranscript {
  if (format === 'webvtt' && !/^WEBVTT([ \t]|$)/.test(text.split('\n', 1)[0]!)) {
    throw new UploadError(415, 'The file is not WebVTT: a .vtt file starts with the line "WEBVTT". Upload SubRip as .srt and plain text as .txt.');
  }
  const { segments, errors } = format === 'webvtt' ? parseWebVtt(text) : parseSrt(text);
  if (format === 'srt' && segments.length === 0 && errors.length > 0) {
    throw new UploadError(415, 'The file is not SubRip: no cue in it has a timing line like 00:01:02,500 --> 00:01:07,000. Upload plain text as .txt.');
  }
  // A skipped cue is lost speech: refuse the file rather than keep part of the story.
  if (errors.length > 0) throw new UploadError(400, `The subtitle file has cues that cannot be read; fix them and upload it again: ${listErrors(errors)}.`);
  if (segments.length === 0) throw new UploadError(400, 'The subtitle file has no cues with text.');
  return { kind: 'interview', segments: checkedSegments(segments) };
}

/**
 * A .txt is an interview only when all of it reads as turns of at least two named speakers;
 * anything else (a heading first, a line of dialogue in a story) stays a written story, so no
 * text is ever dropped by a guess.
 */
function plainText(text: string): ParsedTranscript {
  const { segments, errors } = parseInterviewText(text);
  const speakers = new Set(segments.map((s) => s.speaker));
  if (errors.length === 0 && segments.length >= 2 && !speakers.has(undefined) && speakers.size >= 2) {
    return { kind: 'interview', segments: checkedSegments(segments) };
  }
  return { kind: 'written', body: text.trim() };
}

/** The uploaded transcript as a story body or interview segments; throws UploadError (400 / 413 / 415). */
export function parseTranscriptUpload(upload: TranscriptUpload, options: { readonly maxBytes: number }): ParsedTranscript {
  const format = formatOf(upload);
  if (upload.bytes.length > options.maxBytes) {
    const [actual, limit] = [size(upload.bytes.length), size(options.maxBytes)];
    // Just over the limit rounds to the limit: then only exact byte counts say what is wrong.
    const exact = actual === limit;
    throw new UploadError(413, `The file is ${exact ? `${upload.bytes.length} bytes` : actual}; the limit is ${exact ? `${options.maxBytes} bytes` : limit}.`);
  }
  if (upload.bytes.length === 0) throw new UploadError(400, 'The file is empty.');
  const text = decode(upload.bytes);
  if (text.trim() === '') throw new UploadError(400, 'The file holds no text.');
  return format === 'text' ? plainText(text) : subtitles(text, format);
}
