/**
 * The two archives the search benchmark measures, each in its own database and Meilisearch
 * index on the bench's services: the demo corpus, imported and indexed by the real pipeline,
 * and a generated one of ≥ 100,000 passages written straight into PostgreSQL and synced to
 * Meilisearch by the real lexical sync (see generate-corpus.ts for how it is made).
 * With `keep`, a complete corpus from an earlier run on the same services is reused.
 */
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../db/migrator.js';
import { createPgDb } from '../../db/pg-db.js';
import { DEMO_CORPUS_DIR } from '../../indexer/ingest/demo-corpus.js';
import { importStories } from '../../indexer/ingest/import-stories.js';
import { createStoryIndexer } from '../../indexer/indexing/story-indexer.js';
import { loadConfig, type Config } from '../../services/config/config.js';
import type { Logger } from '../../services/platform/logger.js';
import { createAppStateRepository } from '../../services/repositories/app-state.repository.js';
import { createThemeRepository } from '../../services/repositories/theme.repository.js';
import { openRuntime } from '../../services/runtime.js';
import { generateStories, type GeneratedStory } from './generate-corpus.js';
import { insertGenerated, readSourceStories, withIndexesRebuilt } from './load-corpus.js';

export interface BenchEnv {
  readonly DATABASE_URL: string;
  readonly REDIS_URL: string;
  readonly MEILI_URL: string;
  readonly MEILI_MASTER_KEY: string;
  readonly MODEL_DIR: string;
  /** Passed on to the config as they are (SEARCH_EF_SEARCH, SEARCH_CANDIDATES, …). */
  readonly extra: Record<string, string | undefined>;
}

export interface BenchCorpus {
  readonly name: string;
  /** Database name and Meilisearch index uid alike. */
  readonly id: string;
  readonly config: Config;
  /** What preparing it took, for the report. */
  readonly notes: string[];
}

const READY_KEY = 'bench_search_corpus';

export function databaseUrl(env: BenchEnv, id: string): string {
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${id}`;
  return url.toString();
}

export function corpusConfig(env: BenchEnv, id: string): Config {
  return loadConfig({
    ...env.extra,
    DATABASE_URL: databaseUrl(env, id),
    REDIS_URL: env.REDIS_URL,
    MEILI_URL: env.MEILI_URL,
    MEILI_MASTER_KEY: env.MEILI_MASTER_KEY,
    MEILI_INDEX: id,
    QUEUE_NAME: id,
    MODEL_DIR: env.MODEL_DIR,
    DATA_DIR: path.join(os.tmpdir(), 'levd-bench-search-data'), // nothing is written there with MODEL_DIR set
    DEMO_CORPUS: 'off',
    LOG_LEVEL: 'warn',
  });
}

/** A fresh database (or, with `keep`, the complete one left by an earlier run). True when reused. */
async function freshOrKept(env: BenchEnv, id: string, keep: boolean): Promise<boolean> {
  const admin = createPgDb(env.DATABASE_URL, { max: 1 });
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [id])).rowCount > 0;
    if (exists && keep) {
      const db = createPgDb(databaseUrl(env, id), { max: 1 });
      const ready = await createAppStateRepository(db).get(READY_KEY).catch(() => undefined);
      await db.close();
      if (ready !== undefined) return true;
    }
    if (exists) await admin.query(`DROP DATABASE ${id} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${id}`);
  } finally {
    await admin.close();
  }
  await meili(env, `/indexes/${id}`, 'DELETE');
  return false;
}

/** Drops a corpus's database and index (unless the run keeps them). */
export async function dropCorpus(env: BenchEnv, id: string): Promise<void> {
  const admin = createPgDb(env.DATABASE_URL, { max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`).finally(() => admin.close());
  await meili(env, `/indexes/${id}`, 'DELETE');
}

