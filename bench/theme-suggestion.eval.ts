/**
 * How well theme suggestion recovers the demo corpus's own themes: imports the corpus into a
 * throwaway embedded archive, scores all 18 themes for every story, and prints where each
 * story's first (primary) theme ranks, the top three, and precision / recall of the stored
 * suggestions against the confirmed themes. Not a test: a figure to watch when tuning
 * indexer/themes/suggest-themes.ts.
 *
 *   MODEL_DIR=../shared/models npm run eval:themes
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CORPUS_DIR } from '../indexer/ingest/demo-corpus.js';
import { importStories } from '../indexer/ingest/import-stories.js';
import { readSources } from '../indexer/ingest/sources.js';
import { scoreThemes, DEFAULT_SUGGEST_OPTIONS } from '../indexer/themes/suggest-themes.js';
import { loadConfig } from '../services/config/config.js';
import { createLogger } from '../services/platform/logger.js';
import { createChunkRepository } from '../services/repositories/chunk.repository.js';
import { vectorFromSql } from '../services/repositories/vector-codec.js';
import { openRuntime } from '../services/runtime.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-eval-themes-'));
// eslint-disable-next-line no-restricted-properties -- a script, configured like the CLI
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', MEILI_URL: '', DEMO_CORPUS: 'off', LOG_LEVEL: 'silent' });
const log = createLogger('silent');
const runtime = await openRuntime(config, log, 'cli');
try {
  const themesOf = new Map<string, string[]>();
  for await (const item of readSources([DEMO_CORPUS_DIR])) {
    const consent = item.kind === 'record' ? (item.record.consent as { withdrawnAt?: string } | undefined) : undefined;
    if (item.kind === 'record' && !consent?.withdrawnAt) themesOf.set(String(item.record.externalId), (item.record.themes as string[]) ?? []);
  }
  const started = Date.now();
  await importStories({ db: runtime.db, queue: runtime.queue, log }, { paths: [DEMO_CORPUS_DIR], publish: true, wait: true, maxStoryChars: 200_000, actor: 'eval' });
  process.stdout.write(`Imported and indexed ${themesOf.size} demo stories in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);

  const centroid = (await createChunkRepository(runtime.db).centroid(runtime.embedder.profile.id))?.vector;
  const profiles = (await runtime.themes.get()).map((p) => ({ slug: p.theme.slug, vectors: p.vectors, terms: [...p.theme.termsNb, ...p.theme.termsEn] }));
  const ranks: number[] = [];
  let hits = 0;
  let suggested = 0;
  let relevant = 0;
  for (const [externalId, themes] of [...themesOf].sort()) {
    const { rows } = await runtime.db.query<{ text: string; embedding: string }>(
      `SELECT c.text, c.embedding::text AS embedding FROM chunks c JOIN stories s ON s.id = c.story_id WHERE s.external_id = $1`,
      [externalId],
    );
    const scores = scoreThemes(rows.map((r) => ({ text: r.text, vector: vectorFromSql(r.embedding) })), profiles, centroid);
    const rank = scores.findIndex((s) => s.slug === themes[0]) + 1;
    ranks.push(rank);
    const kept = scores.filter((s) => s.score >= DEFAULT_SUGGEST_OPTIONS.minScore).slice(0, DEFAULT_SUGGEST_OPTIONS.topK);
    suggested += kept.length;
    hits += kept.filter((s) => themes.includes(s.slug)).length;
    relevant += themes.length;
    const top = scores.slice(0, 3).map((s) => `${s.slug} ${s.score.toFixed(2)}`).join(', ');
    process.stdout.write(`${externalId.padEnd(34)} ${String(themes[0]).padEnd(30)} rank ${String(rank).padStart(2)}   ${top}\n`);
  }
  const at = (k: number) => ranks.filter((r) => r > 0 && r <= k).length / ranks.length;
  process.stdout.write(
    `\nPrimary theme ranked first: ${(at(1) * 100).toFixed(0)} %, in the top 3: ${(at(3) * 100).toFixed(0)} %` +
      ` (${ranks.length} stories)\nSuggestions (top ${DEFAULT_SUGGEST_OPTIONS.topK}, score ≥ ${DEFAULT_SUGGEST_OPTIONS.minScore}):` +
      ` ${suggested}, of which ${hits} among the story's own themes (precision ${(hits / Math.max(1, suggested)).toFixed(2)},` +
      ` recall ${(hits / relevant).toFixed(2)})\n`,
  );
} finally {
  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
