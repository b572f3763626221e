import { z } from 'zod';
import type { CountTokens } from './count-tokens.js';
import { splitParagraphs, splitSentences, trimSpan, type Span } from './sentences.js';

export type { CountTokens } from './count-tokens.js';

export interface ChunkingOptions {
  /** Aim for passages about this long. */
  readonly targetTokens: number;
  /** Never exceed (content tokens, i.e. excluding prefix/special tokens). */
  readonly maxTokens: number;
  /** Carry about this many tokens of whole sentences into the next passage. */
  readonly overlapTokens: number;
}

/**
 * target 200, max 300, overlap 40 (content tokens of multilingual-e5-small).
 * - 200 tokens is about 130–150 words of Norwegian: one or two paragraphs, a passage a
 *   clinician takes in at a glance, and short enough that one vector still stands for one
 *   experience (longer passages blur into the story's average and rank worse).
 * - 300 is the ceiling for the exceptions (a tiny remainder merged in, a question kept with
 *   its answer, a long sentence): it keeps a wide margin under the model's 512 limit, which
 *   also holds the `passage: ` prefix and two special tokens, so nothing is ever truncated.
 * - 40 tokens is one or two sentences: a thought cut at a passage boundary inside a
 *   paragraph is still found whole, at a cost of about a fifth more vectors for long paragraphs.
 */
export const DEFAULT_CHUNKING: ChunkingOptions = Object.freeze({ targetTokens: 200, maxTokens: 300, overlapTokens: 40 });

export interface Chunk {
  /** 0, 1, 2 … in story order. */
  readonly ordinal: number;
  /** Exactly `source.slice(startChar, endChar)`. */
  readonly text: string;
  readonly startChar: number;
  readonly endChar: number;
  /** Transcripts only. */
  readonly speaker?: string;
  /** Transcripts only, when known. */
  readonly startSeconds?: number;
  readonly endSeconds?: number;
}

/** Cuts a written story into passages: paragraph- and sentence-aware (see `packPassages`). */
export function chunkWritten(body: string, countTokens: CountTokens, options: ChunkingOptions = DEFAULT_CHUNKING): Chunk[] {
  const blocks = splitParagraphs(body).map((paragraph) => ({ sentences: splitSentences(body, paragraph) }));
  return packPassages(body, blocks, countTokens, options).map((span, ordinal) => ({
    ordinal,
    text: body.slice(span.start, span.end),
    startChar: span.start,
    endChar: span.end,
  }));
}

const chunkingOptionsSchema = z
  .object({
    targetTokens: z.int().positive(),
    maxTokens: z.int().positive(),
    overlapTokens: z.int().nonnegative(),
  })
  .refine((o) => o.maxTokens >= o.targetTokens, { message: 'must be at least targetTokens', path: ['maxTokens'] })
  .refine((o) => o.overlapTokens < o.targetTokens, { message: 'must be less than targetTokens', path: ['overlapTokens'] });

function assertValidOptions(options: ChunkingOptions): void {
  const result = chunkingOptionsSchema.safeParse(options);
  if (result.success) return;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
  throw new Error(`Invalid chunking options ${JSON.stringify(options)}: ${problems.join('; ')}.`);
}

/** A stretch kept whole where it can be: a paragraph of prose, or one speaker's turn. */
export interface Block {
  /** Trimmed, in order, covering the block; the first starts where the block does. */
  readonly sentences: readonly Span[];
  /** Preferred cut points inside a sentence too long for any passage (a transcript's segment joins). */
  readonly softBreaks?: readonly number[];
}

export interface PackingRules {
  /**
   * A short block at the end of a passage moves on to the next one, which it introduces:
   * an interviewer's question belongs with the answer that follows.
   */
  readonly carryShortTail?: boolean;
}

/** Below this share of the target a passage is tiny: not worth a vector of its own. */
const TINY_SHARE = 0.25;

/** A sentence (or, for one too long for a passage, a piece of one) with its exact token count. */
interface Unit extends Span {
  readonly tokens: number;
  readonly block: number;
  /** A whole sentence, so it may be repeated as overlap; pieces of a long sentence are not. */
  readonly whole: boolean;
}

