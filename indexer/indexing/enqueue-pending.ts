import type { Db } from '../../db/db.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import { INDEX_STORY, indexStoryJobId } from '../jobs/index-story.job.js';
import type { JobDeps } from '../jobs/job-deps.js';
import { PURGE_STORY, purgeStoryJobId } from '../jobs/purge-story.job.js';
import { SYNC_LEXICAL, syncLexicalJobId } from '../jobs/sync-lexical.job.js';

/**
 * The reconcile sweep: changes are committed first and enqueued after, so a crash in between
 * would leave a story unindexed (or a withdrawn one in the lexical engine). Each worker start
 * re-enqueues whatever PostgreSQL says is behind; deterministic job ids make this a no-op
 * for work already queued.
 */
export async function enqueuePendingWork(
  db: Db,
  enqueue: JobDeps['enqueue'],
  options: { readonly syncsLexicalSeparately: boolean },
): Promise<{ index: number; sync: number; purge: number }> {
  const stories = createStoryIndexRepository(db);
  const toIndex = await stories.needingIndexing();
  for (const { id, indexVersion } of toIndex) {
    await enqueue(INDEX_STORY, { storyId: id, indexVersion }, { jobId: indexStoryJobId(id, indexVersion) });
  }
  const toSync = options.syncsLexicalSeparately ? await stories.needingLexicalSync() : [];
  for (const { id, indexedVersion } of toSync) {
    await enqueue(SYNC_LEXICAL, { storyId: id, indexedVersion }, { jobId: syncLexicalJobId(id, indexedVersion) });
  }
  const toPurge = await stories.withdrawnNeedingPurge();
  for (const { id, indexVersion } of toPurge) {
    await enqueue(PURGE_STORY, { storyId: id, indexVersion }, { jobId: purgeStoryJobId(id, indexVersion) });
  }
  return { index: toIndex.length, sync: toSync.length, purge: toPurge.length };
}
