import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, markedRanges, mergeRanges, toWholeWords } from '../../services/lexical/highlight-ranges.js';
import type { TextRange } from '../../services/lexical/lexical-engine.js';
import { random } from '../support/seeded-random.js';

const mark = (text: string, ranges: readonly TextRange[]) => {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + MARK_START + text.slice(start, end) + MARK_END;
    at = end;
  }
  return out + text.slice(at);
};

describe('markedRanges', () => {
  it('gives UTF-16 offsets into the original after Norwegian letters and astral emoji', () => {
    const text = 'Æøå 😀 🧑‍⚕️ «først» ble jeg lagt i belter.';
    const marked = `Æøå 😀 🧑‍⚕️ «${MARK_START}først${MARK_END}» ble jeg lagt i ${MARK_START}belter${MARK_END}.`;
    const ranges = markedRanges(marked, text)!;
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['først', 'belter']);
    expect(ranges[0]).toEqual([text.indexOf('først'), text.indexOf('først') + 5]);
  });

  it('round-trips any marking of any text', () => {
    const rnd = random(6);
    const pieces = ['æ', 'ø', 'å', 'a', ' ', '\n', '😀', '🧑‍⚕️', 'é', 'e\u0301', '«', '-', 'x'];
    for (let run = 0; run < 300; run++) {
      const text = Array.from({ length: rnd.int(0, 40) }, () => rnd.pick(pieces)).join('');
      const cuts = [...new Set(Array.from({ length: rnd.int(0, 6) }, () => rnd.int(0, text.length)))].sort((a, b) => a - b);
      const ranges: TextRange[] = [];
      for (let i = 0; i + 1 < cuts.length; i += 2) if (cuts[i]! < cuts[i + 1]!) ranges.push([cuts[i]!, cuts[i + 1]!]);
      expect(markedRanges(mark(text, ranges), text)).toEqual(ranges);
    }
  });

  it('refuses markings that do not describe the original exactly', () => {
    const text = 'lagt i belter';
    expect(markedRanges(`lagt i ${MARK_START}belte${MARK_END}`, text)).toBeUndefined(); // text changed
    expect(markedRanges(`lagt i ${MARK_START}belter`, text)).toBeUndefined(); // unbalanced
    expect(markedRanges(`lagt i belter${MARK_END}`, text)).toBeUndefined();
    expect(markedRanges(`${MARK_START}lagt ${MARK_START}i${MARK_END} belter${MARK_END}`, text)).toBeUndefined(); // nested
    expect(markedRanges(`lagt i belter!`, text)).toBeUndefined();
    // A text holding a marker character itself: the markers would be ambiguous.
    expect(markedRanges(`a${MARK_START}b${MARK_END}`, `a${MARK_END}b`)).toBeUndefined();
  });

  it('skips empty marks and returns [] when nothing is marked', () => {
    expect(markedRanges(`a ${MARK_START}${MARK_END}b`, 'a b')).toEqual([]);
    expect(markedRanges('a b', 'a b')).toEqual([]);
  });
});

describe('toWholeWords', () => {
  it('widens a partial (typo or prefix) match to its word, and leaves whole words alone', () => {
    const text = 'en tvangsinnleggelse og restraints.';
    const partial: TextRange = [text.indexOf('tvangs'), text.indexOf('tvangs') + 16];
    const prefix: TextRange = [text.indexOf('restraint'), text.indexOf('restraint') + 9];
    const widened = toWholeWords(text, [partial, prefix]);
    expect(widened.map(([s, e]) => text.slice(s, e))).toEqual(['tvangsinnleggelse', 'restraints']);
    expect(toWholeWords(text, widened)).toEqual(widened);
  });

  it('never widens into an emoji or over punctuation', () => {
    const text = '😀belter😀 «først»';
    const ranges = toWholeWords(text, [[2, 5], [text.indexOf('først') + 1, text.indexOf('først') + 3]]);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['belter', 'først']);
  });
});

describe('mergeRanges', () => {
  it('sorts and merges overlapping or touching ranges', () => {
    expect(mergeRanges([[10, 12], [0, 4], [3, 6], [6, 8], [20, 25]])).toEqual([[0, 8], [10, 12], [20, 25]]);
    expect(mergeRanges([])).toEqual([]);
  });
});
