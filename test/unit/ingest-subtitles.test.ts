import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../indexer/ingest/formats/srt.js';
import { parseTimestamp, parseWebVtt } from '../../indexer/ingest/formats/webvtt.js';

const vtt = (...lines: string[]) => lines.join('\n');

describe('parseTimestamp', () => {
  it.each([
    ['00:01:02.500', 62.5],
    ['01:00:00.000', 3600],
    ['02:03.040', 123.04],
    ['00:00:01,250', 1.25],
    ['100:00:00.001', 360_000.001],
  ])('reads %s as %d seconds', (stamp, seconds) => {
    expect(parseTimestamp(stamp)).toBeCloseTo(seconds, 6);
  });

  it.each(['00:60:00.000', '00:00:61.000', '00:00:01', '0:1:2.000', '00:00:0x.000', '00:00:01.5'])('refuses %s', (stamp) => {
    expect(parseTimestamp(stamp)).toBeUndefined();
  });
});

describe('parseWebVtt', () => {
  it('reads voices, timings and multi-line text; skips NOTE, STYLE and REGION blocks and cue settings', () => {
    const result = parseWebVtt(
      vtt(
        'WEBVTT - oppdiktet intervju',
        'Kind: captions',
        '',
        'REGION',
        'id:fred width:40%',
        '',
        'STYLE',
        '::cue { color: yellow }',
        '',
        'NOTE En merknad',
        'over to linjer',
        '',
        'intro',
        '00:00:01.000 --> 00:00:04.500 align:start position:10%',
        '<v Intervjuer>Kan du fortelle om',
        'første gang?</v>',
        '',
        '00:00:05.000 --> 00:01:09.250',
        '<v.mild Kari Nordmann>Det var høsten 2019.',
      ),
    );
    expect(result).toEqual({
      errors: [],
      segments: [
        { speaker: 'Intervjuer', start: 1, end: 4.5, text: 'Kan du fortelle om første gang?' },
        { speaker: 'Kari Nordmann', start: 5, end: 69.25, text: 'Det var høsten 2019.' },
      ],
    });
  });

  it('strips other tags and decodes entities after stripping', () => {
    const { segments } = parseWebVtt(vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '<v Kari><i>Redd</i> &amp; <b>alene</b>,&nbsp;<c.gul>sa</c> hun &lt;i&gt;<00:00:01.500>'));
    expect(segments).toEqual([{ speaker: 'Kari', start: 1, end: 2, text: 'Redd & alene, sa hun <i>' }]);
  });

  it('takes a NAME: prefix when there is no voice tag, and continues the previous speaker when there is neither', () => {
    const { segments } = parseWebVtt(
      vtt(
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'INTERVJUER: Og så?',
        '',
        '00:00:02.000 --> 00:00:03.000',
        'Fortell mer.',
        '',
        '00:00:03.000 --> 00:00:04.000',
        '<v Kari>Ja.',
        '',
        '00:00:04.000 --> 00:00:05.000',
        'Det var sånn: jeg visste ikke.',
      ),
    );
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ['INTERVJUER', 'Og så?'],
      ['INTERVJUER', 'Fortell mer.'],
      ['Kari', 'Ja.'],
      ['Kari', 'Det var sånn: jeg visste ikke.'],
    ]);
  });

  it('splits a cue holding two voices into two turns with the cue timing', () => {
    const { segments } = parseWebVtt(vtt('WEBVTT', '', '00:00:10.000 --> 00:00:12.000', '<v Kari>Ja.</v> <v Intervjuer>Og så?</v>'));
    expect(segments).toEqual([
      { speaker: 'Kari', start: 10, end: 12, text: 'Ja.' },
      { speaker: 'Intervjuer', start: 10, end: 12, text: 'Og så?' },
    ]);
  });

  it('reports malformed cues with their line and reads the rest; empty cues are skipped', () => {
    const result = parseWebVtt(
      vtt(
        'WEBVTT', // 1
        '', // 2
        '00:00:01.000 --> 00:00:02.000', // 3
        '<v I>Fin.', // 4
        '', // 5
        '00:00:03.000 -> 00:00:04.000', // 6: bad arrow
        '<v R>Tapt.', // 7
        '', // 8
        '7', // 9
        '00:00:08.000 --> 00:00:07.000', // 10: ends before it starts
        'Tapt.', // 11
        '', // 12
        '00:00:0x.000 --> 00:00:10.000', // 13: bad timestamp
        '', // 14
        '00:00:11.000 --> 00:00:12.000', // 15: empty cue
        '<v R></v>', // 16
        '', // 17
        '00:00:13.000 --> 00:00:14.000', // 18
        'Også fin.', // 19
      ),
    );
    expect(result.errors).toEqual([
      { line: 6, message: 'expected a cue timing line like 00:01:02.500 --> 00:01:07.000; the cue is skipped' },
      { line: 10, message: 'the cue ends (00:00:07.000) before it starts (00:00:08.000); the cue is skipped' },
      { line: 13, message: 'the cue timing is not valid; expected a line like 00:01:02.500 --> 00:01:07.000; the cue is skipped' },
    ]);
    expect(result.segments).toEqual([
      { speaker: 'I', start: 1, end: 2, text: 'Fin.' },
      { speaker: 'R', start: 13, end: 14, text: 'Også fin.' },
    ]);
  });

  it('starts a new cue at a timing line even without a blank line before it', () => {
    const { segments, errors } = parseWebVtt(vtt('WEBVTT', '00:00:01.000 --> 00:00:02.000', 'En.', '00:00:02.000 --> 00:00:03.000', 'To.'));
    expect(errors).toEqual([]);
    expect(segments.map((s) => [s.start, s.text])).toEqual([
      [1, 'En.'],
      [2, 'To.'],
    ]);
  });

  it('refuses a file without the WEBVTT line', () => {
    expect(parseWebVtt('00:00:01.000 --> 00:00:02.000\nHei')).toEqual({
      segments: [],
      errors: [{ line: 1, message: 'is not a WebVTT file: the first line must be "WEBVTT"' }],
    });
  });
});

