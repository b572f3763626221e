import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../indexer/ingest/detect-language.js';

// Invented paragraphs in the register of the stories (none is a real person's words).
const paragraphs: [string, 'nb' | 'nn' | 'en', string][] = [
  [
    'Bokmål, first person',
    'nb',
    'Jeg visste ikke hva som skjedde med meg. Det var som om hele verden ble borte, og ingen spurte hvordan jeg hadde det. ' +
      'Først da jeg kom hjem fra sykehuset, forsto jeg at jeg måtte finne en vei selv.',
  ],
  [
    'Bokmål, about a relative',
    'nb',
    'Hun kommer hjem hver fredag nå. Vi vet aldri helt hvordan helgen blir, men vi er sammen, og det er mye bedre enn før.',
  ],
  [
    'Bokmål, coercion',
    'nb',
    'De la meg i belter fire ganger den høsten. Ingen forklarte hvorfor, og jeg tror ikke de så meg som et menneske.',
  ],
  [
    'Nynorsk, first person',
    'nn',
    'Eg visste ikkje kva som skjedde med meg. Det var som om heile verda vart borte, og ingen spurde korleis eg hadde det. ' +
      'Først då eg kom heim frå sjukehuset, forstod eg at eg måtte finne ein veg sjølv.',
  ],
  [
    'Nynorsk, about a relative',
    'nn',
    'Ho kjem heim kvar fredag no. Me veit aldri heilt korleis helga blir, men me er saman, og det er mykje betre enn før.',
  ],
  [
    'Nynorsk, peer worker',
    'nn',
    'Erfaringskonsulenten hadde vore der sjølv. Ho trudde på meg då eg ikkje klarte det sjølv, og det betydde meir enn noko anna.',
  ],
  [
    'English, first person',
    'en',
    'I did not know what was happening to me. It was as if the whole world had gone, and nobody asked how I was. ' +
      'Only when I came home from the hospital did I understand that I had to find my own way.',
  ],
  [
    'English, a turning point',
    'en',
    'The day I got my own flat was the day things turned. For the first time in years I had a door that I could lock myself, and that changed everything.',
  ],
];

describe('detectLanguage', () => {
  it.each(paragraphs)('%s → %s', (_name, language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    ['Jeg vet ikke.', 'nb'],
    ['Eg veit ikkje.', 'nn'],
    ['Hva skjer nå?', 'nb'],
    ['Kva skjer no, då?', 'nn'],
    ['It was the worst year of my life.', 'en'],
  ] as const)('reads the short sentence %j as %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    ['empty', ''],
    ['one word', 'Takk'],
    ['two words', 'Hei hei'],
    ['names and numbers', 'Oslo 2019, Bergen 2021, Tromsø 2023'],
    ['half Bokmål, half Nynorsk', 'Jeg vet ikke hva. Eg veit ikkje kva.'],
    ['half English, half Norwegian', 'I was there and it was the end. Det var der og som er på den.'],
    ['Norwegian with no Bokmål or Nynorsk marker', 'Det var på den tida som er til av og om.'],
  ])('says nothing for %s', (_name, text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });

  it('is not misled by the Norwegian "i" and "me" in English, nor by capitals', () => {
    expect(detectLanguage('He told me to wait, and I did. I was there for the whole night with my brother.')).toBe('en');
    expect(detectLanguage('JEG VET IKKE HVA JEG SKAL GJØRE.')).toBe('nb');
  });
});
