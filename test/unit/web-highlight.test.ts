import { describe, expect, it } from 'vitest';
import { markRanges, normaliseRanges, overlaps, shiftRange } from '../../web/src/lib/highlight.js';

const render = (text: string, ranges: [number, number][]) => markRanges(text, ranges).map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('web highlight renderer', () => {
  it('marks the API\'s [start, end) ranges and keeps every character, in order', () => {
    expect(render('Jeg ble tvangsinnlagt i fjor.', [[8, 21]])).toBe('Jeg ble [tvangsinnlagt] i fjor.');
    expect(render('tvang og tvang', [[0, 5], [9, 14]])).toBe('[tvang] og [tvang]');
  });

  it('merges overlapping and touching ranges, sorts them, clamps them to the text, drops empty ones', () => {
    expect(normaliseRanges([[5, 9], [0, 3], [2, 4], [9, 12], [7, 7], [20, 30], [-4, 1]], 15)).toEqual([[0, 4], [5, 12]]);
    expect(render('abcdef', [[4, 99], [1, 2], [1, 2]])).toBe('a[b]cd[ef]');
  });

  it('gives the text unmarked when there is nothing to mark, also when it is empty', () => {
    expect(markRanges('hei', [])).toEqual([{ text: 'hei', marked: false }]);
    expect(markRanges('', [[0, 3]])).toEqual([{ text: '', marked: false }]);
  });

  it('leaves markup in a story as text to render (never HTML)', () => {
    const pieces = markRanges('<script>alert(1)</script> og håp', [[29, 32]]);
    expect(pieces).toEqual([
      { text: '<script>alert(1)</script> og ', marked: false },
      { text: 'håp', marked: true },
    ]);
  });

  it('moves whole-text ranges into a slice and tells overlapping spans', () => {
    expect(shiftRange([120, 140], 100)).toEqual([20, 40]);
    expect(overlaps([0, 5], [4, 9])).toBe(true);
    expect(overlaps([0, 5], [5, 9])).toBe(false);
  });
});
