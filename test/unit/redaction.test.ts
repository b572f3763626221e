import { describe, expect, it } from 'vitest';
import { detectPersonalData } from '../../services/moderation/pii/pii.js';
import { applyRedactions, RedactionError, suggestDecisions, type RedactionDecision } from '../../services/moderation/redaction.js';
import { random } from '../support/seeded-random.js';

/** Decisions for every occurrence of each word, in the order given. */
function decide(text: string, words: Record<string, RedactionDecision['replacement']>): RedactionDecision[] {
  return Object.entries(words).flatMap(([word, replacement]) =>
    [...text.matchAll(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'gu'))].map((m) => ({ start: m.index, end: m.index + word.length, replacement })),
  );
}
const pseudonym = { kind: 'pseudonym' } as const;

describe('applyRedactions', () => {
  it('renders labels in Bokmål, Nynorsk and English', () => {
    const text = 'Ring 22 33 44 55 eller skriv til a@b.no fra Tromsø.';
    const decisions: RedactionDecision[] = [
      { start: 5, end: 16, replacement: { kind: 'label', category: 'phone' } },
      { start: 33, end: 39, replacement: { kind: 'label', category: 'email' } },
      { start: 44, end: 50, replacement: { kind: 'label', category: 'place' } },
    ];
    expect(applyRedactions(text, decisions).text).toBe('Ring [telefon] eller skriv til [e-post] fra [sted].');
    expect(applyRedactions(text, decisions, [], { language: 'nn' }).text).toBe('Ring [telefon] eller skriv til [e-post] fra [stad].');
    expect(applyRedactions(text, decisions, [], { language: 'en' }).text).toBe('Ring [phone] eller skriv til [email] fra [place].');
  });

  it('gives the same name the same pseudonym, across case and the genitive', () => {
    const text = 'Kari ringte. Karis mor sa at KARI var syk, og kari kom ikke.';
    const { text: out, pseudonyms } = applyRedactions(text, decide(text, { Kari: pseudonym, Karis: pseudonym, KARI: pseudonym, kari: pseudonym }));
    expect(out).toBe('Lina ringte. Linas mor sa at Lina var syk, og Lina kom ikke.');
    expect(pseudonyms).toEqual([{ original: 'Kari', replacement: 'Lina', category: 'person' }]);
  });

  it('maps a genitive met first to the base name, and names ending in s take an apostrophe', () => {
    const text = 'Karis bror og Kari. Tobias satt der.';
    const out = applyRedactions(text, decide(text, { Karis: pseudonym, Kari: pseudonym }), [{ original: 'Jonas', replacement: 'Jonas', category: 'person' }]);
    // «Lina» is first in the pool; «Jonas» is taken by the map given in; «Tobias» is in the text.
    expect(out.text).toBe('Linas bror og Lina. Tobias satt der.');
    // The genitive apostrophe belongs to the marked span: «Jonas’» → «Linas».
    const jonas = 'Jonas kom. Jonas’ bror også.';
    const spans = [{ start: 0, end: 5, replacement: pseudonym }, { start: 11, end: 17, replacement: pseudonym }];
    expect(applyRedactions(jonas, spans).text).toBe('Lina kom. Linas bror også.');
  });

  it('keeps an existing pseudonym map and registers the parts of a full name', () => {
    const text = 'Ola Nordmann kom. Senere sa Nordmann og Ola ja. Trude også.';
    const result = applyRedactions(text, suggestDecisions(detectPersonalData(text)), [
      { original: 'Trude', replacement: 'Maja', category: 'person' },
    ]);
    expect(result.text).toBe('Lina Berg kom. Senere sa Berg og Lina ja. Maja også.');
    expect(result.pseudonyms.map((p) => [p.original, p.replacement])).toEqual([
      ['Trude', 'Maja'],
      ['Ola Nordmann', 'Lina Berg'],
    ]);
  });

  it('never hands out a pseudonym that already occurs in the story', () => {
    const text = 'Lina og Jonas møtte Kari.';
    expect(applyRedactions(text, decide(text, { Kari: pseudonym })).text).toBe('Lina og Jonas møtte Tiril.');
  });

  it('uses an explicit pseudonym everywhere, and refuses two different ones for one name', () => {
    const text = 'Kari ringte. Senere kom Kari.';
    const [first, second] = decide(text, { Kari: pseudonym });
    expect(applyRedactions(text, [first!, { ...second!, replacement: { kind: 'pseudonym', value: 'Mona' } }]).text).toBe('Mona ringte. Senere kom Mona.');
    const conflicting = () =>
      applyRedactions(text, [
        { ...first!, replacement: { kind: 'pseudonym', value: 'Mona' } },
        { ...second!, replacement: { kind: 'pseudonym', value: 'Rut' } },
      ]);
    expect(conflicting).toThrow(RedactionError);
  });

  it('keeps what the editor keeps, and gives places place pseudonyms', () => {
    const text = 'Jeg bodde i Tromsø hos Kari.';
    const out = applyRedactions(text, [
      { start: 12, end: 18, category: 'place', replacement: pseudonym },
      { start: 23, end: 27, replacement: { kind: 'keep' } },
    ]);
    expect(out.text).toBe('Jeg bodde i Elvby hos Kari.');
    expect(out.applied.map((a) => a.kind)).toEqual(['pseudonym', 'keep']);
  });

  it('keeps later offsets right when earlier replacements change length', () => {
    const text = 'A: Kari Nordmann, 22 33 44 55, Tromsø, x@y.no.';
    const decisions = suggestDecisions(detectPersonalData(text));
    const { text: out, applied } = applyRedactions(text, [...decisions].reverse());
    expect(out).toBe('A: Lina Berg, [telefon], [sted], [e-post].');
    for (const a of applied) expect(out.slice(a.outputStart, a.outputEnd)).toMatch(/^(?:Lina Berg|\[telefon\]|\[sted\]|\[e-post\])$/);
  });

  it.each([
    [[{ start: 0, end: 4 }, { start: 3, end: 6 }], 'overlap'],
    [[{ start: -1, end: 2 }], 'out_of_range'],
    [[{ start: 2, end: 99 }], 'out_of_range'],
    [[{ start: 3, end: 3 }], 'empty'],
    [[{ start: 1.5, end: 3 }], 'out_of_range'],
    [[{ start: 0, end: 1 }], 'splits_character'],
  ])('rejects %j with code %s', (spans, code) => {
    const text = spans.some((s) => s.end === 1) ? '🙂 hei' : 'Kari Hansen';
    const decisions = spans.map((s) => ({ ...s, replacement: { kind: 'label', category: 'person' } as const }));
    const attempt = () => applyRedactions(text, decisions);
    expect(attempt).toThrow(RedactionError);
    try {
      attempt();
    } catch (error) {
      expect((error as RedactionError).code).toBe(code);
    }
  });

  it('allows touching decisions and suggests pseudonyms for people, labels for the rest', () => {
    expect(applyRedactions('KariOla', [
      { start: 0, end: 4, replacement: { kind: 'label', category: 'person' } },
      { start: 4, end: 7, replacement: { kind: 'label', category: 'person' } },
    ]).text).toBe('[navn][navn]');
    const suggested = suggestDecisions(detectPersonalData('Kari ringte 22 33 44 55.'));
    expect(suggested.map((d) => d.replacement)).toEqual([{ kind: 'pseudonym' }, { kind: 'label', category: 'phone' }]);
  });
});

