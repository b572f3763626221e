import type { Db } from '../../db/db.js';
import type { Logger } from '../../services/platform/logger.js';
import { errorMessage } from '../../services/platform/errors.js';
import { createProgress } from '../../services/platform/progress.js';
import type { JobQueue } from '../../services/queue/queue.js';
import { createChunkRepository } from '../../services/repositories/chunk.repository.js';
import { createJobProgressRepository } from '../../services/repositories/job-run.repository.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import { createThemeRepository } from '../../services/repositories/theme.repository.js';
import { INDEX_STORY, indexStoryJobId } from '../jobs/index-story.job.js';
import { PURGE_STORY, purgeStoryJobId } from '../jobs/purge-story.job.js';
import { syncLexicalJobId } from '../jobs/sync-lexical.job.js';
import { importRecord } from './import-record.js';
import { readSources, type ImportFormat, type SourceLocation } from './sources.js';
import { validateRecord } from './validate-record.js';

/**
 * `levd import`: read → validate → write each story in its own transaction → enqueue its
 * indexing (commit, then enqueue) → optionally wait for the jobs, with progress. A refused
 * story is named with its file and line; the rest still imports.
 */
export interface ImportOptions {
  readonly paths: readonly string[];
  readonly format?: ImportFormat;
  readonly publish: boolean;
  /** Wait for the indexing jobs (always so with the in-process queue). */
  readonly wait: boolean;
  readonly maxStoryChars: number;
  readonly actor: string;
  readonly progressStream?: NodeJS.WriteStream;
}

export interface ImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly withdrawn: number;
  readonly refused: readonly { readonly at: SourceLocation; readonly externalId?: string; readonly reason: string }[];
  /** Stories saved whose job could not be queued (the next worker start queues them). */
  readonly notQueued: number;
  readonly jobs: { readonly enqueued: number; readonly waited: boolean; readonly failed: readonly { jobId: string; reason: string }[] };
  readonly passages?: number;
  readonly seconds: number;
}

export interface ImportDeps {
  readonly db: Db;
  readonly queue: JobQueue;
  readonly log: Logger;
}

export async function importStories(deps: ImportDeps, options: ImportOptions): Promise<ImportSummary> {
  const startedAt = Date.now();
  const { db, queue, log } = deps;
  const knownThemes = new Set((await createThemeRepository(db).list()).map((theme) => theme.slug));
  const items = [];
  for await (const item of readSources(options.paths, options.format ? { format: options.format } : {})) items.push(item);

  const counts = { created: 0, updated: 0, unchanged: 0, withdrawn: 0, notQueued: 0 };
  const refused: { at: SourceLocation; externalId?: string; reason: string }[] = [];
  const jobIds: string[] = [];
  const indexedStories: string[] = [];
  const progress = createProgress({ label: 'importing stories', total: items.length, log, ...streamOption(options) });
  let seen = 0;
  let queueDown = false;
  for (const item of items) {
    progress.update(seen++);
    if (item.kind === 'error') {
      refused.push({ at: item.at, reason: item.message });
      continue;
    }
    const externalId = typeof item.record.externalId === 'string' ? item.record.externalId : undefined;
    const valid = validateRecord(item.record, { maxChars: options.maxStoryChars });
    if (!valid.ok) {
      refused.push({ at: item.at, ...(externalId ? { externalId } : {}), reason: valid.reason });
      continue;
    }
    const result = await importRecord(db, valid.record, { publish: options.publish, knownThemes, actor: options.actor });
    if (result.outcome === 'refused') {
      refused.push({ at: item.at, ...(externalId ? { externalId } : {}), reason: result.reason });
      continue;
    }
    counts[result.outcome]++;
    if (result.outcome === 'unchanged') continue;
    const [name, jobId] =
      result.outcome === 'withdrawn'
        ? [PURGE_STORY, purgeStoryJobId(result.storyId, result.indexVersion)]
        : [INDEX_STORY, indexStoryJobId(result.storyId, result.indexVersion)];
    if (result.outcome !== 'withdrawn') indexedStories.push(result.storyId);
    if (queueDown) {
      counts.notQueued++;
      continue;
    }
    try {
      await queue.enqueue(name, { storyId: result.storyId, indexVersion: result.indexVersion }, { jobId });
      jobIds.push(jobId);
    } catch (error) {
      // Saved but not queued: PostgreSQL knows the story is behind, and the reconcile sweep
      // at the next worker start queues it. Say so rather than fail the import, and stop
      // trying (each try would wait for the queue's connection time-out again).
      counts.notQueued++;
      queueDown = true;
      log.warn({ jobId, error: errorMessage(error) }, 'could not queue indexing; the stories are saved and the next worker start queues them');
    }
  }
  progress.update(seen);
  progress.finish();

  const waited = !queueDown && (options.wait || queue.kind === 'in-process');
  const failed = waited && jobIds.length > 0 ? await waitForJobs(deps, jobIds, options) : [];
  if (waited && indexedStories.length > 0) failed.push(...(await waitForLexicalSync(deps, indexedStories, options)));
  return {
    ...counts,
    refused,
    jobs: { enqueued: jobIds.length, waited, failed },
    ...(waited ? { passages: await createChunkRepository(db).countForStories(indexedStories) } : {}),
    seconds: (Date.now() - startedAt) / 1000,
  };
}

