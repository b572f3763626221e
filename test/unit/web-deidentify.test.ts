import { describe, expect, it } from 'vitest';
import {
  acceptAll,
  choose,
  countDecided,
  labelFor,
  nameKey,
  partsWithMarks,
  piecesOf,
  previewOf,
  redactionRequest,
  storyLanguage,
  type PartText,
} from '../../web/src/pages/staff/review/deidentify.js';
import type { PiiMark, PseudonymEntry, ReviewView } from '../../web/src/pages/staff/staff-api.js';

/** A mark on the first occurrence of `word` in `text` (the tests find offsets as the API would give them). */
function markOn(text: string, word: string, category: PiiMark['category'], from = 0): PiiMark {
  const start = text.indexOf(word, from);
  if (start < 0) throw new Error(`«${word}» is not in the text`);
  return { start, end: start + word.length, category, confidence: 'high', reason: 'test' };
}

type ViewInput = Pick<ReviewView, 'story' | 'personalData' | 'pseudonyms'>;

function written(title: string, body: string, marks: { title?: PiiMark[]; body?: PiiMark[] }, pseudonyms: PseudonymEntry[] = []): ViewInput {
  return {
    story: { title, body, segments: null, language: 'nb' } as unknown as ReviewView['story'],
    personalData: [
      { part: 'title', marks: marks.title ?? [] },
      { part: 'body', marks: marks.body ?? [] },
    ],
    pseudonyms,
  };
}

const BODY = 'Kari ringte meg på 912 34 567. Senere skrev Kari til kari@eksempel.no fra Tromsø.';

describe('web de-identification: the marks in each part', () => {
  it('keeps marks in story order and drops ones out of range, empty or overlapping an earlier one', () => {
    const view = written('Om Kari', BODY, {
      body: [
        markOn(BODY, 'Tromsø', 'place'),
        markOn(BODY, 'Kari', 'person'),
        markOn(BODY, '912 34 567', 'phone'),
        // Overlaps the phone number: dropped.
        { start: BODY.indexOf('34'), end: BODY.indexOf('34') + 6, category: 'postcode', confidence: 'low', reason: 'x' },
        { start: BODY.length - 2, end: BODY.length + 5, category: 'place', confidence: 'low', reason: 'past the end' },
        { start: 5, end: 5, category: 'place', confidence: 'low', reason: 'empty' },
      ],
      title: [markOn('Om Kari', 'Kari', 'person')],
    });
    const parts = partsWithMarks(view);
    expect(parts.map((p) => p.part)).toEqual(['title', 'body']);
    expect(parts[1]!.marks.map((m) => m.original)).toEqual(['Kari', '912 34 567', 'Tromsø']);
    expect(parts[0]!.marks.map((m) => [m.key, m.original])).toEqual([['title:3:7', 'Kari']]);
  });

  it('skips parts the story does not have, and reads interview segments by index', () => {
    const view: ViewInput = {
      story: { title: null, body: null, segments: [{ text: 'Hei.' }, { speaker: 'B', text: 'Jeg heter Ola.' }], language: 'nn' } as unknown as ReviewView['story'],
      personalData: [
        { part: 'title', marks: [{ start: 0, end: 2, category: 'person', confidence: 'low', reason: 'x' }] },
        { part: 1, marks: [markOn('Jeg heter Ola.', 'Ola', 'person')] },
        { part: 7, marks: [] },
      ],
      pseudonyms: [],
    };
    const parts = partsWithMarks(view);
    expect(parts.map((p) => [p.part, p.text])).toEqual([[1, 'Jeg heter Ola.']]);
    expect(parts[0]!.marks[0]!.key).toBe('1:10:13');
  });

  it('recognises a pseudonym the story already uses (a re-detected replacement) and suggests keeping it', () => {
    const text = 'Siden snakket Marius med legen.';
    const view = written('T', text, { body: [markOn(text, 'Marius', 'person')] }, [{ original: 'Per', replacement: 'Marius', category: 'person' }]);
    const [, body] = partsWithMarks(view);
    expect(body!.marks[0]!.alreadyPseudonym).toBe(true);
    expect(acceptAll(partsWithMarks(view), view.pseudonyms)).toEqual({ [body!.marks[0]!.key]: { kind: 'keep' } });
  });

  it('compares names as the API does: case, spacing, apostrophes and Unicode form do not matter', () => {
    expect(nameKey('  Kari   Nordmann ')).toBe(nameKey('kari nordmann'));
    expect(nameKey('O’Neil')).toBe(nameKey("o'neil"));
    expect(nameKey('A\u030Asa')).toBe(nameKey('Åsa'));
    expect(nameKey('Kari')).not.toBe(nameKey('Karin'));
  });
});

