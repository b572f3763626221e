import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonl } from '../../indexer/ingest/formats/jsonl.js';

describe('parseJsonl', () => {
  it('reads one record per line, skipping blank lines, with each line number', () => {
    const items = parseJsonl('{"externalId":"a","kind":"written"}\n\n   \n{"externalId":"b","themes":["tvang"]}\n');
    expect(items).toEqual([
      { kind: 'record', line: 1, record: { externalId: 'a', kind: 'written' } },
      { kind: 'record', line: 4, record: { externalId: 'b', themes: ['tvang'] } },
    ]);
  });

  it('reports a line that is not JSON and reads the rest', () => {
    const items = parseJsonl('{"externalId":"a"}\n{"externalId": b}\n{"externalId":"c"}');
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['record', 1],
      ['error', 2],
      ['record', 3],
    ]);
    expect(items[1]).toMatchObject({ message: expect.stringMatching(/^is not valid JSON: .*each line must hold one story record as a JSON object$/) });
  });

  it('gives the column when JSON.parse knows it', () => {
    const [item] = parseJsonl('{"externalId":"a",}');
    expect(item).toEqual({
      kind: 'error',
      line: 1,
      message: `is not valid JSON: Expected double-quoted property name (column 19); each line must hold one story record as a JSON object`,
    });
  });

  it.each([
    ['["a"]', 'an array'],
    ['"a story"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('refuses %s on its line: it holds %s', (line, what) => {
    expect(parseJsonl(`{"externalId":"x"}\n${line}`)[1]).toEqual({
      kind: 'error',
      line: 2,
      message: `holds ${what}, not a JSON object; each line must hold one story record as a JSON object`,
    });
  });

  it('never repeats the text of a bad line in its message (it may be a story)', () => {
    const [item] = parseJsonl('{"text": Det var den verste natta i mitt liv}');
    expect(item?.kind).toBe('error');
    expect(JSON.stringify(item)).not.toMatch(/natta|verste/);
  });
});

describe('parseJson', () => {
  it('places an error on its line and column in a multi-line text', () => {
    expect(parseJson('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, reason: "Expected ',' or '}' after property value", line: 3, column: 3 });
  });

  it('places a text that stops early at its end', () => {
    expect(parseJson('{\n  "a": [1, 2')).toMatchObject({ ok: false, line: 2, column: 13 });
  });

  it('returns the value of valid JSON', () => {
    expect(parseJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });
});
