import { z } from 'zod';
import type { JobDefinition } from '../../services/queue/queue.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import type { JobDeps } from './job-deps.js';

/**
 * Brings Meilisearch up to date with PostgreSQL after index-story. Each indexed story gets
 * its own job (so none is ever forgotten), but a run syncs every story that is behind in one
 * batch, and the job waits a moment before its first try so a batch can build up: during an
 * import, the jobs queued behind it find their story already synced and finish at once.
 */
export const SYNC_LEXICAL = 'sync-lexical';
export const SYNC_LEXICAL_DELAY_MS = 3_000;

const payload = z.object({ storyId: z.uuid(), indexedVersion: z.number().int().min(1) });
export type SyncLexicalPayload = z.input<typeof payload>;

export function syncLexicalJobId(storyId: string, indexedVersion: number): string {
  return `${SYNC_LEXICAL}:${storyId}:v${indexedVersion}`;
}

export function syncLexicalJob(deps: JobDeps): JobDefinition<z.output<typeof payload>> {
  const stories = createStoryIndexRepository(deps.db);
  return {
    name: SYNC_LEXICAL,
    payload,
    attempts: 8,
    backoffMs: 2_000,
    delayMs: SYNC_LEXICAL_DELAY_MS,
    async handle({ storyId, indexedVersion }) {
      const before = await stories.load(storyId);
      if (!before || before.status === 'withdrawn') return { status: 'skipped', reason: 'the story is gone or withdrawn' };
      // Synced by an earlier job's batch: leave the stories indexed since for a later job, so
      // each batch gathers a few seconds of work instead of a story or two.
      if (before.lexicalVersion >= indexedVersion) return { status: 'skipped', reason: 'already synced by an earlier batch' };
      await deps.indexer.syncLexical();
      const after = await stories.load(storyId);
      // Still behind: the batch was full, or another sync held the story. Try again (with backoff).
      if (after && after.status !== 'withdrawn' && after.lexicalVersion < indexedVersion) {
        throw new Error(`the lexical engine still holds version ${after.lexicalVersion} of this story`);
      }
      return { status: 'done' };
    },
  };
}
