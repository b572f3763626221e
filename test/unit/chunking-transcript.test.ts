import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../indexer/chunking/sentences.js';
import { chunkTranscript, layoutTranscript, type TranscriptSegment } from '../../indexer/chunking/transcript-chunker.js';
import { DEFAULT_CHUNKING, type Chunk, type ChunkingOptions } from '../../indexer/chunking/written-chunker.js';
import { random, type Random, fakeCount } from '../support/seeded-random.js';

const tiny = DEFAULT_CHUNKING.targetTokens * 0.25;


const VOCABULARY = ['jeg', 'det', 'var', 'tungt', 'hjelp', 'familien', 'avdelingen', 'håp', 'medisiner', 'kom', 'hjem', 'ble', 'f.eks. Oslo', 'den 3. mai'];
const said = (rng: Random, n: number) => Array.from({ length: n }, () => rng.pick(VOCABULARY)).join(' ');
const sentence = (rng: Random) => `${rng.pick(['Jeg', 'Det', 'Hun', 'Vi'])} ${said(rng, rng.int(2, 25))}${rng.pick(['.', '!', '…'])}`;
const sentences = (rng: Random, n: number) => Array.from({ length: n }, () => sentence(rng)).join(' ');
const question = (rng: Random) => `${rng.pick(['Hvordan', 'Hva', 'Når'])} ${said(rng, rng.int(2, 12))}?`;

/** An interview: short questions, answers of one or more segments, sometimes unpunctuated, times now and then missing. */
function interview(rng: Random): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let clock = 0;
  const timed = (text: string, speaker?: string): TranscriptSegment => {
    const start = clock;
    clock += rng.int(1, 30);
    const segment: TranscriptSegment = { text, ...(speaker !== undefined ? { speaker } : {}) };
    return {
      ...segment,
      ...(rng.next() < 0.85 ? { start } : {}),
      ...(rng.next() < 0.7 ? { end: clock } : {}),
    };
  };
  for (let turn = rng.int(1, 14); turn > 0; turn--) {
    if (rng.next() < 0.8) segments.push(timed(question(rng), 'I'));
    const speaker = rng.pick(['R', 'R', 'Pårørende', undefined]);
    for (let s = rng.int(1, rng.next() < 0.2 ? 12 : 3); s > 0; s--) {
      const text = rng.next() < 0.05 ? said(rng, rng.int(100, 300)) : sentences(rng, rng.int(1, 6));
      segments.push(timed(rng.pick(['', ' ', '\n']) + text, speaker));
    }
  }
  return segments;
}

/** What must hold for any transcript: the written invariants, over the layout text. */
function expectWellFormed(segments: readonly TranscriptSegment[], opts: ChunkingOptions = DEFAULT_CHUNKING): Chunk[] {
  const { layout, chunks } = chunkTranscript(segments, fakeCount, opts);
  const { text } = layout;
  expect(layout).toEqual(layoutTranscript(segments));
  segments.forEach((segment, i) => expect(text.slice(layout.segments[i]!.start, layout.segments[i]!.end)).toBe(segment.text.trim()));
  const covered = new Uint8Array(text.length);
  const sentenceStarts = new Set(splitSentences(text).map((s) => s.start));
  chunks.forEach((chunk, i) => {
    expect(chunk.ordinal).toBe(i);
    expect(chunk.text).toBe(text.slice(chunk.startChar, chunk.endChar));
    expect(fakeCount(chunk.text)).toBeLessThanOrEqual(opts.maxTokens);
    covered.fill(1, chunk.startChar, chunk.endChar);
    const previous = chunks[i - 1];
    if (!previous) return;
    expect(chunk.startChar).toBeGreaterThan(previous.startChar);
    expect(chunk.endChar).toBeGreaterThan(previous.endChar);
    if (chunk.startChar < previous.endChar) {
      const overlap = text.slice(chunk.startChar, previous.endChar);
      expect(overlap).not.toContain('\n\n'); // inside one turn
      expect(sentenceStarts.has(chunk.startChar)).toBe(true);
      expect(fakeCount(overlap)).toBeLessThanOrEqual(opts.overlapTokens);
    }
  });
  for (let i = 0; i < text.length; i++) if (!covered[i] && /\S/.test(text.charAt(i))) throw new Error(`character ${i} is in no chunk`);
  return chunks;
}

/** Speaker and times worked out the slow way, character by character. */
function expectDescribed(segments: readonly TranscriptSegment[], chunks: readonly Chunk[]): void {
  const { segments: spans } = layoutTranscript(segments);
  for (const chunk of chunks) {
    const touched = spans.flatMap((s, i) => (s.start < chunk.endChar && s.end > chunk.startChar ? [i] : []));
    const tally = new Map<string, number>();
    for (let at = chunk.startChar; at < chunk.endChar; at++) {
      const i = spans.findIndex((s) => at >= s.start && at < s.end);
      const who = i >= 0 ? segments[i]!.speaker : undefined;
      if (who !== undefined) tally.set(who, (tally.get(who) ?? 0) + 1);
    }
    const most = Math.max(0, ...tally.values());
    expect(chunk.speaker).toBe([...tally].find(([, n]) => n === most)?.[0]);
    const first = touched[0]!;
    const last = touched.at(-1)!;
    expect(chunk.startSeconds).toBe(segments[first]!.start);
    const end = segments[last]!.end ?? segments.slice(last + 1).find((s) => s.start !== undefined)?.start;
    expect(chunk.endSeconds).toBe(end !== undefined && chunk.startSeconds !== undefined && end < chunk.startSeconds ? undefined : end);
  }
}

