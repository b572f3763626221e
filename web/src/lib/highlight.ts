/**
 * Text with marked ranges, as pieces to render: `<mark>` for the marked ones, plain text for the
 * rest. The search API gives matches as [start, end) character ranges into the passage text; the
 * story page marks the passage you came from the same way. Rendering pieces as text (never as
 * HTML) is what keeps a story's own `<script>` harmless.
 */

export type Range = readonly [start: number, end: number];

export interface TextPiece {
  readonly text: string;
  readonly marked: boolean;
}

/** Ranges clamped to the text, empty ones dropped, overlapping and touching ones merged, in order. */
export function normaliseRanges(ranges: readonly Range[], length: number): Range[] {
  const clamped = ranges
    .map(([s, e]): Range => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of clamped) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

export function markRanges(text: string, ranges: readonly Range[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [s, e] of normaliseRanges(ranges, text.length)) {
    if (s > at) pieces.push({ text: text.slice(at, s), marked: false });
    pieces.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

/** A range given in whole-text offsets, moved into a slice of that text starting at `offset`. */
export const shiftRange = ([s, e]: Range, offset: number): Range => [s - offset, e - offset];

/** Whether two [start, end) spans share at least one character. */
export const overlaps = (a: Range, b: Range) => a[0] < b[1] && b[0] < a[1];