/** Polls the job-run trail until every job of this import has finished, showing progress. */
async function waitForJobs(deps: ImportDeps, jobIds: readonly string[], options: ImportOptions) {
  const runs = createJobProgressRepository(deps.db);
  const progress = createProgress({ label: 'indexing', total: jobIds.length, log: deps.log, ...streamOption(options) });
  for (;;) {
    const { done, skipped, failed } = await runs.finished(jobIds);
    const finished = done + skipped + failed;
    progress.update(finished);
    if (finished >= jobIds.length) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  progress.finish();
  return runs.failures(jobIds);
}

/**
 * With Meilisearch, passages reach it in batches after PostgreSQL (sync-lexical): wait until
 * every imported story has arrived there too, or its sync has failed for good.
 */
async function waitForLexicalSync(deps: ImportDeps, storyIds: readonly string[], options: ImportOptions) {
  const stories = createStoryIndexRepository(deps.db);
  const runs = createJobProgressRepository(deps.db);
  let behind = await stories.lexicalBacklogAmong(storyIds);
  if (behind.length === 0) return [];
  const total = behind.length;
  const progress = createProgress({ label: 'syncing the lexical engine', total, log: deps.log, ...streamOption(options) });
  try {
    while (behind.length > 0) {
      progress.update(total - behind.length);
      const failures = await runs.failures(behind.map((b) => syncLexicalJobId(b.id, b.indexedVersion)));
      if (failures.length === behind.length) return failures;
      await new Promise((resolve) => setTimeout(resolve, 250));
      behind = await stories.lexicalBacklogAmong(storyIds);
    }
    progress.update(total);
    return [];
  } finally {
    progress.finish();
  }
}

function streamOption(options: ImportOptions): { stream?: NodeJS.WriteStream } {
  return options.progressStream ? { stream: options.progressStream } : {};
}

/** The summary as people read it at the end of `levd import`. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines = [
    `Imported in ${summary.seconds.toFixed(1)} s: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
      `${summary.withdrawn} withdrawn, ${summary.refused.length} refused.`,
  ];
  if (summary.jobs.waited) {
    lines.push(
      `Indexed ${summary.jobs.enqueued - summary.jobs.failed.length} of ${summary.jobs.enqueued} job(s)` +
        (summary.passages !== undefined ? `; the imported stories hold ${summary.passages} passages.` : '.'),
    );
  } else if (summary.jobs.enqueued > 0) {
    lines.push(`Queued ${summary.jobs.enqueued} indexing job(s) for the workers (levd worker); --wait waits for them.`);
  }
  if (summary.notQueued > 0) {
    lines.push(`${summary.notQueued} saved stor${summary.notQueued === 1 ? 'y was' : 'ies were'} not queued (queue unreachable); the next worker start queues them.`);
  }
  for (const r of summary.refused) {
    const where = r.at.line !== undefined ? `${r.at.file}:${r.at.line}` : r.at.file;
    lines.push(`  refused ${where}${r.externalId ? ` (${r.externalId})` : ''}: ${r.reason}`);
  }
  for (const f of summary.jobs.failed) lines.push(`  failed ${f.jobId}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}
