import { z } from 'zod';
import { errorMessage } from '../../services/platform/errors.js';
import type { JobDefinition } from '../../services/queue/queue.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import type { JobDeps } from './job-deps.js';
import { SYNC_LEXICAL, syncLexicalJobId } from './sync-lexical.job.js';

/** Chunk, embed and index one story into every engine. Enqueued after each committed change. */
export const INDEX_STORY = 'index-story';
export const INDEX_STORY_ATTEMPTS = 5;

const payload = z.object({
  storyId: z.uuid(),
  /** The story's index_version when the job was enqueued; an older one is skipped. */
  indexVersion: z.number().int().min(1),
  /** Re-embed passages even if their text did not change (levd reindex). */
  reembed: z.enum(['none', 'changed-model', 'all']).default('none'),
});
export type IndexStoryPayload = z.input<typeof payload>;

/** Deterministic: the same change enqueued twice is one job; a reindex run gets its own ids. */
export function indexStoryJobId(storyId: string, indexVersion: number, reindexRun?: string): string {
  return `${INDEX_STORY}:${storyId}:v${indexVersion}${reindexRun ? `:reindex-${reindexRun}` : ''}`;
}

export function indexStoryJob(deps: JobDeps): JobDefinition<z.output<typeof payload>> {
  const stories = createStoryIndexRepository(deps.db);
  return {
    name: INDEX_STORY,
    payload,
    attempts: INDEX_STORY_ATTEMPTS,
    backoffMs: 2_000,
    async handle({ storyId, indexVersion, reembed }, ctx) {
      let outcome;
      try {
        outcome = await deps.indexer.index(storyId, { indexVersion, reembed });
      } catch (error) {
        // The dead letter: after the last try the reason stays on the story for editors to see.
        if (ctx.attempt >= INDEX_STORY_ATTEMPTS) await stories.recordFailure(storyId, errorMessage(error));
        throw error;
      }
      if (outcome.status === 'skipped') return outcome;
      // Committed, then enqueued: a crash in between leaves the story behind in PostgreSQL's
      // own records, and the reconcile sweep at the next worker start queues the sync.
      if (deps.indexer.syncsLexicalSeparately) {
        const { indexedVersion } = outcome;
        await deps.enqueue(SYNC_LEXICAL, { storyId, indexedVersion }, { jobId: syncLexicalJobId(storyId, indexedVersion) });
      }
      return { status: 'done' };
    },
  };
}
