import { z } from 'zod';
import type { JobDefinition } from '../../services/queue/queue.js';
import { createJobRunRepository } from '../../services/repositories/job-run.repository.js';
import type { JobDeps } from './job-deps.js';

/**
 * Finishes a withdrawal: removes the story's passages from the lexical engine (again — the
 * withdrawal request tries at once, this is the retrying safety net), vacuums the tables that
 * held its content, and removes every other job that still names it (one that was running
 * when the story was withdrawn has finished by now). PostgreSQL erased the rows on withdrawal.
 */
export const PURGE_STORY = 'purge-story';

const payload = z.object({ storyId: z.uuid(), indexVersion: z.number().int().min(1) });
export type PurgeStoryPayload = z.input<typeof payload>;

export function purgeStoryJobId(storyId: string, indexVersion: number): string {
  return `${PURGE_STORY}:${storyId}:v${indexVersion}`;
}

export function purgeStoryJob(deps: JobDeps): JobDefinition<z.output<typeof payload>> {
  return {
    name: PURGE_STORY,
    payload,
    attempts: 10,
    backoffMs: 2_000,
    async handle({ storyId }) {
      const outcome = await deps.indexer.purge(storyId);
      if (outcome.status === 'done') {
        await deps.removeJobsNaming(storyId);
        await createJobRunRepository(deps.db).forgetSubject(deps.db, storyId, { except: PURGE_STORY });
      }
      return outcome;
    },
  };
}