/** The demo corpus through the real pipeline: import → index-story jobs → lexical sync. */
export async function prepareDemo(env: BenchEnv, log: Logger, keep: boolean): Promise<BenchCorpus> {
  const id = 'levd_bench_search_demo';
  const config = corpusConfig(env, id);
  if (await freshOrKept(env, id, keep)) return { name: 'demo', id, config, notes: ['reused from an earlier run (BENCH_KEEP=1)'] };
  const runtime = await openRuntime(config, log, 'all');
  try {
    const started = performance.now();
    const summary = await importStories(
      { db: runtime.db, queue: runtime.queue, log },
      { paths: [DEMO_CORPUS_DIR], publish: true, wait: true, maxStoryChars: config.indexing.maxStoryChars, actor: 'bench' },
    );
    if (summary.jobs.failed.length > 0 || summary.refused.length > 0) {
      throw new Error(`importing the demo corpus failed: ${summary.refused.length} refused, jobs failed: ${JSON.stringify(summary.jobs.failed.slice(0, 3))}`);
    }
    await createAppStateRepository(runtime.db).set(READY_KEY, { passages: summary.passages });
    return { name: 'demo', id, config, notes: [`imported and indexed by the real pipeline in ${((performance.now() - started) / 1000).toFixed(0)} s`] };
  } finally {
    await runtime.close();
  }
}

/**
 * The generated corpus: stories written through the repositories with the chunk indexes
 * dropped (rebuilt after, timed), then synced to Meilisearch by the indexer's own lexical
 * sync, 250 stories (~2,000 passages) per batch.
 */
export async function prepareGenerated(
  env: BenchEnv,
  log: Logger,
  options: { demo: BenchCorpus; passages: number; noise: number; keep: boolean },
): Promise<BenchCorpus> {
  const id = `levd_bench_search_gen_${options.passages}`;
  const config = corpusConfig(env, id);
  if (await freshOrKept(env, id, options.keep)) return { name: `generated ${options.passages}`, id, config, notes: ['reused from an earlier run (BENCH_KEEP=1)'] };
  const model = config.model.profile.id;
  const setup = createPgDb(databaseUrl(env, id), { max: 1 });
  await migrate(setup).finally(() => setup.close());

  const demoDb = createPgDb(databaseUrl(env, options.demo.id), { max: 1 });
  const sources = await readSourceStories(demoDb, model).finally(() => demoDb.close());
  const runtime = await openRuntime(config, log, 'cli');
  const notes: string[] = [];
  try {
    const themeSlugs = (await createThemeRepository(runtime.db).list()).map((t) => t.slug);
    const stories = generateStories(sources, { passages: options.passages, noise: options.noise, themeSlugs });
    const progress = progressLine('PostgreSQL: stories and passages written', options.passages);
    const loadStarted = performance.now();
    let written = 0;
    const rebuilt = await withIndexesRebuilt(runtime.db, async () => {
      // A few transactions at once: PostgreSQL has two cores to fill while this process generates.
      const inFlight = new Set<Promise<void>>();
      let batch: GeneratedStory[] = [];
      const flush = async () => {
        const passages = batch.reduce((n, s) => n + s.passages.length, 0);
        const done = insertGenerated(runtime.db, batch, model).then(() => progress.update((written += passages)));
        batch = [];
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done)).catch(() => undefined);
        if (inFlight.size >= 3) await Promise.race(inFlight);
      };
      for (const story of stories) {
        batch.push(story);
        if (batch.length === 50) await flush();
      }
      if (batch.length > 0) await flush();
      await Promise.all(inFlight);
    });
    progress.done();
    const rebuildSeconds = rebuilt.reduce((s, r) => s + r.seconds, 0);
    notes.push(
      `PostgreSQL: ${written} passages in ${((performance.now() - loadStarted) / 1000 - rebuildSeconds).toFixed(0)} s with the chunk indexes dropped, then rebuilt: ` +
        rebuilt.map((r) => `${r.index} ${r.seconds.toFixed(0)} s`).join(', '),
    );

    const indexer = createStoryIndexer({ db: runtime.db, embedder: runtime.embedder, lexical: runtime.lexical, themes: runtime.themes, suggest: config.indexing.suggest, log });
    const syncStarted = performance.now();
    const synced = progressLine('Meilisearch: stories synced', Math.ceil(written / 8.5));
    let stories2 = 0;
    for (let n; (n = await indexer.syncLexical()) > 0; ) synced.update((stories2 += n));
    synced.done();
    const state = await meiliIndexState(env, id);
    if (state.isIndexing || state.pendingTasks > 0) throw new Error(`Meilisearch index ${id} is still indexing after the sync returned`);
    if (state.documents !== written) throw new Error(`Meilisearch index ${id} holds ${state.documents} passages, PostgreSQL ${written}`);
    notes.push(`Meilisearch: ${stories2} stories / ${state.documents} passages synced in ${((performance.now() - syncStarted) / 1000).toFixed(0)} s (real lexical sync, 250 stories per batch)`);
    await createAppStateRepository(runtime.db).set(READY_KEY, { passages: written, notes });
    return { name: `generated ${options.passages}`, id, config, notes };
  } finally {
    await runtime.close();
  }
}

