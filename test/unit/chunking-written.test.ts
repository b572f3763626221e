import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../indexer/chunking/sentences.js';
import { chunkWritten, DEFAULT_CHUNKING, type Chunk, type ChunkingOptions, type CountTokens } from '../../indexer/chunking/written-chunker.js';
import { random, type Random, fakeCount, words } from '../support/seeded-random.js';



const VOCABULARY = ['jeg', 'det', 'var', 'tungt', 'hjelp', 'familien', 'avdelingen', 'håp', 'medisiner', 'kom', 'hjem', 'ble', 'møtte', 'tiden', 'år', 'erfaringskonsulent', 'og'];
const TRAPS = ['f.eks. Oslo', 'bl.a. Bergen', 'dvs. Nav', 'den 3. mai', 'Ola N. Hansen', 'kl. 14', '2.5 kroner'];

function wordsOf(rng: Random, count: number): string {
  return Array.from({ length: count }, () => (rng.next() < 0.05 ? rng.pick(TRAPS) : rng.pick(VOCABULARY))).join(' ');
}

/** A sentence: mostly short, sometimes long, now and then far too long for any passage. */
function sentence(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.03) return `Lang ${wordsOf(rng, rng.int(150, 450))}`; // no punctuation at all
  if (roll < 0.06) return `Komma ${Array.from({ length: rng.int(10, 40) }, () => wordsOf(rng, rng.int(3, 15))).join(', ')}.`;
  return `${rng.pick(['Jeg', 'Det', 'Hun', '– Hva', '«Nei'])} ${wordsOf(rng, rng.int(1, roll < 0.2 ? 60 : 20))}${rng.pick(['.', '!', '?', '…'])}`;
}

function story(rng: Random): string {
  const paragraphs = Array.from({ length: rng.int(1, 12) }, () =>
    Array.from({ length: rng.int(1, rng.next() < 0.2 ? 30 : 6) }, () => sentence(rng)).join(rng.pick([' ', '  ', '\n'])),
  );
  return rng.pick(['', '  ', '\n\n']) + paragraphs.join(rng.pick(['\n\n', '\n \n', '\r\n\r\n', '\n\n\n'])) + rng.pick(['', '\n']);
}

function options(rng: Random): ChunkingOptions {
  const targetTokens = rng.int(20, 300);
  return { targetTokens, maxTokens: rng.int(targetTokens, targetTokens * 2), overlapTokens: rng.int(0, Math.floor(targetTokens / 3)) };
}

const sumOfSentences = (source: string, span: { start: number; end: number }) =>
  splitSentences(source, span).reduce((sum, s) => sum + fakeCount(source.slice(s.start, s.end)), 0);

/** What must hold for any story and any options. */
function expectWellFormed(source: string, chunks: readonly Chunk[], count: CountTokens, opts: ChunkingOptions): void {
  if (source.trim() === '') return expect(chunks).toEqual([]);
  const covered = new Uint8Array(source.length);
  chunks.forEach((chunk, i) => {
    expect(chunk.ordinal).toBe(i);
    expect(chunk.text).toBe(source.slice(chunk.startChar, chunk.endChar));
    expect(chunk.text).not.toBe('');
    expect(chunk.text).toBe(chunk.text.trim());
    expect(count(chunk.text)).toBeLessThanOrEqual(opts.maxTokens);
    covered.fill(1, chunk.startChar, chunk.endChar);
    const previous = chunks[i - 1];
    if (!previous) return;
    expect(chunk.startChar).toBeGreaterThan(previous.startChar);
    expect(chunk.endChar).toBeGreaterThan(previous.endChar);
    if (chunk.startChar < previous.endChar) {
      // Overlap: whole sentences of one paragraph, about overlapTokens long at most.
      const overlap = source.slice(chunk.startChar, previous.endChar);
      expect(overlap).not.toMatch(/\n[^\S\n]*\n/);
      expect(splitSentences(source).some((s) => s.start === chunk.startChar)).toBe(true);
      expect(count(overlap)).toBeLessThanOrEqual(opts.overlapTokens);
    }
  });
  for (let i = 0; i < source.length; i++) if (!covered[i] && /\S/.test(source.charAt(i))) throw new Error(`character ${i} is in no chunk`);
}

