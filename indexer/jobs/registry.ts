import type { JobDefinition } from '../../services/queue/queue.js';
import { indexStoryJob } from './index-story.job.js';
import type { JobDeps } from './job-deps.js';
import { purgeStoryJob } from './purge-story.job.js';
import { reindexJob } from './reindex.job.js';
import { syncLexicalJob } from './sync-lexical.job.js';

/**
 * Every job Levd runs, listed explicitly (no directory scanning). The pipeline reads top to
 * bottom: a committed change → index-story (chunk → embed → suggest themes → PostgreSQL;
 * indexer/indexing/story-indexer.ts) → sync-lexical (Meilisearch, in batches); withdrawal →
 * purge-story; `levd reindex` → reindex, which fans out index-story jobs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
export function createJobs(deps: JobDeps): JobDefinition<any>[] {
  return [indexStoryJob(deps), syncLexicalJob(deps), purgeStoryJob(deps), reindexJob(deps)];
}