describe('web de-identification: choices, preview and request', () => {
  const view = written('Om Kari', BODY, {
    title: [markOn('Om Kari', 'Kari', 'person')],
    body: [markOn(BODY, 'Kari', 'person'), markOn(BODY, '912 34 567', 'phone'), markOn(BODY, 'Kari', 'person', 10), markOn(BODY, 'kari@eksempel.no', 'email')],
  });
  const parts = partsWithMarks(view);
  const body = parts[1]!;
  const keys = body.marks.map((m) => m.key);

  it('accepts every suggestion: a pseudonym for a person (the known one if the map has it), a label for the rest', () => {
    const known = acceptAll(parts, [{ original: 'kari', replacement: 'Lise', category: 'person' }]);
    expect(known[keys[0]!]).toEqual({ kind: 'pseudonym', value: 'Lise' });
    expect(known[keys[1]!]).toEqual({ kind: 'label' });
    expect(known[keys[3]!]).toEqual({ kind: 'label' });
    // No pseudonym known yet: left blank, for the API to choose.
    expect(acceptAll(parts, [])[keys[2]!]).toEqual({ kind: 'pseudonym', value: '' });
    expect(countDecided(parts, known)).toBe(5);
  });

  it('gives a pseudonym typed for one mark to every pseudonym mark of the same name, and only those', () => {
    let decisions = acceptAll(parts, []);
    decisions = choose(parts, decisions, keys[1]!, { kind: 'keep' });
    decisions = choose(parts, decisions, keys[0]!, { kind: 'pseudonym', value: 'Lise' });
    expect(decisions[parts[0]!.marks[0]!.key]).toEqual({ kind: 'pseudonym', value: 'Lise' });
    expect(decisions[keys[2]!]).toEqual({ kind: 'pseudonym', value: 'Lise' });
    expect(decisions[keys[1]!]).toEqual({ kind: 'keep' });
    // A mark of the same name set to a label is not touched by a pseudonym typed elsewhere.
    decisions = choose(parts, decisions, keys[2]!, { kind: 'label' });
    decisions = choose(parts, decisions, keys[0]!, { kind: 'pseudonym', value: 'Mona' });
    expect(decisions[keys[2]!]).toEqual({ kind: 'label' });
    // Undecided again.
    expect(choose(parts, decisions, keys[0]!, undefined)[keys[0]!]).toBeUndefined();
  });

  it('cuts a part into text and marks that put the text back together exactly', () => {
    const pieces = piecesOf(body);
    expect(pieces.map((p) => p.text).join('')).toBe(BODY);
    expect(pieces.filter((p) => p.kind === 'mark').map((p) => p.text)).toEqual(['Kari', '912 34 567', 'Kari', 'kari@eksempel.no']);
    const unmarked: PartText = { part: 'body', text: 'Ingenting her.', marks: [] };
    expect(piecesOf(unmarked)).toEqual([{ kind: 'text', text: 'Ingenting her.' }]);
  });

  it('previews the part as it will read: labels in the story language, pseudonyms, pending ones, the rest unchanged', () => {
    let decisions = choose(parts, {}, keys[1]!, { kind: 'label' });
    decisions = choose(parts, decisions, keys[3]!, { kind: 'label' });
    decisions = choose(parts, decisions, keys[0]!, { kind: 'pseudonym', value: '' });
    decisions = choose(parts, decisions, keys[2]!, { kind: 'pseudonym', value: ' Lise ' });
    const preview = previewOf(body, decisions, [], 'nb');
    const shown = preview.map((p) => (p.kind === 'pending' ? `<${p.original}>` : p.text)).join('');
    // The value typed for the second «Kari» went to the first as well.
    expect(shown).toBe('Lise ringte meg på [telefon]. Senere skrev Lise til [e-post] fra Tromsø.');
    // A pseudonym left blank and unknown to the map: the API will choose it.
    const title = parts[0]!;
    expect(previewOf(title, choose(parts, {}, title.marks[0]!.key, { kind: 'pseudonym', value: '' }), [], 'nb')).toEqual([
      { kind: 'text', text: 'Om ' },
      { kind: 'pending', original: 'Kari' },
    ]);
    expect(previewOf(title, choose(parts, {}, title.marks[0]!.key, { kind: 'pseudonym', value: '' }), [{ original: 'KARI', replacement: 'Mona', category: 'person' }], 'nb')).toEqual([
      { kind: 'text', text: 'Om ' },
      { kind: 'pseudonym', text: 'Mona' },
    ]);
    expect(shown).not.toContain('912 34 567');
    expect(previewOf(body, decisions, [], 'en').map((p) => ('text' in p ? p.text : '')).join('')).toContain('[phone]');
    expect(labelFor('place', 'nn')).toBe('[stad]');
    // Nothing decided: the text as it is.
    expect(previewOf(body, {}, [], 'nb')).toEqual([{ kind: 'text', text: BODY }]);
  });

  it('reads an unknown story language as Bokmål for the labels', () => {
    expect(storyLanguage('nn')).toBe('nn');
    expect(storyLanguage('en')).toBe('en');
    expect(storyLanguage('se')).toBe('nb');
  });

  it('sends only decided marks, per part, for the revision shown; nothing decided sends nothing', () => {
    expect(redactionRequest(parts, {}, 3)).toBeNull();
    let decisions = choose(parts, {}, keys[1]!, { kind: 'label' });
    decisions = choose(parts, decisions, keys[0]!, { kind: 'pseudonym', value: '  Lise ' });
    decisions = choose(parts, decisions, keys[3]!, { kind: 'keep' });
    const request = redactionRequest(parts, decisions, 3);
    const phone = body.marks[1]!.mark;
    expect(request).toEqual({
      revision: 3,
      parts: [
        {
          part: 'body',
          decisions: [
            { start: 0, end: 4, category: 'person', replacement: { kind: 'pseudonym', value: 'Lise' } },
            { start: phone.start, end: phone.end, category: 'phone', replacement: { kind: 'label', category: 'phone' } },
            { start: body.marks[3]!.mark.start, end: body.marks[3]!.mark.end, category: 'email', replacement: { kind: 'keep' } },
          ],
        },
      ],
    });
    // A pseudonym left blank is the API's to choose: sent without a value.
    expect(redactionRequest(parts, choose(parts, {}, parts[0]!.marks[0]!.key, { kind: 'pseudonym', value: ' ' }), 4)).toEqual({
      revision: 4,
      parts: [{ part: 'title', decisions: [{ start: 3, end: 7, category: 'person', replacement: { kind: 'pseudonym' } }] }],
    });
  });
});
