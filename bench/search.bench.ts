/**
 * Search latency: `npm run bench:search` (scripts/bench-search.sh starts PostgreSQL, Redis and
 * Meilisearch on private ports and runs this with their URLs). Prints figures, asserts nothing
 * but zero errors under load (it exits 1 otherwise).
 *
 * For the demo corpus (imported and indexed by the real pipeline) and a generated corpus of
 * BENCH_PASSAGES passages (default 100,000; see bench/support/generate-corpus.ts), it starts the
 * API in this process (openRuntime 'api' + createHttpApp on a free port) and, through HTTP with
 * keep-alive, as a client sees it:
 * - per mode (hybrid, vector, lexical), one client at a time: p50/p95/p99/mean of ≥ 300
 *   queries with the query embedding cached (40 queries, each asked once to warm the cache,
 *   then repeated) and uncached (every query new);
 * - theme browsing (`?theme=…`, no text);
 * - 16 clients for 30 s on hybrid, half cached and half new queries: requests/s, latency, errors;
 * - where the time goes inside a search (each SQL statement, Meilisearch call and query
 *   embedding, timed inside the service), and the plans of the service's SELECTs at this size.
 * Env: BENCH_PASSAGES, BENCH_NOISE (σ of the vectors' noise, default 0.012), BENCH_ROUNDS
 * (cached repeats of the 40 queries, default 8), BENCH_CLIENTS (16), BENCH_SECONDS (30),
 * BENCH_KEEP=1 (keep both corpora for the next run on the same services; reuse them if there),
 * BENCH_ONLY=demo|generated (measure one corpus; both are still prepared), and any SEARCH_*
 * setting of the app.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../services/http/app.js';
import { closeServer, listen } from '../services/http/listen.js';
import { createLogger } from '../services/platform/logger.js';
import { openRuntime, type Runtime } from '../services/runtime.js';
import { createSearchService } from '../services/search/search.service.js';
import { ANONYMOUS } from '../services/consent/viewer.js';
import { searchQuerySchema, type SearchMode } from '../services/search/search.schema.js';
import { dropCorpus, meiliIndexState, meiliProcessingTimes, prepareDemo, prepareGenerated, type BenchCorpus, type BenchEnv } from './support/corpora.js';
import { concurrent, formatRow, sequential, summarise, type Timings } from './support/latency.js';
import { corpusSize, neighbourhood } from './support/load-corpus.js';
import { QUERIES, THEME_BROWSES, uniqueQueries } from './support/queries.js';
import { Trace, tracedDb, tracedEmbedder, tracedLexical } from './support/trace.js';

// eslint-disable-next-line no-restricted-properties -- a script, configured like the CLI
const env = process.env;
const log = createLogger('warn');
const PASSAGES = Number(env.BENCH_PASSAGES ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 8);
const CLIENTS = Number(env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const KEEP = env.BENCH_KEEP === '1';
const ONLY = env.BENCH_ONLY;
const MODES: readonly SearchMode[] = ['hybrid', 'vector', 'lexical'];
const GOALS = { cachedP95: 20, uncachedP95: 30 };

interface CorpusResult {
  readonly corpus: BenchCorpus;
  readonly rows: Map<string, Timings>;
  readonly load: Timings & { seconds: number };
}

async function main(): Promise<void> {
  const benchEnv = requiredEnv();
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; ${loadAverage()}`);
  const demo = await prepareDemo(benchEnv, log, KEEP);
  const generated = await prepareGenerated(benchEnv, log, { demo, passages: PASSAGES, noise: Number(env.BENCH_NOISE ?? 0.012), keep: KEEP });
  const seen = new Set<string>(QUERIES);
  const results: CorpusResult[] = [];
  let errors = 0;
  try {
    for (const corpus of [demo, generated].filter((c) => ONLY === undefined || c === (ONLY === 'demo' ? demo : generated))) {
      const result = await measureCorpus(corpus, benchEnv, seen);
      results.push(result);
      errors += [...result.rows.values(), result.load].reduce((n, t) => n + t.errors.length, 0);
    }
    printSummary(results);
  } finally {
    if (!KEEP) for (const corpus of [demo, generated]) await dropCorpus(benchEnv, corpus.id);
  }
  if (errors > 0) {
    console.log(`FAILED: ${errors} request(s) did not answer 200`);
    process.exitCode = 1;
  }
}

async function measureCorpus(corpus: BenchCorpus, benchEnv: BenchEnv, seen: Set<string>): Promise<CorpusResult> {
  console.log(`\n=== ${corpus.name} corpus ===`);
  for (const note of corpus.notes) console.log(`  ${note}`);
  const runtime = await openRuntime(corpus.config, log, 'api');
  try {
    await runtime.embedder.load();
    await describeCorpus(corpus, runtime);
    if (runtime.config.lexical.kind === 'meilisearch') {
      // A reused corpus too: measuring while Meilisearch still indexes would time its indexing.
      const state = await meiliIndexState(benchEnv, runtime.config.lexical.indexUid);
      const passages = (await corpusSize(runtime.db)).passages;
      if (state.isIndexing || state.pendingTasks > 0 || state.documents !== passages) {
        throw new Error(`Meilisearch is not ready to measure: ${state.documents} of ${passages} passages, indexing ${state.isIndexing}, ${state.pendingTasks} tasks pending`);
      }
    }
    console.log(`  measuring; ${loadAverage()}`);
    const server = await listen(createHttpApp({ log, readiness: runtime.readiness, api: runtime }), '127.0.0.1', 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await untilReady(base);
      const url = (params: Record<string, string | string[]>) => `${base}/api/search?${query(params)}`;
      const rows = new Map<string, Timings>();
      for (const mode of MODES) {
        await sequential(QUERIES.map((q) => url({ q, mode }))); // warms the query-embedding cache (and every other cache)
        const cached = Array.from({ length: ROUNDS }, (_, round) => rotate(QUERIES, round * 7)).flat();
        rows.set(`${mode} cached`, await sequential(cached.map((q) => url({ q, mode }))));
        rows.set(`${mode} uncached`, await sequential(uniqueQueries(cached.length, seen).map((q) => url({ q, mode }))));
        for (const label of [`${mode} cached`, `${mode} uncached`]) console.log(formatRow(label, rows.get(label)!));
      }
      const browse = Array.from({ length: 300 }, (_, i) => url({ theme: THEME_BROWSES[i % THEME_BROWSES.length]! }));
      await sequential(browse.slice(0, THEME_BROWSES.length));
      rows.set('theme browsing (no q)', await sequential(browse));
      console.log(formatRow('theme browsing (no q)', rows.get('theme browsing (no q)')!));

      let turn = 0;
      const fresh = uniqueQueries(20_000, seen, 7);
      const load = await concurrent(() => (turn++ % 2 === 0 ? url({ q: QUERIES[turn % QUERIES.length]! }) : url({ q: fresh[turn % fresh.length]! })), CLIENTS, SECONDS);
      console.log(formatRow(`hybrid, ${CLIENTS} clients × ${SECONDS} s`, load) + `  → ${((load.ms.length + load.errors.length) / load.seconds).toFixed(0)} requests/s`);
      for (const [label, timings] of [...rows, [`${CLIENTS} clients`, load] as const]) {
        for (const [reason, n] of countBy(timings.errors)) console.log(`  ${label}: error ×${n}: ${reason}`);
      }
      await breakdown(runtime, benchEnv, seen);
      console.log(`  done; ${loadAverage()}`);
      return { corpus, rows, load };
    } finally {
      await closeServer(server);
    }
  } finally {
    await runtime.close();
  }
}

/** Sizes and the vectors' neighbourhood structure (real query embeddings against the stored passages). */
async function describeCorpus(corpus: BenchCorpus, runtime: Runtime): Promise<void> {
  const size = await corpusSize(runtime.db);
  const share = (record: Record<string, number>) => Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`  ${size.stories} stories (${size.published} published), ${size.passages} passages; languages: ${share(size.byLanguage)}; audiences: ${share(size.byAudience)}`);
  const vectors = await runtime.embedder.embedQueries(QUERIES.slice(-10).concat(QUERIES.slice(0, 10)));
  const hood = await neighbourhood(runtime.db, vectors, [40, runtime.config.search.efSearch]);
  console.log(
    `  vectors (20 real queries, unfiltered): mean cosine of the exact top-10 ${hood.top10Cosine.toFixed(3)} vs a random passage ${hood.randomCosine.toFixed(3)}; ` +
      `${hood.distinctStories.toFixed(1)} distinct stories in a top-10; HNSW ` +
      hood.hnsw.map((h) => `at ef_search ${h.efSearch}: recall@10 ${h.recall.toFixed(2)}, its top-10 ${(h.cosineRatio * 100).toFixed(2)} % as close`).join('; '),
  );
}