/**
 * Packs blocks into passages. Whole blocks fill a passage while the sum stays within the
 * target; a block that does not fit starts the next passage; a block longer than the target
 * is cut between sentences, and the passage after such a cut begins with the last whole
 * sentences (≤ overlapTokens) of the one before. A tiny passage may grow to maxTokens rather
 * than stand alone, and a tiny last passage merges into the one before.
 *
 * Sentences are counted once each and summed (recounting the growing passage would be
 * quadratic); each finished passage is then counted once as a whole, and shrinks by a
 * sentence while that exact count is over maxTokens, since counts are only roughly additive.
 */
export function packPassages(
  source: string,
  blocks: readonly Block[],
  countTokens: CountTokens,
  options: ChunkingOptions = DEFAULT_CHUNKING,
  rules: PackingRules = {},
): Span[] {
  assertValidOptions(options);
  const { targetTokens: target, maxTokens: max, overlapTokens } = options;
  const tiny = target * TINY_SHARE;
  const units = toUnits(source, blocks, countTokens, options);
  const count = (from: number, to: number) => countTokens(source.slice(units[from]!.start, units[to - 1]!.end));
  const n = units.length;
  const prefix = [0];
  for (const unit of units) prefix.push(prefix.at(-1)! + unit.tokens);
  const sum = (from: number, to: number) => prefix[to]! - prefix[from]!;
  const blockStart: number[] = [];
  const blockEnd: number[] = [];
  units.forEach((unit, i) => {
    blockStart[unit.block] ??= i;
    blockEnd[unit.block] = i + 1;
  });
  const startsBlock = (i: number) => blockStart[units[i]!.block] === i;

  /** How far a passage beginning at `from` (overlap up to `next`) reaches. */
  function chooseEnd(from: number, next: number): number {
    let to = next;
    while (to < n) {
      const tokens = sum(from, to);
      const unit = units[to]!;
      let limit = tokens < tiny ? max : target;
      if (startsBlock(to)) {
        const end = blockEnd[unit.block]!;
        const blockTokens = sum(to, end);
        if (to === from) {
          if (blockTokens <= target) {
            to = end;
            continue;
          }
        } else {
          // Too small to stand alone: a tiny passage, or one that is only a short run of
          // turns (a question) after something tiny. It may grow to max rather than stay so.
          const small = tokens < tiny || (rules.carryShortTail === true && sum(from, shortTailStart(from, next, to)) < tiny);
          if (tokens + blockTokens <= (small ? max : target)) {
            to = end;
            continue;
          }
          // The block starts the next passage, unless this one is small and the block must be cut anyway.
          if (blockTokens <= target || !small) break;
          limit = max;
        }
      }
      // Inside a block too long for a passage: sentence by sentence. The first new unit
      // always goes in (the caller made room for it).
      if (to === next || tokens + unit.tokens <= limit) to++;
      else break;
    }
    return to;
  }

  /** Where the run of whole short blocks (together below tiny) that ends the passage at `to` starts. */
  function shortTailStart(from: number, next: number, to: number): number {
    let cut = to;
    for (;;) {
      const start = blockStart[units[cut - 1]!.block]!;
      if (start <= from || start < next || sum(start, to) >= tiny) return cut;
      cut = start;
    }
  }

  /** Moves a short run of blocks at the passage's end on to the next passage, if what stays is not tiny. */
  function carryShortTail(from: number, next: number, to: number): number {
    if (!rules.carryShortTail || to >= n || !startsBlock(to)) return to;
    const cut = shortTailStart(from, next, to);
    return sum(from, cut) >= tiny ? cut : to;
  }

  const passages: { from: number; to: number; tokens: number }[] = [];
  let from = 0;
  let next = 0;
  while (next < n) {
    while (from < next && sum(from, next + 1) > max) from++; // overlap gives way to new text
    let to = carryShortTail(from, next, chooseEnd(from, next));
    let tokens = count(from, to);
    while (tokens > max) {
      if (to - 1 > next) to--;
      else if (from < next) from++;
      else throw new Error(`countTokens is not consistent: a sentence counted within ${max} tokens now counts ${tokens}.`);
      tokens = count(from, to);
    }
    passages.push({ from, to, tokens });
    next = to;
    from = to < n && !startsBlock(to) ? overlapStart(units, from, to, overlapTokens) : to;
  }

  const last = passages.at(-1);
  const previous = passages.at(-2);
  if (last && previous && last.tokens < tiny) {
    const merged = count(previous.from, last.to);
    if (merged <= max) passages.splice(-2, 2, { from: previous.from, to: last.to, tokens: merged });
  }
  return passages.map(({ from, to }) => ({ start: units[from]!.start, end: units[to - 1]!.end }));
}