describe('parseSrt', () => {
  const srt = [
    '1', // 1
    '00:00:01,000 --> 00:00:03,000', // 2
    'INTERVJUER: Hvordan ble du rusfri?', // 3
    '', // 4
    '2', // 5
    '00:00:03,500 --> 00:00:06,000', // 6
    'KARI: Det tok', // 7
    'lang tid.', // 8
    '', // 9
    '3', // 10
    '00:00:06,000 --> 00:00:08,000 X1:100 X2:200 Y1:10 Y2:20', // 11
    '{\\an8}Først måtte jeg ha <i>et sted</i> å bo.', // 12
    '', // 13
    '4', // 14
    '00:00:08,500 --> 00:00:10,000', // 15
    'Kari Nordmann: Så kom jobben.', // 16
  ].join('\n');

  it('reads cues with NAME: prefixes, continuing the previous speaker', () => {
    expect(parseSrt(srt)).toEqual({
      errors: [],
      segments: [
        { speaker: 'INTERVJUER', start: 1, end: 3, text: 'Hvordan ble du rusfri?' },
        { speaker: 'KARI', start: 3.5, end: 6, text: 'Det tok lang tid.' },
        { speaker: 'KARI', start: 6, end: 8, text: 'Først måtte jeg ha et sted å bo.' },
        { speaker: 'Kari Nordmann', start: 8.5, end: 10, text: 'Så kom jobben.' },
      ],
    });
  });

  it('reports malformed cues with their line and reads the rest', () => {
    const result = parseSrt(
      [
        '1', // 1
        '00:00:01,000 --> 00:00:02,000', // 2
        'I: Første.', // 3
        '', // 4
        '2', // 5
        '00:00:0x,000 --> 00:00:04,000', // 6
        'Tapt.', // 7
        '', // 8
        '3', // 9
        '00:00:06,000 --> 00:00:05,000', // 10
        'Tapt.', // 11
        '', // 12
        '4', // 13
        'Ingen tid i det hele tatt.', // 14
        '', // 15
        '5', // 16
        '00:00:07,000 --> 00:00:08,000', // 17
        'R: Siste.', // 18
      ].join('\n'),
    );
    expect(result.errors).toEqual([
      { line: 6, message: 'the cue timing is not valid; expected a line like 00:01:02,500 --> 00:01:07,000; the cue is skipped' },
      { line: 10, message: 'the cue ends (00:00:05,000) before it starts (00:00:06,000); the cue is skipped' },
      { line: 13, message: 'expected a cue timing line like 00:01:02,500 --> 00:01:07,000; the cue is skipped' },
    ]);
    expect(result.segments).toEqual([
      { speaker: 'I', start: 1, end: 2, text: 'Første.' },
      { speaker: 'R', start: 7, end: 8, text: 'Siste.' },
    ]);
  });

  it('separates cues whose blank line is missing, counter and all', () => {
    const result = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nI: En.\n2\n00:00:02,000 --> 00:00:03,000\nTo.\n');
    expect(result).toEqual({
      errors: [],
      segments: [
        { speaker: 'I', start: 1, end: 2, text: 'En.' },
        { speaker: 'I', start: 2, end: 3, text: 'To.' },
      ],
    });
  });
});