/** Inside one search: each component's time, from the service's own calls (uncached hybrid queries), and the plans. */
async function breakdown(runtime: Runtime, benchEnv: BenchEnv, seen: Set<string>): Promise<void> {
  const trace = new Trace();
  const service = createSearchService({
    db: tracedDb(runtime.db, trace),
    lexical: tracedLexical(runtime.lexical, trace),
    embedder: tracedEmbedder(runtime.embedder, trace),
    themes: runtime.themes,
    settings: runtime.config.search,
    log,
  });
  const ask = (params: Record<string, string | string[]>) => service.search(searchQuerySchema.parse(params), ANONYMOUS);
  await ask({ q: QUERIES[0]! }); // theme profiles and connections, outside the timing
  trace.clear();
  const timed = uniqueQueries(100, seen, 11);
  const started = performance.now();
  for (const q of timed) await ask({ q });
  const total = (performance.now() - started) / timed.length;
  console.log(`  inside a search (service level, ${timed.length} uncached hybrid queries, anonymous; mean ${total.toFixed(1)} ms a search):`);
  for (const row of trace.rows().sort((a, b) => b.summary.mean * b.calls - a.summary.mean * a.calls)) {
    const s = row.summary;
    console.log(`    ${row.label.padEnd(92)} ${(row.calls / timed.length).toFixed(1)}×/search  mean ${s.mean.toFixed(2)}  p95 ${s.p95.toFixed(2)} ms`);
  }
  const meili = runtime.config.lexical.kind === 'meilisearch' ? summarise(await meiliProcessingTimes(benchEnv, runtime.config.lexical.indexUid, QUERIES)) : undefined;
  if (meili) console.log(`  Meilisearch's own processingTimeMs for a plain search of each of the ${QUERIES.length} queries: p50 ${meili.p50}  p95 ${meili.p95}  max ${meili.max} ms`);
  trace.explain = true;
  const cases: [string, Record<string, string | string[]>, boolean][] = [
    ['«tvangsinnleggelse», anonymous (a recognised theme)', { q: 'tvangsinnleggelse' }, true],
    ['a sentence, Nynorsk stories only (a selective filter)', { q: 'what helped me stay sober after rehab', lang: 'nn' }, false],
    ['theme browsing ?theme=tvang', { theme: ['tvang'] }, false],
  ];
  for (const [name, params, everyStatement] of cases) {
    trace.clear();
    await ask(params);
    for (const [label, plan] of trace.plans) {
      // The passage-ranking statements always; the hydration ones once.
      if (everyStatement || label.includes('"passageId"')) console.log(`  plan (${name}) of ${label}\n${plan.map((line) => `      ${line}`).join('\n')}`);
    }
  }
}