/** Meilisearch's own word on an index: documents held, and whether any task is still at work on it. */
export async function meiliIndexState(env: BenchEnv, uid: string): Promise<{ documents: number; isIndexing: boolean; pendingTasks: number }> {
  const stats = (await meili(env, `/indexes/${uid}/stats`)) as { numberOfDocuments: number; isIndexing: boolean };
  const tasks = (await meili(env, `/tasks?indexUids=${uid}&statuses=enqueued,processing&limit=1`)) as { total?: number; results: unknown[] };
  return { documents: stats.numberOfDocuments, isIndexing: stats.isIndexing, pendingTasks: tasks.total ?? tasks.results.length };
}

/**
 * Meilisearch's own processing time (`processingTimeMs`, no HTTP, no client) for a plain
 * search of each query as an anonymous caller: 100 candidates, the audience filter, ranking
 * scores — roughly what the adapter asks for one query without theme expansions.
 */
export async function meiliProcessingTimes(env: BenchEnv, uid: string, queries: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    const body = { q, limit: 100, filter: "status = 'published' AND audience IN ['public']", attributesToRetrieve: ['id'], showRankingScore: true, locales: ['nob', 'eng'] };
    const response = await fetch(`${env.MEILI_URL}/indexes/${uid}/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Meilisearch search on ${uid}: HTTP ${response.status}`);
    times.push(((await response.json()) as { processingTimeMs: number }).processingTimeMs);
  }
  return times;
}

/**
 * Meilisearch's REST API, for what the bench checks about an index (the app's own adapter
 * has no reason to offer these). A missing index on DELETE is fine.
 */
async function meili(env: BenchEnv, route: string, method = 'GET'): Promise<unknown> {
  const response = await fetch(`${env.MEILI_URL}${route}`, { method, headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}` } });
  if (method === 'DELETE') {
    if (response.ok || response.status === 404) {
      const task = (await response.json()) as { taskUid?: number };
      if (task.taskUid !== undefined) await waitForTask(env, task.taskUid);
      return undefined;
    }
  }
  if (!response.ok) throw new Error(`Meilisearch ${method} ${route}: HTTP ${response.status}`);
  return response.json();
}

async function waitForTask(env: BenchEnv, taskUid: number): Promise<void> {
  for (;;) {
    const task = (await meili(env, `/tasks/${taskUid}`)) as { status: string };
    if (task.status !== 'enqueued' && task.status !== 'processing') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A progress line on stderr: rewritten in place on a terminal, every ~10 % otherwise. */
export function progressLine(label: string, total: number) {
  const started = performance.now();
  let shown = -1;
  const line = (done: number) => `${label}: ${done}/${total} (${((performance.now() - started) / 1000).toFixed(0)} s)`;
  return {
    update(done: number) {
      if (process.stderr.isTTY) process.stderr.write(`\r${line(done)}`);
      else if (Math.floor((done / total) * 10) > shown) {
        shown = Math.floor((done / total) * 10);
        process.stderr.write(`${line(done)}\n`);
      }
    },
    done() {
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}
