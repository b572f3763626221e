import { describe, expect, it } from 'vitest';
import { parseInterviewText, splitSpeakerPrefix } from '../../indexer/ingest/formats/interview-text.js';

describe('splitSpeakerPrefix', () => {
  it.each([
    ['I: Hei', 'I', 'Hei'],
    ['R:Ja', undefined, undefined],
    ['INTERVJUER: Og så?', 'INTERVJUER', 'Og så?'],
    ['Kari Nordmann: Ja.', 'Kari Nordmann', 'Ja.'],
    ['Dr. Ås-Olsen: Vel.', 'Dr. Ås-Olsen', 'Vel.'],
    ["O'Neil: Right.", "O'Neil", 'Right.'],
    ['R:', 'R', ''],
    ['Det var sånn: jeg visste ikke.', undefined, undefined],
    ['Klokka 10: ferdig', undefined, undefined],
    ['1R: nei', undefined, undefined],
    ['https://example.org er en lenke', undefined, undefined],
    [`${'A'.repeat(41)}: for langt`, undefined, undefined],
    ['Anne Marie Berg Hansen Li: fem ord', undefined, undefined],
  ])('%j → speaker %j', (text, speaker, rest) => {
    const result = splitSpeakerPrefix(text);
    expect(result?.speaker).toBe(speaker);
    expect(result?.rest).toBe(rest);
  });
});

describe('parseInterviewText', () => {
  it('reads turns with stamps before or after the prefix; end is the next stamped turn’s start', () => {
    const text = [
      '[00:00:05] I: Kan du fortelje om den første innleggelsen?',
      'R: [00:00:12.5] Det var hausten 2019.',
      '[01:02] I: Og så?',
      'R: Så vart det betre.',
    ].join('\n');
    expect(parseInterviewText(text)).toEqual({
      errors: [],
      segments: [
        { speaker: 'I', start: 5, end: 12.5, text: 'Kan du fortelje om den første innleggelsen?' },
        { speaker: 'R', start: 12.5, end: 62, text: 'Det var hausten 2019.' },
        { speaker: 'I', start: 62, text: 'Og så?' },
        { speaker: 'R', text: 'Så vart det betre.' },
      ],
    });
  });

  it('continues a turn on lines without a prefix, keeping a blank line as a paragraph break', () => {
    const text = ['I: Kva hjelpte?', 'R: Eg hugsar lite', 'av dei første dagane.', '', '', 'Men eg hugsar lyset.', '', 'I: Takk.', ''].join('\n');
    expect(parseInterviewText(text).segments).toEqual([
      { speaker: 'I', text: 'Kva hjelpte?' },
      { speaker: 'R', text: 'Eg hugsar lite av dei første dagane.\n\nMen eg hugsar lyset.' },
      { speaker: 'I', text: 'Takk.' },
    ]);
  });

  it('reads a speaker whose words start on the next line', () => {
    expect(parseInterviewText('Kari:\nDet var sånn: ingen spurde.').segments).toEqual([{ speaker: 'Kari', text: 'Det var sånn: ingen spurde.' }]);
  });

  it('starts a new turn of the same speaker at a stamp without a prefix', () => {
    expect(parseInterviewText('[00:10] R: Først.\n[00:20] Så.\n[00:30] I: Ja?').segments).toEqual([
      { speaker: 'R', start: 10, end: 20, text: 'Først.' },
      { speaker: 'R', start: 20, end: 30, text: 'Så.' },
      { speaker: 'I', start: 30, text: 'Ja?' },
    ]);
  });

  it('reports text before the first turn once, saying what notation is expected, and reads the turns', () => {
    const result = parseInterviewText('Intervju med Kari, mars.\nOpptatt heime.\nI: Hei.', 10);
    expect(result.errors).toEqual([
      {
        line: 10,
        message:
          'text before the first turn is not read; interview notation is one turn per line, starting with the speaker: "I: …", "R: …" or "Kari: …", optionally with a stamp ("[00:01:23] R: …")',
      },
    ]);
    expect(result.segments).toEqual([{ speaker: 'I', text: 'Hei.' }]);
  });

  it('reports a stamp that goes backwards on its line and leaves that end unset', () => {
    const result = parseInterviewText('[00:02:00] I: Seinare.\n\n[00:01:00] R: Tidlegare.');
    expect(result.errors).toEqual([
      { line: 3, message: "the stamp [00:01:00] is before the previous turn's [00:02:00] (line 1); stamps must not go backwards" },
    ]);
    expect(result.segments).toEqual([
      { speaker: 'I', start: 120, text: 'Seinare.' },
      { speaker: 'R', start: 60, text: 'Tidlegare.' },
    ]);
  });

  it('drops a turn with no words', () => {
    expect(parseInterviewText('I: Hei.\nR:\nI: Hallo?').segments).toEqual([
      { speaker: 'I', text: 'Hei.' },
      { speaker: 'I', text: 'Hallo?' },
    ]);
  });
});