function printSummary(results: readonly CorpusResult[]): void {
  console.log('\n=== summary ===');
  for (const { corpus, rows, load } of results) {
    const p95 = (label: string) => summarise(rows.get(label)!.ms).p95;
    const cached = p95('hybrid cached');
    const uncached = p95('hybrid uncached');
    const verdict = (value: number, goal: number) => `${value.toFixed(1)} ms ${value <= goal ? '≤' : '>'} ${goal} ms ${value <= goal ? 'MET' : 'MISSED'}`;
    console.log(
      `${corpus.name}: hybrid p95 cached ${verdict(cached, GOALS.cachedP95)}; uncached ${verdict(uncached, GOALS.uncachedP95)}; ` +
        `${CLIENTS} clients: ${((load.ms.length + load.errors.length) / load.seconds).toFixed(0)} requests/s, p95 ${summarise(load.ms).p95.toFixed(1)} ms, ` +
        `${load.errors.length} errors, ${Object.values(load.degraded).reduce((a, b) => a + b, 0)} degraded answers`,
    );
  }
}

function requiredEnv(): BenchEnv {
  const names = ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MODEL_DIR'] as const;
  for (const name of names) {
    if (!env[name]) throw new Error(`${name} is not set: run this through \`npm run bench:search\` (scripts/bench-search.sh)`);
  }
  const extra = Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('SEARCH_')));
  return { DATABASE_URL: env.DATABASE_URL!, REDIS_URL: env.REDIS_URL!, MEILI_URL: env.MEILI_URL!, MEILI_MASTER_KEY: env.MEILI_MASTER_KEY!, MODEL_DIR: env.MODEL_DIR!, extra };
}

async function untilReady(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API at ${base} did not become ready within 60 s (see /readyz)`);
}

/** Other work on the machine skews every figure: say how busy it was. */
function loadAverage(): string {
  return `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`;
}

function query(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  return search.toString();
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function countBy(errors: readonly { status: number; reason: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(`HTTP ${e.status || 'network'} ${e.reason}`, (counts.get(`HTTP ${e.status || 'network'} ${e.reason}`) ?? 0) + 1);
  return counts;
}

await main();
