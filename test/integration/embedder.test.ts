import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, EmbedderLoadError, REQUIRED_MODEL_FILES, type Embedder, type ModelConfig } from '../../indexer/embedding/embedder.js';
import { MODEL_PROFILES } from '../../indexer/embedding/model-profiles.js';
import { createLogger } from '../../services/platform/logger.js';
import { testServices } from '../support/services.js';

/** The real multilingual-e5-small from MODEL_DIR (CI points it at ../shared/models). */
const modelDir = testServices().modelDir;
const profile = MODEL_PROFILES['Xenova/multilingual-e5-small'];
const log = createLogger('silent');

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('embedder on the real model', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = createEmbedder({ profile, source: { kind: 'local', dir: modelDir } }, { log });
    await embedder.load();
  });

  it('gives unit-length vectors of the profile dimension', async () => {
    const [query] = await embedder.embedQueries(['tvangsinnleggelse']);
    const passages = await embedder.embedPassages(['Jeg ble lagt inn på tvang.', 'Været var fint i går.']);
    for (const v of [query!, ...passages]) {
      expect(v).toHaveLength(profile.dimension);
      expect(norm(v)).toBeCloseTo(1, 4);
    }
  });

  it.each([
    [
      'puts a Norwegian query nearer a paraphrase than an unrelated passage',
      'Hvordan var det å bli lagt inn på psykiatrisk avdeling mot sin vilje?',
      'Politiet hentet meg hjemme, og jeg ble tvangsinnlagt på akutten. Jeg forsto ikke hva som skjedde.',
      'Vi bakte boller hele ettermiddagen og spiste dem med syltetøy.',
    ],
    [
      'finds Norwegian text from an English query',
      'quitting heroin without medication',
      'Jeg sluttet med heroin uten LAR, bare med støtte fra familien og NA-møter.',
      'Toget var forsinket, så jeg kom for sent til konserten.',
    ],
  ])('%s', async (_name, queryText, relatedText, unrelatedText) => {
    const [query] = await embedder.embedQueries([queryText]);
    const [related, unrelated] = await embedder.embedPassages([relatedText, unrelatedText]);
    expect(dot(query!, related!)).toBeGreaterThan(dot(query!, unrelated!));
  });

  it('keeps input order across batches, and a batch gives what single calls give', async () => {
    const texts = ['første avsnitt', 'second paragraph', 'tredje avsnitt om håp', 'fjerde', 'fifth one'];
    const batched = await embedder.embedPassages(texts, { batchSize: 2 });
    const single = await Promise.all(texts.map(async (t) => (await embedder.embedPassages([t]))[0]!));
    expect(batched).toHaveLength(texts.length);
    batched.forEach((v, i) => {
      // The 8-bit model quantizes activations per batch, so padding shifts a vector a little:
      // each batched vector stays nearest its own text, far nearer than to any other.
      const similarities = single.map((s) => dot(v, s));
      expect(similarities[i]).toBeGreaterThan(0.98);
      expect(similarities.indexOf(Math.max(...similarities))).toBe(i);
    });
  });

  it('embeds queries and passages differently (the e5 prefixes)', async () => {
    const [asQuery] = await embedder.embedQueries(['medisinfri behandling']);
    const [asPassage] = await embedder.embedPassages(['medisinfri behandling']);
    expect(dot(asQuery!, asPassage!)).toBeLessThan(0.9999);
    expect(dot(asQuery!, asPassage!)).toBeGreaterThan(0.8);
  });

  it('counts tokens with the passage prefix and special tokens, and embeds text past the model limit', async () => {
    const short = await embedder.countTokens('Hei');
    const sentence = 'Jeg ble tvangsinnlagt, og det var det verste jeg har opplevd. ';
    expect(short).toBeGreaterThanOrEqual(4); // <s> passage : Hei </s>
    expect(await embedder.countTokens(sentence.repeat(2))).toBeGreaterThan(await embedder.countTokens(sentence));
    const long = sentence.repeat(80);
    expect(await embedder.countTokens(long)).toBeGreaterThan(profile.maxTokens);
    const [vector] = await embedder.embedPassages([long]);
    expect(norm(vector!)).toBeCloseTo(1, 4);
  });

  it('returns nothing for nothing', async () => {
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('loads once, however many callers ask at the same time', async () => {
    const fresh = createEmbedder({ profile, source: { kind: 'local', dir: modelDir } }, { log });
    expect(fresh.isLoaded()).toBe(false);
    const [a, b] = await Promise.all([fresh.embedQueries(['a']), fresh.embedQueries(['b']), fresh.load()]);
    expect(fresh.isLoaded()).toBe(true);
    expect(a![0]).toHaveLength(profile.dimension);
    expect(b![0]).toHaveLength(profile.dimension);
  });
});

describe('embedder load failures', () => {
  function incompleteModelDir(keep: readonly string[]): ModelConfig {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-model-'));
    tempDirs.push(dir);
    const folder = path.join(dir, profile.id);
    fs.mkdirSync(path.join(folder, 'onnx'), { recursive: true });
    for (const file of keep) fs.writeFileSync(path.join(folder, file), '{}');
    return { profile, source: { kind: 'local', dir } };
  }

  it('names the folder when MODEL_DIR does not hold the model', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-model-'));
    tempDirs.push(dir);
    const embedder = createEmbedder({ profile, source: { kind: 'local', dir } }, { log });
    await expect(embedder.load()).rejects.toThrow(new RegExp(`${path.join(dir, profile.id)} does not exist`));
  });

  it('names the one missing file in one line', async () => {
    const keep = REQUIRED_MODEL_FILES.filter((file) => file !== 'onnx/model_quantized.onnx');
    const embedder = createEmbedder(incompleteModelDir(keep), { log });
    const error = await embedder.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbedderLoadError);
    expect((error as Error).message).toMatch(/multilingual-e5-small\/onnx\/model_quantized\.onnx is missing\.$/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('turns a corrupt model file into one line naming the folder, and can be retried', async () => {
    const embedder = createEmbedder(incompleteModelDir(REQUIRED_MODEL_FILES), { log });
    await expect(embedder.load()).rejects.toThrow(/^Could not load the embedding model Xenova\/multilingual-e5-small from .*levd-model-/);
    await expect(embedder.load()).rejects.toBeInstanceOf(EmbedderLoadError);
    expect(embedder.isLoaded()).toBe(false);
  });
});
