import { z } from 'zod';
import type { JobDefinition } from '../../services/queue/queue.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import { INDEX_STORY, indexStoryJobId } from './index-story.job.js';
import type { JobDeps } from './job-deps.js';

/**
 * `levd reindex`: fans out one index-story job per story that needs it — every live story
 * (`all`), or those with passages made by another model (`changed-model`).
 */
export const REINDEX = 'reindex';

const payload = z.object({
  mode: z.enum(['all', 'changed-model']),
  /** Names this run, so its index-story jobs are new ids and can be counted for progress. */
  runId: z.string().regex(/^[a-z0-9-]{1,64}$/),
});
export type ReindexPayload = z.input<typeof payload>;

export function reindexJobId(runId: string): string {
  return `${REINDEX}:${runId}`;
}

export function reindexJob(deps: JobDeps): JobDefinition<z.output<typeof payload>> {
  const stories = createStoryIndexRepository(deps.db);
  return {
    name: REINDEX,
    payload,
    attempts: 3,
    async handle({ mode, runId }, ctx) {
      const targets = await stories.bumpForReindex(await stories.forReindex(mode, deps.embedder.profile.id));
      for (const { id, indexVersion } of targets) {
        await deps.enqueue(INDEX_STORY, { storyId: id, indexVersion, reembed: mode }, { jobId: indexStoryJobId(id, indexVersion, runId) });
      }
      ctx.log.info({ mode, runId, stories: targets.length }, 'reindex fanned out');
      return { status: 'done' };
    },
  };
}
