import type { TextRange } from './lexical-engine.js';

/*
 * Both engines highlight by copying the passage text with markers around the matches
 * (`ts_headline`, Meilisearch's `_formatted`). Offsets are what callers need, so the markers
 * are single control characters that neither engine escapes or drops (private-use
 * characters are dropped by PGlite and Meilisearch), and the text with the markers removed
 * must equal the stored text exactly: only then are the ranges trusted.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * The [start, end) ranges (UTF-16 offsets, as `String.prototype.slice` counts) of the
 * marked parts of `marked` in `original`. Undefined when the markers do not describe
 * `original` exactly: unbalanced, nested, the text changed, or the text itself holds a
 * marker character (then the markers would be ambiguous).
 */
export function markedRanges(marked: string, original: string): TextRange[] | undefined {
  if (original.includes(MARK_START) || original.includes(MARK_END)) return undefined;
  const ranges: TextRange[] = [];
  let plain = 0;
  let openedAt: number | undefined;
  let copied = 0;
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i];
    if (ch !== MARK_START && ch !== MARK_END) continue;
    // Compare the stretch of text since the last marker with the original as we go.
    if (marked.slice(copied, i) !== original.slice(plain, plain + (i - copied))) return undefined;
    plain += i - copied;
    copied = i + 1;
    if (ch === MARK_START) {
      if (openedAt !== undefined) return undefined;
      openedAt = plain;
    } else {
      if (openedAt === undefined) return undefined;
      if (plain > openedAt) ranges.push([openedAt, plain]);
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) return undefined;
  if (marked.slice(copied) !== original.slice(plain)) return undefined;
  return ranges;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Widens each range to whole words: Meilisearch marks only as much of a typo-tolerant or
 * prefix match as the query word was long («tvangsinnleggels|e»), and a reader expects the
 * word. Astral characters (emoji) are never word characters, so a surrogate pair is never split.
 */
export function toWholeWords(text: string, ranges: readonly TextRange[]): TextRange[] {
  return ranges.map(([start, end]) => {
    let s = start;
    let e = end;
    while (s > 0 && WORD_CHAR.test(text[s - 1]!)) s--;
    while (e < text.length && WORD_CHAR.test(text[e]!)) e++;
    return [s, e] as const;
  });
}

/** Sorted, with overlapping or touching ranges merged into one. */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
