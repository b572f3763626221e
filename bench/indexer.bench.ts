/**
 * Indexing throughput: `npm run bench:indexer [-- PASSAGES]` (default 20000). Prints figures,
 * asserts nothing. scripts/bench-indexer.sh starts PostgreSQL, Redis and Meilisearch and runs
 * this with their URLs; the worker runs in this process (QUEUE_CONCURRENCY jobs at once).
 *
 * For the demo corpus and for a generated corpus of at least PASSAGES passages (stories
 * assembled from shuffled demo paragraphs, so the text is the same kind), it prints:
 * - the model's own throughput on the same passages (embedPassages in batches of 8, no I/O;
 *   on a sample of the generated corpus, which would otherwise take as long as the run);
 * - end-to-end indexing throughput: from the first job enqueued to the last finished, through
 *   BullMQ into PostgreSQL (pgvector) and Meilisearch — chunking, embedding, theme
 *   suggestion and both engines' writes included;
 * - their ratio (the goal is ≥ 0.9: indexing cost is the model's, not our code's);
 * - peak RSS of this process (model + worker + importer).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgDb } from '../db/pg-db.js';
import { cutPassages } from '../indexer/indexing/cut-passages.js';
import { DEMO_CORPUS_DIR } from '../indexer/ingest/demo-corpus.js';
import { importStories } from '../indexer/ingest/import-stories.js';
import { readSources } from '../indexer/ingest/sources.js';
import { validateRecord } from '../indexer/ingest/validate-record.js';
import { loadConfig } from '../services/config/config.js';
import { createLogger } from '../services/platform/logger.js';
import { openRuntime } from '../services/runtime.js';
import type { Embedder } from '../indexer/embedding/embedder.js';
import type { StoryRecord } from '../indexer/ingest/story-record.js';

// eslint-disable-next-line no-restricted-properties -- a script, configured like the CLI
const env = process.env;
const log = createLogger('warn');
const wanted = Number(process.argv[2] ?? 20_000);
const MODEL_SAMPLE = Number(env.BENCH_MODEL_SAMPLE ?? 1_500);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

interface Corpus {
  readonly name: string;
  readonly file: string;
  readonly stories: number;
  readonly passages: string[];
}

async function main(): Promise<void> {
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MODEL_DIR']) {
    if (!env[name]) throw new Error(`${name} is not set: run this through \`npm run bench:indexer\` (scripts/bench-indexer.sh)`);
  }
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-bench-'));
  const probe = await openRuntime(loadConfig({ ...env, DATABASE_URL: '', REDIS_URL: '', MEILI_URL: '', DATA_DIR: workDir, DEMO_CORPUS: 'off' }), log, 'cli');
  const countTokens = await probe.embedder.tokenCounter();
  try {
    const demo = await corpusFrom('demo corpus', [DEMO_CORPUS_DIR], countTokens, workDir);
    const generated = await generatedCorpus(demo, wanted, countTokens, workDir);
    for (const corpus of [demo, generated]) {
      const model = await modelThroughput(probe.embedder, corpus.passages);
      const endToEnd = await indexThroughput(corpus);
      console.log(
        `${corpus.name}: ${corpus.stories} stories, ${corpus.passages.length} passages | model ${model.rate.toFixed(1)} passages/s` +
          ` (${model.sampled} passages) | end-to-end ${endToEnd.rate.toFixed(1)} passages/s (${endToEnd.seconds.toFixed(0)} s)` +
          ` | ratio ${(endToEnd.rate / model.rate).toFixed(2)}`,
      );
    }
    console.log(`peak RSS of this process: ${mb(process.resourceUsage().maxRSS)}; QUEUE_CONCURRENCY=${env.QUEUE_CONCURRENCY ?? 2}`);
  } finally {
    await probe.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function corpusFrom(name: string, paths: string[], countTokens: (t: string) => number, workDir: string): Promise<Corpus> {
  const records: StoryRecord[] = [];
  for await (const item of readSources(paths)) {
    if (item.kind !== 'record') continue;
    const valid = validateRecord(item.record);
    if (valid.ok && valid.record.consent.withdrawnAt === undefined) records.push(valid.record);
  }
  const file = path.join(workDir, `${name.replace(/\W+/g, '-')}.jsonl`);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  return { name, file, stories: records.length, passages: records.flatMap((r) => passagesOf(r, countTokens)) };
}

function passagesOf(record: StoryRecord, countTokens: (t: string) => number): string[] {
  const story = { kind: record.kind, body: record.text ?? null, segments: record.segments ?? null };
  return cutPassages(story, countTokens).map((chunk) => chunk.text);
}

/** Stories of 3–9 paragraphs drawn (seeded) from the demo corpus's written stories, until enough passages. */
async function generatedCorpus(demo: Corpus, target: number, countTokens: (t: string) => number, workDir: string): Promise<Corpus> {
  const source = fs.readFileSync(demo.file, 'utf8').split('\n').map((line) => JSON.parse(line) as StoryRecord);
  const paragraphs = source.filter((r) => r.kind === 'written').flatMap((r) => r.text!.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const file = path.join(workDir, 'generated.jsonl');
  const out = fs.createWriteStream(file);
  const passages: string[] = [];
  let stories = 0;
  while (passages.length < target) {
    const count = 3 + Math.floor(random() * 7);
    const text = Array.from({ length: count }, () => paragraphs[Math.floor(random() * paragraphs.length)]!).join('\n\n');
    const template = source[Math.floor(random() * source.length)]!;
    const record = { ...template, externalId: `bench-${stories}`, title: `Generert ${stories}`, kind: 'written', text, segments: undefined };
    passages.push(...passagesOf(record as StoryRecord, countTokens));
    out.write(`${JSON.stringify(record)}\n`);
    stories++;
  }
  await new Promise((resolve) => out.end(resolve));
  return { name: 'generated corpus', file, stories, passages };
}

async function modelThroughput(embedder: Embedder, passages: readonly string[]) {
  const step = Math.max(1, Math.floor(passages.length / MODEL_SAMPLE));
  const sample = passages.filter((_, i) => i % step === 0).slice(0, MODEL_SAMPLE);
  await embedder.embedPassages(sample.slice(0, 8)); // warm up
  const started = performance.now();
  // Story by story, as the indexer embeds: batches of at most 8 within a story of ~5 passages.
  for (let i = 0; i < sample.length; i += 5) await embedder.embedPassages(sample.slice(i, i + 5));
  return { rate: sample.length / ((performance.now() - started) / 1000), sampled: sample.length };
}

async function indexThroughput(corpus: Corpus) {
  const name = `levd_bench_${randomUUID().slice(0, 8)}`;
  const admin = createPgDb(env.DATABASE_URL!, { max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-bench-data-'));
  const config = loadConfig({ ...env, DATABASE_URL: url.toString(), DATA_DIR: dataDir, QUEUE_NAME: name, MEILI_INDEX: name, DEMO_CORPUS: 'off' });
  const runtime = await openRuntime(config, log, 'all');
  try {
    await runtime.embedder.load();
    await runtime.themes.get(); // theme vectors made once, outside the timing
    const started = performance.now();
    const summary = await importStories(
      { db: runtime.db, queue: runtime.queue, log },
      { paths: [corpus.file], publish: true, wait: true, maxStoryChars: config.indexing.maxStoryChars, actor: 'bench' },
    );
    const seconds = (performance.now() - started) / 1000;
    if (summary.jobs.failed.length > 0 || summary.refused.length > 0) throw new Error(`the bench import failed: ${JSON.stringify(summary.jobs.failed.slice(0, 3))}`);
    return { rate: (summary.passages ?? 0) / seconds, seconds };
  } finally {
    await runtime.close();
    await fetch(`${env.MEILI_URL}/indexes/${name}`, { method: 'DELETE', headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}` } });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