describe('chunkWritten', () => {
  it('gives nothing for blank text', () => {
    expect(chunkWritten('', fakeCount)).toEqual([]);
    expect(chunkWritten(' \n\n\t \r\n', fakeCount)).toEqual([]);
  });

  it('gives one trimmed passage for a short story', () => {
    const body = '\n  Jeg ble lagt inn. Det var tungt.\n\nMen det ble bedre.  \n';
    expect(chunkWritten(body, fakeCount)).toEqual([
      { ordinal: 0, text: 'Jeg ble lagt inn. Det var tungt.\n\nMen det ble bedre.', startChar: 3, endChar: body.trimEnd().length },
    ]);
  });

  it('fills a passage with whole paragraphs, and a paragraph that does not fit starts the next, without overlap', () => {
    const p = (n: number) => `Avsnitt ${'ord '.repeat(n - 2)}slutt.`; // n words
    const body = [p(60), p(60), p(60), p(100)].join('\n\n'); // 78 + 78 + 78 + 130 tokens
    const chunks = chunkWritten(body, fakeCount);
    expect(chunks.map((c) => c.text)).toEqual([[p(60), p(60)].join('\n\n'), [p(60)].join(''), p(100)]);
    expect(chunks[1]!.startChar).toBeGreaterThanOrEqual(chunks[0]!.endChar);
  });

  it('cuts a paragraph longer than the target between sentences, with whole sentences of overlap', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Setning ${i} har ${'ord '.repeat(5)}i seg.`); // 10 words = 13 tokens
    const body = sentences.join(' ');
    const chunks = chunkWritten(body, fakeCount);
    expect(chunks.length).toBeGreaterThan(2);
    expectWellFormed(body, chunks, fakeCount, DEFAULT_CHUNKING);
    chunks.forEach((chunk, i) => {
      expect(chunk.text).toMatch(/^Setning \d+ .* i seg\.$/s);
      if (i < chunks.length - 1) expect(fakeCount(chunk.text)).toBeGreaterThan(DEFAULT_CHUNKING.targetTokens * 0.9);
    });
    for (let i = 1; i < chunks.length; i++) {
      const overlap = body.slice(chunks[i]!.startChar, chunks[i - 1]!.endChar);
      expect(overlap.match(/Setning/g)).toHaveLength(3); // 3 × 13 = 39 ≤ 40 tokens
    }
  });

  it('never carries overlap across a paragraph break', () => {
    const long = (tag: string) => Array.from({ length: 30 }, (_, i) => `${tag} ${i} har ${'ord '.repeat(6)}her.`).join(' ');
    const body = `${long('Først')}\n\n${long('Så')}`;
    const chunks = chunkWritten(body, fakeCount);
    const second = body.indexOf('Så 0');
    expect(chunks.some((c) => c.startChar === second)).toBe(true);
    expect(chunks.every((c) => c.startChar >= second || c.endChar < second)).toBe(true);
  });

  it('merges a tiny last passage into the one before when that stays within the maximum', () => {
    const p = (n: number) => `Avsnitt ${'ord '.repeat(n - 2)}slutt.`;
    const body = `${p(140)}\n\n${p(20)}`; // 182 + 26 > 200, and 26 < 25 % of 200 ... merged: 208 ≤ 300
    expect(chunkWritten(body, fakeCount).map((c) => c.text)).toEqual([body]);
    const strict = { targetTokens: 200, maxTokens: 200, overlapTokens: 40 };
    expect(chunkWritten(body, fakeCount, strict).map((c) => c.text)).toEqual([p(140), p(20)]);
  });

  it('keeps a tiny first paragraph (a heading) with what follows rather than alone', () => {
    const heading = 'Innledning';
    const paragraph = `Det ${'ord '.repeat(170)}slutt.`; // 172 words = 224 tokens > target
    const chunks = chunkWritten(`${heading}\n\n${paragraph}`, fakeCount);
    expect(chunks[0]!.text.startsWith(`${heading}\n\nDet`)).toBe(true);
  });

  it('cuts a 2,000-word paragraph without punctuation at word boundaries, within the maximum', () => {
    const rng = random(7);
    const body = wordsOf(rng, 2000);
    const chunks = chunkWritten(body, fakeCount);
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(2600 / DEFAULT_CHUNKING.maxTokens));
    expectWellFormed(body, chunks, fakeCount, DEFAULT_CHUNKING);
    for (const chunk of chunks) {
      expect(/\S/.test(body.charAt(chunk.startChar - 1))).toBe(false);
      expect(/\S/.test(body.charAt(chunk.endChar))).toBe(false);
    }
  });

  it('cuts a sentence longer than the maximum at clause punctuation first', () => {
    const clauses = Array.from({ length: 60 }, (_, i) => `ledd ${i} med noen ord i seg`);
    const body = `Først ${clauses.join(', ')}.`;
    const chunks = chunkWritten(body, fakeCount);
    expect(chunks.length).toBeGreaterThan(1);
    expectWellFormed(body, chunks, fakeCount, DEFAULT_CHUNKING);
    chunks.slice(0, -1).forEach((chunk) => expect(chunk.text.endsWith(',')).toBe(true));
  });

  it('cuts even a word longer than the maximum, between characters', () => {
    const charCount: CountTokens = (text) => Math.ceil(text.replace(/\s/g, '').length / 3);
    const body = `Kort start. ${'x'.repeat(3000)} og slutt.`;
    const chunks = chunkWritten(body, charCount);
    expectWellFormed(body, chunks, charCount, DEFAULT_CHUNKING);
  });

  it('keeps each finished passage within the maximum when counts are not additive', () => {
    // Each blank line costs 60 tokens that no sentence count sees: passages must shrink.
    let overMax = 0;
    const lumpy: CountTokens = (text) => {
      const tokens = fakeCount(text) + 60 * (text.match(/\n[^\S\n]*\n/g)?.length ?? 0);
      if (tokens > DEFAULT_CHUNKING.maxTokens) overMax++;
      return tokens;
    };
    const p = (n: number) => `Avsnitt ${'ord '.repeat(n - 2)}slutt.`;
    const body = [p(40), p(40), p(40), p(30)].join('\n\n'); // 195 by the sentences, 375 as one text
    const chunks = chunkWritten(body, lumpy);
    expect(overMax).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(1);
    expectWellFormed(body, chunks, lumpy, DEFAULT_CHUNKING);
    const rng = random(99);
    for (let round = 0; round < 50; round++) {
      const generated = story(rng);
      expectWellFormed(generated, chunkWritten(generated, lumpy), lumpy, DEFAULT_CHUNKING);
    }
  });

  it('counts each sentence once and each passage once (no quadratic recounting)', () => {
    const rng = random(3);
    const body = Array.from({ length: 40 }, () => Array.from({ length: 8 }, () => sentence(rng)).join(' ')).join('\n\n');
    let counted = 0;
    const counting: CountTokens = (text) => {
      counted += text.length;
      return fakeCount(text);
    };
    chunkWritten(body, counting);
    expect(counted).toBeLessThan(body.length * 4);
  });

  it('chunks a 50,000-word story well under a second', () => {
    const rng = random(11);
    const parts: string[] = [];
    let total = 0;
    while (total < 50_000) {
      const paragraph = Array.from({ length: rng.int(1, 8) }, () => sentence(rng)).join(' ');
      total += words(paragraph);
      parts.push(paragraph);
    }
    const body = parts.join('\n\n');
    const started = performance.now();
    const chunks = chunkWritten(body, fakeCount);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expectWellFormed(body, chunks, fakeCount, DEFAULT_CHUNKING);
  });

  it('refuses options that cannot work, saying which', () => {
    expect(() => chunkWritten('Hei.', fakeCount, { targetTokens: 200, maxTokens: 100, overlapTokens: 40 })).toThrow(
      /maxTokens must be at least targetTokens/,
    );
    expect(() => chunkWritten('Hei.', fakeCount, { targetTokens: 50, maxTokens: 100, overlapTokens: 50 })).toThrow(
      /overlapTokens must be less than targetTokens/,
    );
    expect(() => chunkWritten('Hei.', fakeCount, { targetTokens: 0, maxTokens: 100, overlapTokens: 0 })).toThrow(/targetTokens/);
  });

  describe('on generated stories and options (fixed seed)', () => {
    const rng = random(20240607);
    const cases = Array.from({ length: 300 }, () => ({ body: story(rng), opts: rng.next() < 0.3 ? DEFAULT_CHUNKING : options(rng) }));

    it('keeps offsets exact, order, coverage, the maximum and the overlap rules', () => {
      for (const { body, opts } of cases) expectWellFormed(body, chunkWritten(body, fakeCount, opts), fakeCount, opts);
    });

    /** Whether `at` falls inside a sentence too long for any passage, which must be cut somewhere. */
    const insideTooLong = (body: string, opts: ChunkingOptions) => {
      const tooLong = splitSentences(body).filter((s) => fakeCount(body.slice(s.start, s.end)) > opts.maxTokens);
      return (at: number) => tooLong.some((s) => at > s.start && at < s.end);
    };

    it('starts and ends passages only at sentence boundaries (or inside a sentence too long for any passage)', () => {
      for (const { body, opts } of cases) {
        const sentences = splitSentences(body);
        const starts = new Set(sentences.map((s) => s.start));
        const ends = new Set(sentences.map((s) => s.end));
        const inside = insideTooLong(body, opts);
        for (const chunk of chunkWritten(body, fakeCount, opts)) {
          expect(starts.has(chunk.startChar) || inside(chunk.startChar)).toBe(true);
          expect(ends.has(chunk.endChar) || inside(chunk.endChar)).toBe(true);
        }
      }
    });

    it('never cuts a paragraph that fits within the target', () => {
      for (const { body, opts } of cases) {
        const chunks = chunkWritten(body, fakeCount, opts);
        for (const paragraph of splitParagraphs(body)) {
          if (sumOfSentences(body, paragraph) > opts.targetTokens) continue;
          expect(chunks.some((c) => c.startChar <= paragraph.start && c.endChar >= paragraph.end)).toBe(true);
        }
      }
    });

    it('leaves no tiny last passage that could have merged', () => {
      for (const { body, opts } of cases) {
        const chunks = chunkWritten(body, fakeCount, opts);
        const [previous, last] = chunks.slice(-2);
        if (chunks.length < 2 || fakeCount(last!.text) >= opts.targetTokens * 0.25) continue;
        expect(fakeCount(body.slice(previous!.startChar, last!.endChar))).toBeGreaterThan(opts.maxTokens);
      }
    });

    it('never ends a passage after an abbreviation, an initial, an ordinal or a decimal', () => {
      for (const { body, opts } of cases) {
        const inside = insideTooLong(body, opts);
        for (const chunk of chunkWritten(body, fakeCount, opts)) {
          if (inside(chunk.endChar)) continue;
          expect(chunk.text).not.toMatch(/(f\.eks\.|bl\.a\.|dvs\.|den 3\.|Ola N\.|kl\.|2\.)$/);
        }
      }
    });
  });
});
