import { mergeRanges } from '../lexical/highlight-ranges.js';
import type { TextRange } from '../lexical/lexical-engine.js';

/**
 * A passage as safe HTML: every character of the story escaped, the matched ranges in
 * <mark>. Story text is user input (it may hold `<script>`); escaping happens here, once.
 */
export function highlightHtml(text: string, ranges: readonly TextRange[]): string {
  let html = '';
  let at = 0;
  for (const [start, end] of normaliseRanges(ranges, text.length)) {
    html += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** Inside the text, non-empty, sorted and without overlaps (overlapping ranges merge). */
export function normaliseRanges(ranges: readonly TextRange[], length: number): TextRange[] {
  const clamp = (x: number) => Math.max(0, Math.min(x, length));
  return mergeRanges(ranges.map(([s, e]) => [clamp(s), clamp(e)] as const).filter(([s, e]) => e > s));
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
