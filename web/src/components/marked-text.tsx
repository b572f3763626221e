import { markRanges, type Range } from '../lib/highlight.js';

/** Text with `<mark>` on the given ranges, always rendered as text (never as HTML). */
export function MarkedText({ text, ranges, markClass }: { readonly text: string; readonly ranges: readonly Range[]; readonly markClass?: string }) {
  return (
    <>
      {markRanges(text, ranges).map((piece, i) =>
        piece.marked ? (
          <mark key={i} class={markClass}>
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
