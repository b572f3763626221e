import { beforeAll, describe, expect, it } from 'vitest';
import { chunkTranscript, type TranscriptSegment } from '../../indexer/chunking/transcript-chunker.js';
import { chunkWritten, DEFAULT_CHUNKING, type Chunk, type CountTokens } from '../../indexer/chunking/written-chunker.js';
import { createEmbedder, type Embedder } from '../../indexer/embedding/embedder.js';
import { MODEL_PROFILES } from '../../indexer/embedding/model-profiles.js';
import { createLogger } from '../../services/platform/logger.js';
import { testServices } from '../support/services.js';

/** The real multilingual-e5-small from MODEL_DIR: chunk sizes must hold for the tokenizer that embeds them. */
const profile = MODEL_PROFILES['Xenova/multilingual-e5-small'];

/** Invented sentences in the voice of the stories (no real person's words). */
const SENTENCES = [
  'Jeg ble tvangsinnlagt på akutten våren jeg fylte tjueto, og jeg forsto ikke hva som skjedde med meg.',
  'Politiet kom hjem til oss om natten.',
  'Mamma sto i gangen og gråt, og pappa sa ingenting.',
  'På avdelingen fikk jeg medisiner jeg ikke ville ha, bl.a. et antipsykotikum som gjorde meg tung og treg.',
  'Det var først da jeg møtte en erfaringskonsulent at noen spurte hva som var viktig for meg.',
  'Hun hadde selv vært innlagt, og hun snakket ikke ned til meg.',
  'Vi gikk lange turer rundt vannet, ca. to timer hver onsdag.',
  'Etter hvert begynte jeg å trappe ned medisinene i samarbeid med legen, dvs. sakte og med en plan.',
  'Det tok nesten et år.',
  'Noen dager var jeg redd for at alt skulle komme tilbake.',
  'Den 3. mai fikk jeg min egen leilighet, og det var første gang på lenge jeg kjente meg trygg.',
  'NAV var vanskelig å forholde seg til, f.eks. når brevene kom med frister jeg ikke klarte å holde.',
  'Likevel var det noen der som så meg som et menneske og ikke som en sak.',
  'Rusen hadde vært en måte å dempe angsten på, men den tok mer enn den ga.',
  'Jeg sluttet med heroin uten LAR, bare med støtte fra familien og NA-møter to ganger i uka.',
  'Vendepunktet kom en vanlig tirsdag, da jeg plutselig kjente at jeg ville leve.',
  'Dr. Berg sa at jeg måtte regne med tilbakefall, og det hjalp faktisk å høre det.',
  'Jeg har lært at det å be om hjelp ikke er et nederlag.',
  'Søsteren min ble pårørende uten at noen spurte henne om hun orket det.',
  'I dag jobber jeg selv som erfaringskonsulent på et lavterskeltilbud i byen.',
  '– Du må ikke gi opp, sa han. – Det er alltid en vei videre.',
  'Skammen var kanskje det tyngste å bære, tyngre enn selve sykdommen.',
  'Jeg skrev dagbok hver kveld, selv når jeg bare klarte én setning.',
  'Det var mange møter med hjelpeapparatet som ikke førte noe sted, men noen få forandret alt.',
];

/** mulberry32, so the text is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(42);
const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
const sentences = (n: number) => Array.from({ length: n }, () => SENTENCES[between(0, SENTENCES.length - 1)]!).join(' ');

/** About 4,000 words: paragraphs of every size, some far longer than a passage. */
const story = Array.from({ length: 60 }, () => sentences(next() < 0.2 ? between(12, 30) : between(1, 8))).join('\n\n');

/** About 3,000 words of interview: short questions, answers of one to several segments. */
const interview: TranscriptSegment[] = (() => {
  const segments: TranscriptSegment[] = [];
  let clock = 0;
  for (let turn = 0; turn < 30; turn++) {
    segments.push({ speaker: 'I', start: clock, end: (clock += 4), text: 'Hvordan opplevde du møtet med hjelpeapparatet den gangen?' });
    for (let s = between(1, next() < 0.3 ? 8 : 3); s > 0; s--) segments.push({ speaker: 'R', start: clock, end: (clock += 20), text: sentences(between(1, 5)) });
  }
  return segments;
})();

describe('chunking with the real tokenizer', () => {
  let embedder: Embedder;
  let count: CountTokens;
  beforeAll(async () => {
    embedder = createEmbedder({ profile, source: { kind: 'local', dir: testServices().modelDir } }, { log: createLogger('silent') });
    count = await embedder.tokenCounter();
  });

  it('counts content tokens only: the passage prefix and special tokens come on top', async () => {
    expect(count('')).toBe(0);
    const text = SENTENCES[0]!;
    expect(count(text)).toBeGreaterThan(10);
    const overhead = (await embedder.countTokens(text)) - count(text);
    expect(overhead).toBeGreaterThanOrEqual(3); // <s> passage : … </s>
    expect(overhead).toBeLessThanOrEqual(6);
    // Near enough additive over sentences for summing to size a passage.
    const [a, b] = [SENTENCES[0]!, SENTENCES[1]!];
    expect(Math.abs(count(`${a} ${b}`) - count(a) - count(b))).toBeLessThanOrEqual(1);
  });

  it('counts word by word exactly what the tokenizer counts for the whole text', async () => {
    const overhead = (await embedder.countTokens('Hei')) - count('Hei'); // prefix and special tokens
    const texts = [
      story,
      ...story.split('\n\n'),
      interview.map((s) => s.text).join('\n'),
      'Hei  du.\n\nNytt avsnitt\tmed tab.',
      '«Sitat» – sa hun… (ja!) 12.5 % og 3. mai; https://example.com/a?b=1',
      'Emoji 😀 her, ÆØÅ æøå, Sámi: Elle Máret, ﬁ ½, a\u00a0b',
      'slutter med mellomrom  ',
    ];
    for (const text of texts) expect(count(text), text.slice(0, 40)).toBe((await embedder.countTokens(text)) - overhead);
    // And again from the memo, now that it holds every word.
    for (const text of texts) expect(count(text)).toBe((await embedder.countTokens(text)) - overhead);
  });

  /** Every passage fits the model whole; passages other than the last are near the target. */
  async function expectSized(chunks: readonly Chunk[]): Promise<void> {
    const sizes: number[] = [];
    for (const chunk of chunks) {
      expect(await embedder.countTokens(chunk.text)).toBeLessThanOrEqual(profile.maxTokens);
      const tokens = count(chunk.text);
      expect(tokens).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
      sizes.push(tokens);
    }
    const sorted = sizes.slice(0, -1).sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(DEFAULT_CHUNKING.targetTokens * 0.7);
    expect(median).toBeLessThanOrEqual(DEFAULT_CHUNKING.targetTokens * 1.2);
  }

  it('cuts a long Norwegian story into passages the model reads whole, near the target', async () => {
    const chunks = chunkWritten(story, count);
    expect(chunks.length).toBeGreaterThan(15);
    await expectSized(chunks);
  });

  it('cuts a long interview into passages the model reads whole, near the target, each naming its speaker and times', async () => {
    const { layout, chunks } = chunkTranscript(interview, count);
    expect(chunks.length).toBeGreaterThan(10);
    await expectSized(chunks);
    for (const chunk of chunks) {
      expect(chunk.text).toBe(layout.text.slice(chunk.startChar, chunk.endChar));
      expect(chunk.speaker).toBe('R');
      expect(chunk.startSeconds).toBeDefined();
      expect(chunk.endSeconds).toBeGreaterThan(chunk.startSeconds!);
    }
  });
});