describe('layoutTranscript', () => {
  it('gives each turn a paragraph with its speaker, joining one speaker’s segments with a space', () => {
    const segments = [
      { speaker: 'I', text: 'Hvordan var det?' },
      { speaker: 'R', text: ' Det var tungt. ' },
      { speaker: 'R', text: 'Men det gikk.' },
      { speaker: 'I', text: 'Og så?' },
    ];
    const layout = layoutTranscript(segments);
    expect(layout.text).toBe('I: Hvordan var det?\n\nR: Det var tungt. Men det gikk.\n\nI: Og så?');
    expect(layout.segments.map((s) => layout.text.slice(s.start, s.end))).toEqual(['Hvordan var det?', 'Det var tungt.', 'Men det gikk.', 'Og så?']);
    expect(layout.segments[0]).toEqual({ start: 3, end: 19 });
  });

  it('writes no label for an unknown speaker, and keeps unknown-speaker segments in one turn', () => {
    const layout = layoutTranscript([{ text: 'Første.' }, { text: 'Andre.' }, { speaker: 'R', text: 'Tredje.' }, { speaker: ' ', text: 'Fjerde.' }]);
    expect(layout.text).toBe('Første. Andre.\n\nR: Tredje.\n\nFjerde.');
  });

  it('gives a blank segment an empty span and no turn', () => {
    const layout = layoutTranscript([{ speaker: 'I', text: 'Ja?' }, { speaker: 'R', text: '  ' }, { speaker: 'I', text: 'Hallo?' }]);
    expect(layout.text).toBe('I: Ja? Hallo?');
    expect(layout.segments[1]).toEqual({ start: 6, end: 6 });
  });

  it('lays out nothing as nothing', () => {
    expect(layoutTranscript([])).toEqual({ text: '', segments: [] });
    expect(chunkTranscript([], fakeCount)).toEqual({ layout: { text: '', segments: [] }, chunks: [] });
  });
});

