import { INDEX_STORY, indexStoryJobId } from '../../indexer/jobs/index-story.job.js';
import { PURGE_STORY, purgeStoryJobId } from '../../indexer/jobs/purge-story.job.js';
import type { LexicalEngine } from '../lexical/lexical-engine.js';
import { errorMessage } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { JobQueue } from '../queue/queue.js';

/**
 * What follows a committed change to a story, in every engine. PostgreSQL is already right
 * when these run (the audience is a column generated from the receipt, and the vector and
 * full-text queries read it), so these bring the derived stores along:
 *
 * - any change: re-index (index-story → sync-lexical), which also carries a widened audience
 *   into Meilisearch a few seconds later;
 * - a narrowing (a scope taken away, unpublishing): the story's passages leave the lexical
 *   engine now, before the request answers, and come back with the new audience when the
 *   re-index has synced — so no engine serves an audience the consent no longer allows, even
 *   for those seconds;
 * - withdrawal of everything: queued jobs for the story go, the lexical engine drops its
 *   passages (waiting for the delete task), and purge-story vacuums and retries what failed.
 *
 * Cached results naming stories are forgotten in every case.
 */
export interface StoryChanges {
  changed(storyId: string, indexVersion: number, options: { readonly narrowed: boolean }): Promise<void>;
  withdrawn(storyId: string, indexVersion: number): Promise<void>;
}

export interface StoryChangesDeps {
  readonly queue: JobQueue;
  readonly lexical: LexicalEngine;
  /** Forgets cached search results (the search service's theme lists). */
  readonly forgetCachedResults: () => void;
  readonly log: Logger;
}

export function createStoryChanges(deps: StoryChangesDeps): StoryChanges {
  const { queue, lexical, log } = deps;
  return {
    async changed(storyId, indexVersion, { narrowed }) {
      deps.forgetCachedResults();
      if (narrowed) {
        // Should this fail, nothing leaks meanwhile: PostgreSQL already enforces the narrowing,
        // search re-checks every lexical hit there, and the re-index below rewrites the
        // engine's documents with the new audience.
        try {
          await lexical.removeStory(storyId);
        } catch (error) {
          log.error({ storyId, error: errorMessage(error) }, 'the lexical engine could not drop a narrowed story at once; the re-index will correct it');
        }
      }
      await queue.enqueue(INDEX_STORY, { storyId, indexVersion }, { jobId: indexStoryJobId(storyId, indexVersion) });
    },

    async withdrawn(storyId, indexVersion) {
      deps.forgetCachedResults();
      const removedJobs = await queue.removeJobsNaming(storyId);
      try {
        await lexical.removeStory(storyId);
      } catch (error) {
        log.error({ storyId, error: errorMessage(error) }, 'the lexical engine could not drop a withdrawn story at once; purge-story retries');
      }
      // Always: it vacuums, and retries the lexical engine until it has the story no more.
      await queue.enqueue(PURGE_STORY, { storyId, indexVersion }, { jobId: purgeStoryJobId(storyId, indexVersion) });
      log.info({ storyId, removedJobs }, 'story withdrawn; purge queued');
    },
  };
}
