import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, isAbbreviation, splitParagraphs, splitSentences, type Span } from '../../indexer/chunking/sentences.js';
import { random } from '../support/seeded-random.js';

const texts = (source: string, spans: readonly Span[]) => spans.map((s) => source.slice(s.start, s.end));
const sentences = (source: string) => texts(source, splitSentences(source));


describe('splitSentences', () => {
  it.each([
    ['a plain full stop before a capital', 'Jeg ble innlagt. Det var tungt.', ['Jeg ble innlagt.', 'Det var tungt.']],
    ['question, exclamation and ellipsis', 'Hvorfor meg? Nei! Jeg vet ikke… Kanskje.', ['Hvorfor meg?', 'Nei!', 'Jeg vet ikke…', 'Kanskje.']],
    ['three dots and ?!', 'Så stille... Hva nå?! Ingenting.', ['Så stille...', 'Hva nå?!', 'Ingenting.']],
    ['a closing quote after the mark', 'Hun sa: «Du klarer det.» Jeg trodde henne.', ['Hun sa: «Du klarer det.»', 'Jeg trodde henne.']],
    ['straight and curly quotes, and a bracket', 'He said "no." Then “yes.” (Really.) Fine.', ['He said "no."', 'Then “yes.”', '(Really.)', 'Fine.']],
    ['a sentence starting with a digit', 'Det var ille. 17 dager gikk.', ['Det var ille.', '17 dager gikk.']],
    ['a sentence starting with a quote', 'Han gikk. «Vent!» ropte jeg.', ['Han gikk.', '«Vent!» ropte jeg.']],
    ['Norwegian dialogue dashes', '– Hei, sa hun. – Hvor skal du? – Hjem.', ['– Hei, sa hun.', '– Hvor skal du?', '– Hjem.']],
    ['not before a lower-case word', '«Nei!» sa hun. Og så gikk hun.', ['«Nei!» sa hun.', 'Og så gikk hun.']],
    ['an ellipsis inside a sentence', 'Jeg tenkte … kanskje i morgen.', ['Jeg tenkte … kanskje i morgen.']],
    ['upper-case non-ASCII letters', 'Det var vondt. Ærlig talt. Østlandet. Åpenbart.', ['Det var vondt.', 'Ærlig talt.', 'Østlandet.', 'Åpenbart.']],
    ['a run of text without an end mark', 'ingen punktum her i det hele tatt', ['ingen punktum her i det hele tatt']],
    ['an abbreviation-like upper-case word ends a sentence', 'Hun har MS. Det er tungt.', ['Hun har MS.', 'Det er tungt.']],
    ['a number before a capital that is no month ends a sentence', 'Jeg var 17. Da begynte det.', ['Jeg var 17.', 'Da begynte det.']],
  ])('splits %s', (_name, source, expected) => {
    expect(sentences(source)).toEqual(expected);
  });

  it.each([
    ['f.eks.', 'Jeg bodde f.eks. Oslo en stund.'],
    ['F.eks. at the start', 'F.eks. Oslo var fint.'],
    ['bl.a.', 'Vi var bl.a. Bergen og Tromsø.'],
    ['dvs.', 'Det var kaldt, dvs. Minus ti grader.'],
    ['ca. before a digit', 'Det tok ca. 30 dager.'],
    ['kl. before a digit', 'Vi møttes kl. 14 hver dag.'],
    ['nr. before a digit', 'Jeg bodde i nr. 5 på hjørnet.'],
    ['osv., m.m., o.l., evt., pga.', 'Mat osv. Klær m.m. Sko o.l. Hjelp evt. Nav pga. Penger.'],
    ['Dr. and dr.', 'Jeg møtte Dr. Berg og dr. Olsen.'],
    ['English e.g., i.e., etc., vs., Mr.', 'Some e.g. Oslo, i.e. Norway, etc. Bergen vs. Tromsø with Mr. Smith.'],
    ['a single capital initial', 'Ola N. Hansen hjalp meg.'],
    ['several initials', 'Jeg leste J.R.R. Tolkien på avdelingen.'],
    ['an ordinal date with a lower-case month', 'Det var den 3. mai i fjor.'],
    ['an ordinal date with a capitalised month', 'Det var den 17. Mai i fjor.'],
    ['an English ordinal date', 'It was the 3. March that year.'],
    ['an ordinal before a noun', 'Jeg gikk i 1. klasse da.'],
    ['a decimal number', 'Det kostet 2.5 kroner.'],
    ['a date with periods', 'Jeg kom ut 3.5.2021 om morgenen.'],
    ['an abbreviation in brackets', 'Noen (f.eks. Kari) hjalp meg.'],
  ])('does not end a sentence after %s', (_name, source) => {
    expect(sentences(source)).toEqual([source]);
  });

  it('always ends a sentence at a paragraph break, whatever follows', () => {
    const source = 'første avsnitt uten punktum\n\nandre avsnitt f.eks.\n \t\nTredje.';
    expect(sentences(source)).toEqual(['første avsnitt uten punktum', 'andre avsnitt f.eks.', 'Tredje.']);
  });

  it('treats a single line break as a space, and handles \\r\\n paragraphs', () => {
    expect(sentences('Første linje\nfortsetter her. Neste.\r\n\r\nNytt avsnitt.')).toEqual([
      'Første linje\nfortsetter her.',
      'Neste.',
      'Nytt avsnitt.',
    ]);
  });

  it('gives nothing for blank text and trims the ends', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n\t ')).toEqual([]);
    expect(splitSentences('  Hei.  ')).toEqual([{ start: 2, end: 6 }]);
  });

  it('splits only inside the part asked for, with offsets into the whole text', () => {
    const source = 'Før. Inni her. Og her. Etter.';
    const within = { start: 5, end: 22 };
    expect(texts(source, splitSentences(source, within))).toEqual(['Inni her.', 'Og her.']);
    expect(splitSentences(source, within)[0]!.start).toBe(5);
  });

  it('keeps the abbreviations as data, matched as written or with a capital first letter', () => {
    expect(ABBREVIATIONS.has('f.eks.')).toBe(true);
    expect(isAbbreviation('Bl.a.')).toBe(true);
    expect(isAbbreviation('MS.')).toBe(false);
    expect(isAbbreviation('Hjem.')).toBe(false);
  });

  describe('on generated text (fixed seed)', () => {
    const rng = random(20240607);
    const words = ['jeg', 'det', 'var', 'tungt', 'hjelp', 'familien', 'avdelingen', 'håp', 'medisiner', 'kom', 'hjem', 'ble', 'møtte', 'tiden', 'år'];
    /** Mid-sentence pieces that look like sentence ends but are not. */
    const traps = ['f.eks. Oslo', 'bl.a. Bergen', 'dvs. Nav', 'den 3. mai', 'den 17. Mai', 'Ola N. Hansen', 'kl. 14', 'ca. 30', '2.5 kroner', 'Dr. Berg', 'jf. Loven', '«Nei!» sa hun', 'tenkte … kanskje'];
    const openers = ['Jeg', 'Det', 'Hun', 'Ærlig', '17', '«Hei', '– Hva', '"Nei'];
    const closers: Record<string, string> = { '«': '»', '"': '"' };

    function sentence(): string {
      const opener = rng.pick(openers);
      const body = [opener];
      for (let i = rng.int(0, 12); i > 0; i--) body.push(rng.next() < 0.15 ? rng.pick(traps) : rng.pick(words));
      body.push(rng.pick(words));
      const close = closers[opener.charAt(0)] ?? (rng.next() < 0.1 ? ')' : '');
      const open = close === ')' ? '(' : '';
      return `${open}${body.join(' ')}${rng.pick(['.', '!', '?', '…', '...'])}${close}`;
    }

    it('finds exactly the sentences that were put together', () => {
      for (let round = 0; round < 400; round++) {
        const paragraphs = Array.from({ length: rng.int(1, 4) }, () => Array.from({ length: rng.int(1, 6) }, sentence));
        const source =
          rng.pick(['', ' ', '\n']) +
          paragraphs.map((p) => p.join(rng.pick([' ', '  ', '\n', ' \t']))).join(rng.pick(['\n\n', '\n \n', '\r\n\r\n', '\n\n\n'])) +
          rng.pick(['', '\n', '  ']);
        expect(sentences(source), source).toEqual(paragraphs.flat());
        // Trimmed, in order, and together covering every non-space character.
        const spans = splitSentences(source);
        spans.forEach((s, i) => {
          expect(source.slice(s.start, s.end)).toBe(source.slice(s.start, s.end).trim());
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
        });
        const gaps = [0, ...spans.flatMap((s) => [s.start, s.end]), source.length];
        for (let g = 0; g < gaps.length; g += 2) expect(source.slice(gaps[g], gaps[g + 1]).trim()).toBe('');
      }
    });
  });
});

describe('splitParagraphs', () => {
  it('splits at blank lines, even ones holding spaces, and trims', () => {
    const source = '  Ett.\nTo.\n\nTre.\n   \n\n Fire. ';
    expect(texts(source, splitParagraphs(source))).toEqual(['Ett.\nTo.', 'Tre.', 'Fire.']);
  });
});