describe('chunkTranscript', () => {
  const answer = (tag: string, sentencesCount: number) =>
    Array.from({ length: sentencesCount }, (_, i) => `${tag} ${i} forteller om ${'ord '.repeat(5)}her.`).join(' '); // 13 tokens each

  it('keeps a short interview in one passage, with times and the main speaker', () => {
    const segments = [
      { speaker: 'I', start: 1, end: 3, text: 'Hvordan var det?' },
      { speaker: 'R', start: 3, end: 20, text: 'Det var tungt i starten. Men jeg fikk hjelp av en erfaringskonsulent.' },
    ];
    const { chunks, layout } = chunkTranscript(segments, fakeCount);
    expect(chunks).toEqual([{ ordinal: 0, text: layout.text, startChar: 0, endChar: layout.text.length, speaker: 'R', startSeconds: 1, endSeconds: 20 }]);
  });

  it('moves a short question on to the answer it introduces', () => {
    const segments = [
      { speaker: 'R', start: 0, end: 60, text: answer('Først', 11) }, // 143 tokens
      { speaker: 'I', start: 60, end: 62, text: 'Hva skjedde da du kom hjem?' }, // 8 tokens: fits after the answer
      { speaker: 'R', start: 62, end: 120, text: answer('Så', 11) },
    ];
    const chunks = expectWellFormed(segments);
    expect(chunks.map((c) => c.text)).toEqual([`R: ${answer('Først', 11)}`, `I: Hva skjedde da du kom hjem?\n\nR: ${answer('Så', 11)}`]);
    expect(chunks[1]).toMatchObject({ speaker: 'R', startSeconds: 60, endSeconds: 120 });
  });

  it('cuts a long turn between sentences, overlapping inside the turn only, and labels only the passage that starts it', () => {
    const segments = [
      { speaker: 'I', start: 0, end: 2, text: 'Fortell.' },
      { speaker: 'R', start: 2, end: 30, text: answer('A', 20) },
      { speaker: 'R', start: 30, end: 60, text: answer('B', 20) },
      { speaker: 'I', start: 60, end: 62, text: 'Takk.' },
    ];
    const chunks = expectWellFormed(segments);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0]!.text.startsWith('I: Fortell.\n\nR: A 0 ')).toBe(true);
    chunks.slice(1).forEach((c) => expect(c.text).toMatch(/^[AB] \d+ forteller/));
    chunks.slice(1).forEach((c, i) => expect(c.startChar).toBeLessThan(chunks[i]!.endChar)); // overlap throughout
    expect(chunks.at(-1)!.text.endsWith('her.\n\nI: Takk.')).toBe(true); // the tiny last turn merged in
    expectDescribed(segments, chunks);
  });

  it('cuts a long unpunctuated turn where its segments meet', () => {
    const rng = random(5);
    const segments = Array.from({ length: 12 }, (_, i) => ({ speaker: 'R', start: i * 10, end: i * 10 + 10, text: said(rng, 60) }));
    const { layout, chunks } = chunkTranscript(segments, fakeCount);
    const segmentStarts = new Set(layout.segments.map((s) => s.start));
    expect(chunks.length).toBeGreaterThan(1);
    chunks.slice(1).forEach((c) => expect(segmentStarts.has(c.startChar)).toBe(true));
    expectWellFormed(segments);
  });

  it('takes the end time from the next known start when the last segment has none, and drops one before the start', () => {
    const open = chunkTranscript([{ speaker: 'R', start: 5, text: 'Det var sånn.' }, { speaker: 'I', start: 9, text: '' }], fakeCount);
    expect(open.chunks[0]).toMatchObject({ startSeconds: 5, endSeconds: 9 });
    const none = chunkTranscript([{ speaker: 'R', text: 'Ingen tider.' }], fakeCount);
    expect(none.chunks[0]).toEqual({ ordinal: 0, text: 'R: Ingen tider.', startChar: 0, endChar: 15, speaker: 'R' });
    const backwards = chunkTranscript([{ speaker: 'R', start: 50, text: 'Feil rekkefølge.' }, { speaker: 'I', start: 10, text: '' }], fakeCount);
    expect(backwards.chunks[0]!.startSeconds).toBe(50);
    expect(backwards.chunks[0]!.endSeconds).toBeUndefined();
  });

  it('names the speaker who says the most, and none when no speaker is known', () => {
    const mixed = chunkTranscript([{ speaker: 'I', text: 'Hvordan gikk det med deg etter utskrivningen?' }, { speaker: 'R', text: 'Bra.' }], fakeCount);
    expect(mixed.chunks[0]!.speaker).toBe('I');
    const anonymous = chunkTranscript([{ text: 'Ingen navn her.' }], fakeCount);
    expect(anonymous.chunks[0]!.speaker).toBeUndefined();
  });

  describe('on generated interviews and options (fixed seed)', () => {
    const rng = random(20240607);
    const cases = Array.from({ length: 200 }, () => ({
      segments: interview(rng),
      opts: rng.next() < 0.5 ? DEFAULT_CHUNKING : { targetTokens: 60, maxTokens: rng.int(60, 120), overlapTokens: rng.int(0, 20) },
    }));

    it('keeps offsets exact, order, coverage, the maximum, overlap inside a turn, speakers and times', () => {
      for (const { segments, opts } of cases) expectDescribed(segments, expectWellFormed(segments, opts));
    });

    it('never splits a turn mid-sentence (unless the sentence alone is too long), and never cuts a label from its turn', () => {
      for (const { segments, opts } of cases) {
        const { layout, chunks } = chunkTranscript(segments, fakeCount, opts);
        const text = layout.text;
        const sentenceSpans = splitSentences(text);
        const starts = new Set(sentenceSpans.map((s) => s.start));
        const ends = new Set(sentenceSpans.map((s) => s.end));
        const tooLong = sentenceSpans.filter((s) => fakeCount(text.slice(s.start, s.end)) > opts.maxTokens);
        const inside = (at: number) => tooLong.some((s) => at > s.start && at < s.end);
        const labelEnds = new Set(splitParagraphs(text).flatMap((p) => (/^\S+: /.exec(text.slice(p.start)) ? [p.start + /^\S+: /.exec(text.slice(p.start))![0].length] : [])));
        for (const chunk of chunks) {
          expect(starts.has(chunk.startChar) || inside(chunk.startChar)).toBe(true);
          expect(ends.has(chunk.endChar) || inside(chunk.endChar)).toBe(true);
          expect(labelEnds.has(chunk.startChar)).toBe(false);
        }
      }
    });

    it('keeps a short turn before a longer one (a question before its answer) in a passage with that turn’s start', () => {
      for (const { segments } of cases) {
        const { layout, chunks } = chunkTranscript(segments, fakeCount);
        const turns = splitParagraphs(layout.text);
        const tokensOf = (turn: { start: number; end: number }) =>
          splitSentences(layout.text, turn).reduce((sum, s) => sum + fakeCount(layout.text.slice(s.start, s.end)), 0);
        turns.slice(0, -1).forEach((turn, i) => {
          const following = turns[i + 1]!;
          if (tokensOf(turn) >= tiny || tokensOf(following) < tiny) return;
          if (chunks.some((c) => c.startChar <= turn.start && c.endChar > following.start)) return;
          // Only allowed when the answer opens with a whole sentence that has no room beside the question.
          const holder = chunks.filter((c) => c.startChar <= turn.start).at(-1)!;
          const opening = splitSentences(layout.text, following)[0]!;
          expect(fakeCount(layout.text.slice(opening.start, opening.end))).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
          expect(fakeCount(layout.text.slice(holder.startChar, opening.end))).toBeGreaterThan(DEFAULT_CHUNKING.maxTokens);
        });
      }
    });
  });
});
