import type { LineError, RawSegment } from '../sources.js';
import { splitSpeakerPrefix } from './interview-text.js';

/**
 * WebVTT and SubRip transcripts → speaker segments, one per cue.
 *
 * Hand-written rather than a library: the maintained parsers we tried either drop a malformed
 * cue without a word (media-captions: a `->` arrow or an end before the start just vanishes)
 * or report validator findings without tying them to cues and without SubRip support
 * (webvtt-parser). An importer must say which cue was refused and on which line, and read
 * the rest; the block structure of both formats is small enough to read carefully here.
 */

export interface Cue {
  /** File line of the timing line. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly textLines: readonly string[];
}

export type CueDialect = 'webvtt' | 'srt';

const TIMESTAMP = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/;
const TIMING = /^(\S+?)[ \t]*-->[ \t]*(\S+)(?:[ \t].*)?$/;
const LOOKS_LIKE_TIMING = /\d:\d\d/;

export function parseTimestamp(stamp: string): number | undefined {
  const match = TIMESTAMP.exec(stamp);
  if (!match) return undefined;
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

const example = (dialect: CueDialect) =>
  dialect === 'srt' ? '00:01:02,500 --> 00:01:07,000' : '00:01:02.500 --> 00:01:07.000';

interface Block {
  readonly line: number;
  readonly lines: readonly string[];
}

/** Lines grouped by blank lines; `line` is the file line of the block's first line. */
function toBlocks(lines: readonly string[], from: number): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let startLine = 0;
  for (let i = from; i <= lines.length; i++) {
    const line = i < lines.length ? lines[i]!.trimEnd() : '';
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ line: startLine, lines: current });
      current = [];
    } else {
      if (current.length === 0) startLine = i + 1;
      current.push(line);
    }
  }
  return blocks;
}

/**
 * A block may hold several cues when the blank line between them is missing: as in the
 * WebVTT parsing rules, a line with "-->" starts the next cue (a SubRip counter just before it
 * goes with it).
 */
function splitCueBlock(block: Block, dialect: CueDialect): Block[] {
  const parts: Block[] = [];
  let begin = 0;
  for (let i = 2; i < block.lines.length; i++) {
    if (!block.lines[i]!.includes('-->')) continue;
    const cut = dialect === 'srt' && /^\d+$/.test(block.lines[i - 1]!.trim()) && i - 1 > begin + 1 ? i - 1 : i;
    if (cut <= begin + 1) continue;
    parts.push({ line: block.line + begin, lines: block.lines.slice(begin, cut) });
    begin = cut;
  }
  parts.push({ line: block.line + begin, lines: block.lines.slice(begin) });
  return parts;
}

function readCue(block: Block, dialect: CueDialect): Cue | LineError {
  const at = block.lines.findIndex((l, i) => i < 2 && l.includes('-->'));
  if (at < 0) {
    const guess = block.lines.findIndex((l, i) => i < 2 && LOOKS_LIKE_TIMING.test(l));
    return {
      line: block.line + Math.max(guess, 0),
      message: `expected a cue timing line like ${example(dialect)}; the cue is skipped`,
    };
  }
  const line = block.line + at;
  const timing = TIMING.exec(block.lines[at]!.trim());
  const start = timing ? parseTimestamp(timing[1]!) : undefined;
  const end = timing ? parseTimestamp(timing[2]!) : undefined;
  if (start === undefined || end === undefined) {
    return { line, message: `the cue timing is not valid; expected a line like ${example(dialect)}; the cue is skipped` };
  }
  if (end < start) {
    return { line, message: `the cue ends (${timing![2]}) before it starts (${timing![1]}); the cue is skipped` };
  }
  return { line, start, end, textLines: block.lines.slice(at + 1) };
}

/** Cue blocks of a WebVTT or SubRip text (LF line ends); `skipLines` leading lines are not cues. */
export function readCues(text: string, dialect: CueDialect, skipLines = 0): { cues: Cue[]; errors: LineError[] } {
  const cues: Cue[] = [];
  const errors: LineError[] = [];
  for (const block of toBlocks(text.split('\n'), skipLines)) {
    if (dialect === 'webvtt' && /^(NOTE|STYLE|REGION)([ \t]|$)/.test(block.lines[0]!)) continue;
    for (const part of splitCueBlock(block, dialect)) {
      const cue = readCue(part, dialect);
      if ('message' in cue) errors.push(cue);
      else cues.push(cue);
    }
  }
  return { cues, errors };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export const collapseSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Cue text without markup: tags stripped first, so an escaped `&lt;i&gt;` stays as text. */
const plainVttText = (text: string): string => collapseSpace(decodeEntities(text.replace(/<[^>]*>/g, '')));

const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;

/**
 * The cue's text split by voice: `<v Kari>Ja.</v> <v Intervjuer>Og så?</v>` is two turns.
 * Text before any voice tag has no voice of its own (undefined).
 */
function voiceParts(text: string): { voice: string | undefined; text: string }[] {
  const parts: { voice: string | undefined; text: string }[] = [];
  let voice: string | undefined;
  let from = 0;
  for (const match of text.matchAll(VOICE)) {
    parts.push({ voice, text: text.slice(from, match.index) });
    const name = collapseSpace(decodeEntities(match[1] ?? ''));
    voice = name === '' ? undefined : name;
    from = match.index + match[0].length;
  }
  parts.push({ voice, text: text.slice(from) });
  return parts;
}

export interface CuePart {
  /** The speaker the format itself marks (a WebVTT voice), if any. */
  readonly voice: string | undefined;
  /** Plain text, markup removed. */
  readonly text: string;
}

/**
 * Segments from cues; `parts` turns a cue's raw text into plain, voice-marked parts. Without a
 * voice, a `NAME:` prefix names the speaker, and a cue with neither continues the previous
 * cue's speaker — transcribers mark only the changes.
 */
export function cuesToSegments(cues: readonly Cue[], parts: (text: string) => CuePart[]): RawSegment[] {
  const segments: RawSegment[] = [];
  let speaker: string | undefined;
  for (const cue of cues) {
    for (const part of parts(cue.textLines.join('\n'))) {
      let text = part.text;
      if (part.voice !== undefined) speaker = part.voice;
      else {
        const prefix = splitSpeakerPrefix(text);
        if (prefix) {
          speaker = prefix.speaker;
          text = prefix.rest.trim();
        }
      }
      if (text === '') continue;
      segments.push({ ...(speaker !== undefined && { speaker }), start: cue.start, end: cue.end, text });
    }
  }
  return segments;
}

const vttParts = (text: string): CuePart[] => voiceParts(text).map((p) => ({ voice: p.voice, text: plainVttText(p.text) }));

export function parseWebVtt(text: string): { segments: RawSegment[]; errors: LineError[] } {
  const lines = text.split('\n');
  if (!/^WEBVTT([ \t].*)?$/.test(lines[0]!.trimEnd())) {
    return { segments: [], errors: [{ line: 1, message: 'is not a WebVTT file: the first line must be "WEBVTT"' }] };
  }
  // The header runs to the first blank line; a cue right after it without one still counts.
  let headerEnd = lines.findIndex((l) => l.trim() === '');
  if (headerEnd < 0) headerEnd = lines.length;
  const cueInHeader = lines.slice(1, headerEnd).findIndex((l) => l.includes('-->'));
  const { cues, errors } = readCues(text, 'webvtt', cueInHeader >= 0 ? cueInHeader + 1 : headerEnd);
  return { segments: cuesToSegments(cues, vttParts), errors };
}