describe('applyRedactions, property: no replaced original survives', () => {
  const names = ['Kari', 'Ola', 'Trude', 'Geir', 'Mohammed', 'Anne-Lise', 'Sigrid', 'Jonas', 'Hans', 'Lina', 'Ola Nordmann'];
  const data = [
    { text: 'Gaustad', category: 'place' },
    { text: 'Storgata 12B', category: 'address' },
    { text: '22 33 44 55', category: 'phone' },
    { text: 'kari@eksempel.no', category: 'email' },
  ] as const;
  const verbs = ['ringte meg fra', 'kom på besøk til', 'sa ingenting om', 'skrev til'];
  const genitive = (n: string) => (/[sxz]$/.test(n) ? `${n}'` : `${n}s`);

  it('holds for 300 seeded random stories (every occurrence marked, each replaced by a label or a pseudonym)', () => {
    const rng = random(20240808);
    for (let run = 0; run < 300; run++) {
      let text = '';
      const decisions: RedactionDecision[] = [];
      const mark = (piece: string, category: RedactionDecision['category']) => {
        decisions.push({
          start: text.length,
          end: text.length + piece.length,
          category,
          replacement: rng.next() < 0.6 ? { kind: 'pseudonym' } : { kind: 'label', category: category ?? 'person' },
        });
        text += piece;
      };
      for (let k = rng.int(1, 8); k > 0; k--) {
        const name = rng.pick(names);
        mark(rng.pick([name, genitive(name), name.toUpperCase(), name.toLowerCase()]), 'person');
        text += ` ${rng.pick(verbs)} `;
        const item = rng.pick(data);
        mark(item.text, item.category);
        text += rng.pick(['. ', ', og ', '! ']);
      }
      const replaced = new Set(decisions.map((d) => text.slice(d.start, d.end).toLowerCase()));
      const { text: out, applied, pseudonyms } = applyRedactions(text, rng.next() < 0.5 ? decisions : [...decisions].reverse());
      expect(applied).toHaveLength(decisions.length);
      for (const original of replaced) {
        const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, 'u').test(out.toLowerCase()), `«${original}» survived in run ${run}: ${out}`).toBe(false);
      }
      // Consistency: one pseudonym per original in the map.
      expect(new Set(pseudonyms.map((p) => p.original.toLowerCase())).size).toBe(pseudonyms.length);
    }
  });
});