/** Where the next passage starts: the last whole sentences of this one, within the same block. */
function overlapStart(units: readonly Unit[], from: number, to: number, overlapTokens: number): number {
  const block = units[to]!.block;
  let start = to;
  let tokens = 0;
  // Never the whole passage: the next one must start later than this one.
  while (start - 1 > from) {
    const unit = units[start - 1]!;
    if (!unit.whole || unit.block !== block || tokens + unit.tokens > overlapTokens) break;
    tokens += unit.tokens;
    start--;
  }
  return start;
}

function toUnits(source: string, blocks: readonly Block[], countTokens: CountTokens, options: ChunkingOptions): Unit[] {
  const units: Unit[] = [];
  let block = 0;
  for (const { sentences, softBreaks = [] } of blocks) {
    if (sentences.length === 0) continue;
    for (const sentence of sentences) {
      const tokens = countTokens(source.slice(sentence.start, sentence.end));
      if (tokens <= options.maxTokens) units.push({ ...sentence, tokens, block, whole: true });
      else for (const piece of splitLongSentence(source, sentence, countTokens, options, softBreaks)) units.push({ ...piece, block, whole: false });
    }
    block++;
  }
  return units;
}

interface Piece extends Span {
  readonly tokens: number;
}

/** Cut points inside a span, coarsest first: given soft breaks, clause punctuation, spaces, characters. */
type Cutter = (source: string, span: Span, softBreaks: readonly number[]) => number[];
const CUTTERS: readonly Cutter[] = [
  (_source, span, softBreaks) => softBreaks.filter((at) => at > span.start && at < span.end),
  (source, span) => matchEnds(source, span, /[,;:](?=\s)/g),
  (source, span) => matchEnds(source, span, /\s+/g),
  (source, span) => {
    const cuts: number[] = [];
    let at = span.start;
    for (const char of source.slice(span.start, span.end)) cuts.push((at += char.length));
    return cuts.slice(0, -1);
  },
];

function matchEnds(source: string, span: Span, pattern: RegExp): number[] {
  return [...source.slice(span.start, span.end).matchAll(pattern)].map((m) => span.start + m.index + m[0].length);
}

/**
 * Cuts a sentence longer than maxTokens into pieces within the target: at the coarsest kind
 * of cut point that it has, going finer only for a part that is still too long.
 */
function splitLongSentence(
  source: string,
  span: Span,
  countTokens: CountTokens,
  options: ChunkingOptions,
  softBreaks: readonly number[],
  level = 0,
): Piece[] {
  const count = (s: Span) => countTokens(source.slice(s.start, s.end));
  for (let l = level; l < CUTTERS.length; l++) {
    const parts = spansAt(source, span, CUTTERS[l]!(source, span, softBreaks)).map((part) => ({ ...part, tokens: count(part) }));
    if (parts.length < 2) continue;
    const pieces: Piece[] = [];
    for (const group of groupUpTo(parts, options.targetTokens)) {
      const joined = { start: group[0]!.start, end: group.at(-1)!.end };
      const tokens = group.length === 1 ? group[0]!.tokens : count(joined);
      // A lone part must come within the target, so that a piece packs like an ordinary
      // sentence (and a short question still fits before it); a group was summed within it.
      if (tokens <= (group.length === 1 ? options.targetTokens : options.maxTokens)) pieces.push({ ...joined, tokens });
      else if (group.length === 1) pieces.push(...splitLongSentence(source, joined, countTokens, options, softBreaks, l + 1));
      else pieces.push(...group); // each part is within the target; only their join counted high
    }
    return pieces;
  }
  return [{ ...span, tokens: count(span) }]; // one character: nothing finer to cut at
}

function spansAt(source: string, span: Span, cuts: readonly number[]): Span[] {
  const spans: Span[] = [];
  let from = span.start;
  for (const cut of [...cuts, span.end]) {
    const part = trimSpan(source, from, cut);
    if (part) spans.push(part);
    from = cut;
  }
  return spans;
}

/** Consecutive runs of parts whose summed tokens stay within `limit` (a larger part stands alone). */
function groupUpTo(parts: readonly Piece[], limit: number): Piece[][] {
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let tokens = 0;
  for (const part of parts) {
    if (current.length > 0 && tokens + part.tokens > limit) {
      groups.push(current);
      current = [];
      tokens = 0;
    }
    current.push(part);
    tokens += part.tokens;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
