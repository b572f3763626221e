import { z } from 'zod';
import type { JobDefinition } from '../../services/queue/queue.js';
import type { JobDeps } from './job-deps.js';

/** Removes a withdrawn story's passages from the lexical engine (PostgreSQL erased them on withdrawal). */
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
    handle: ({ storyId }) => deps.indexer.purge(storyId),
  };
}
