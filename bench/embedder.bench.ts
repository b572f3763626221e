/**
 * Embedder throughput and memory on this machine: `npm run bench:embedder [-- passages]`.
 * Prints figures, asserts nothing: speed targets live here, never in timed tests.
 * Needs MODEL_DIR (or the hub). The passages are synthetic Norwegian text of about the size
 * the chunker aims for (~240 tokens), so the figures match what indexing will see.
 */
import os from 'node:os';
import { createEmbedder } from '../indexer/embedding/embedder.js';
import { loadConfig } from '../services/config/config.js';
import { createLogger } from '../services/platform/logger.js';

const SENTENCES = [
  'Jeg ble lagt inn på akutten en fredag kveld, og ingen forklarte meg hva som skulle skje.',
  'Det som hjalp, var at en sykepleier satte seg ned og spurte hvordan jeg egentlig hadde det.',
  'Etter mange år med rus var det første rusfrie året det vanskeligste og det viktigste.',
  'Mamma ringte hver dag, selv når jeg ikke tok telefonen, og det husker jeg nå som kjærlighet.',
  'Jeg ønsket å trappe ned medisinene, men legen mente det var for tidlig.',
  'På NAV møtte jeg endelig en veileder som så meg som mer enn en diagnose.',
  'Som erfaringskonsulent bruker jeg min egen historie for å gi andre håp.',
  'Det var ensomt å flytte inn i egen leilighet uten nettverk rundt meg.',
];

function passage(i: number): string {
  const words: string[] = [];
  for (let s = 0; words.length < 170; s++) words.push(...SENTENCES[(i + s * 3) % SENTENCES.length]!.split(' '));
  return `${i}. ${words.join(' ')}`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 64);
  const config = loadConfig();
  const embedder = createEmbedder(config.model, { log: createLogger('warn') });
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${mb(os.totalmem())} RAM, Node ${process.version}`);
  console.log(`model: ${config.model.profile.id} (${config.model.source.kind}), ${count} passages`);

  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  await embedder.load();
  console.log(`load: ${Math.round(performance.now() - started)} ms, RSS +${mb(process.memoryUsage().rss - rssBefore)}`);

  const queries = ['tvangsinnleggelse', 'bli rusfri', 'medisinfri behandling', 'forced admission', 'hvordan var det å komme hjem etter innleggelsen?'];
  const latencies: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of queries) {
      started = performance.now();
      await embedder.embedQueries([q]);
      latencies.push(performance.now() - started);
    }
  }
  latencies.sort((a, b) => a - b);
  console.log(`query: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms (${latencies.length} queries)`);

  const texts = Array.from({ length: count }, (_, i) => passage(i));
  const tokens = await embedder.countTokens(texts[0]!);
  console.log(`passage size: ${tokens} tokens (prefix and special tokens included)`);
  for (const batchSize of [1, 8, 16, 32]) {
    started = performance.now();
    await embedder.embedPassages(texts, { batchSize });
    const seconds = (performance.now() - started) / 1000;
    console.log(`passages, batch ${String(batchSize).padStart(2)}: ${(count / seconds).toFixed(1)}/s`);
  }
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

await main();
