import type { CountTokens } from './count-tokens.js';
import { splitSentences, type Span } from './sentences.js';
import { DEFAULT_CHUNKING, packPassages, type Block, type Chunk, type ChunkingOptions } from './written-chunker.js';

export interface TranscriptSegment {
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly text: string;
}

/** The canonical text of a transcript that chunk offsets point into (and the story page shows). */
export interface TranscriptLayout {
  readonly text: string;
  /** For each input segment, where its text sits in `text`. */
  readonly segments: readonly Span[];
}

/** Consecutive segments by one speaker: a paragraph of the layout, and a block for packing. */
interface Turn {
  /** Where the turn starts, at its `Speaker: ` label when the speaker is known. */
  readonly start: number;
  /** Where what is said starts, after the label. */
  readonly contentStart: number;
  end: number;
  /** Indices of the segments in the turn. */
  readonly segments: number[];
  readonly speaker: string | undefined;
}

const TURN_SEPARATOR = '\n\n';

/**
 * Lays a transcript out as text: one paragraph per turn, `Speaker: ` first when known, the
 * turn's segments joined by single spaces. Segment text is trimmed; a blank segment gets an
 * empty span where it falls and changes no turn.
 */
export function layoutTranscript(segments: readonly TranscriptSegment[]): TranscriptLayout {
  return layOut(segments).layout;
}

/**
 * Cuts a transcript into passages of whole turns: short turns merge with their neighbours (a
 * short question moves on to join the answer after it), and a turn longer than the target is
 * cut between sentences, with overlap inside that turn only.
 */
export function chunkTranscript(
  segments: readonly TranscriptSegment[],
  countTokens: CountTokens,
  options: ChunkingOptions = DEFAULT_CHUNKING,
): { layout: TranscriptLayout; chunks: Chunk[] } {
  const { layout, turns } = layOut(segments);
  const blocks: Block[] = turns.map((turn) => {
    const [first, ...rest] = splitSentences(layout.text, { start: turn.contentStart, end: turn.end });
    return {
      // The label goes with the turn's first sentence: a passage that starts a turn says who speaks.
      sentences: first ? [{ start: turn.start, end: first.end }, ...rest] : [],
      // An unpunctuated turn (raw speech recognition) is better cut where a segment ends than mid-phrase.
      softBreaks: turn.segments.slice(1).map((i) => layout.segments[i]!.start),
    };
  });
  const describe = describer(segments, layout);
  const chunks = packPassages(layout.text, blocks, countTokens, options, { carryShortTail: true }).map(
    (span, ordinal): Chunk => ({
      ordinal,
      text: layout.text.slice(span.start, span.end),
      startChar: span.start,
      endChar: span.end,
      ...describe(span),
    }),
  );
  return { layout, chunks };
}

function layOut(segments: readonly TranscriptSegment[]): { layout: TranscriptLayout; turns: Turn[] } {
  let text = '';
  const spans: Span[] = [];
  const turns: Turn[] = [];
  let turn: Turn | undefined;
  segments.forEach((segment, i) => {
    const said = segment.text.trim();
    if (said === '') {
      spans.push({ start: text.length, end: text.length });
      return;
    }
    const speaker = speakerOf(segment);
    if (turn === undefined || turn.speaker !== speaker) {
      if (turn !== undefined) text += TURN_SEPARATOR;
      const start = text.length;
      if (speaker !== undefined) text += `${speaker}: `;
      turn = { start, contentStart: text.length, end: text.length, segments: [], speaker };
      turns.push(turn);
    } else {
      text += ' ';
    }
    spans.push({ start: text.length, end: text.length + said.length });
    text += said;
    turn.end = text.length;
    turn.segments.push(i);
  });
  return { layout: { text, segments: spans }, turns };
}

function speakerOf(segment: TranscriptSegment): string | undefined {
  const speaker = segment.speaker?.trim();
  return speaker === '' ? undefined : speaker;
}

type Described = Pick<Chunk, 'speaker' | 'startSeconds' | 'endSeconds'>;

/**
 * Speaker and times of a passage from the segments it touches: the speaker who says the
 * most characters of it; the start of the first segment; the end of the last, or failing
 * that the next start that is known.
 */
function describer(segments: readonly TranscriptSegment[], layout: TranscriptLayout): (span: Span) => Described {
  const nextKnownStart: (number | undefined)[] = [];
  for (let i = segments.length - 1; i >= 0; i--) nextKnownStart[i] = segments[i + 1]?.start ?? nextKnownStart[i + 1];

  return (span) => {
    const touched: number[] = [];
    // Segment spans are in text order, so the first one to touch is found by bisection.
    for (let i = firstEndingAfter(layout.segments, span.start); i < segments.length && layout.segments[i]!.start < span.end; i++) {
      if (layout.segments[i]!.end > layout.segments[i]!.start) touched.push(i);
    }
    const said = new Map<string, number>();
    for (const i of touched) {
      const speaker = speakerOf(segments[i]!);
      const { start, end } = layout.segments[i]!;
      if (speaker !== undefined) said.set(speaker, (said.get(speaker) ?? 0) + Math.min(end, span.end) - Math.max(start, span.start));
    }
    let speaker: string | undefined;
    for (const [who, chars] of said) if (speaker === undefined || chars > said.get(speaker)!) speaker = who;

    const first = touched[0];
    const last = touched.at(-1);
    const startSeconds = first === undefined ? undefined : segments[first]!.start;
    let endSeconds = last === undefined ? undefined : (segments[last]!.end ?? nextKnownStart[last]);
    // Out-of-order timestamps must not give a passage that ends before it starts.
    if (startSeconds !== undefined && endSeconds !== undefined && endSeconds < startSeconds) endSeconds = undefined;
    return {
      ...(speaker !== undefined ? { speaker } : {}),
      ...(startSeconds !== undefined ? { startSeconds } : {}),
      ...(endSeconds !== undefined ? { endSeconds } : {}),
    };
  };
}

/** Index of the first span whose end is after `offset` (spans sorted by position). */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
