import { overlaps, type Range } from './highlight.js';

/**
 * How a story's text is laid out on its page: written stories as paragraphs, interviews as their
 * segments; each block keeps its [start, end) offsets into the story text, which the API's
 * passage offsets point into. Blocks that touch the focused passage are grouped so the page can
 * wrap them in one focusable region.
 */

export interface Block {
  readonly start: number;
  readonly end: number;
}

/** Paragraphs are separated by blank lines; single line breaks stay inside a paragraph. */
export function paragraphs(text: string): Block[] {
  const blocks: Block[] = [];
  const separator = /\n[ \t]*\n\s*/g;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    pushTrimmed(blocks, text, start, match.index);
    start = match.index + match[0].length;
  }
  pushTrimmed(blocks, text, start, text.length);
  return blocks;
}

function pushTrimmed(blocks: Block[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) blocks.push({ start, end });
}

export interface BlockGroup<B extends Block> {
  readonly focused: boolean;
  readonly blocks: readonly B[];
}

/** Consecutive blocks, split where they start or stop touching `focus` (one group when there is none). */
export function groupByFocus<B extends Block>(blocks: readonly B[], focus: Range | null): BlockGroup<B>[] {
  const groups: { focused: boolean; blocks: B[] }[] = [];
  for (const block of blocks) {
    const focused = focus !== null && overlaps([block.start, block.end], focus);
    const last = groups.at(-1);
    if (last && last.focused === focused) last.blocks.push(block);
    else groups.push({ focused, blocks: [block] });
  }
  return groups;
}

/** A transcript time as mm:ss (h:mm:ss from an hour on). */
export function formatTimestamp(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}

/** The same time for `<time datetime>`: an ISO 8601 duration such as PT1M5S. */
export function isoDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `PT${Math.floor(whole / 60)}M${whole % 60}S`;
}
