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
/** Batches one job works off before it gives its slot back (and retries later). */
const MAX_ROUNDS = 20;

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
      const before = await stories.state(storyId);
      if (!before || before.status === 'withdrawn') return { status: 'skipped', reason: 'the story is gone or withdrawn' };
      // Synced by an earlier job's batch: leave the stories indexed since for a later job, so
      // each batch gathers a few seconds of work instead of a story or two.
      if (before.lexicalVersion >= indexedVersion) return { status: 'skipped', reason: 'already synced by an earlier batch' };
      // A backlog larger than one batch is worked off batch by batch (in story-id order) until
      // this job's story is among the synced.
      let after: typeof before | undefined = before;
      for (let round = 0; round < MAX_ROUNDS && after && after.status !== 'withdrawn' && after.lexicalVersion < indexedVersion; round++) {
        const synced = await deps.indexer.syncLexical();
        after = await stories.state(storyId);
        if (synced === 0) break;
      }
      // Still behind: another sync held the story. Try again (with backoff).
      if (after && after.status !== 'withdrawn' && after.lexicalVersion < indexedVersion) {
        throw new Error(`the lexical engine still holds version ${after.lexicalVersion} of this story`);
      }
      return { status: 'done' };
    },
  };
}
