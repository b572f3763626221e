import type { Db, Queryable } from '../../db/db.js';
import type { Logger } from '../platform/logger.js';
import { createAuditRepository } from '../repositories/audit.repository.js';
import { createConsentRepository } from '../repositories/consent.repository.js';
import { createJobRunRepository } from '../repositories/job-run.repository.js';
import { createStoryRepository } from '../repositories/story.repository.js';
import type { StoryChanges } from './story-changes.js';

/**
 * Withdrawal of everything, whoever asks (the contributor with their code, an admin on their
 * behalf, an import that says so). In one transaction PostgreSQL loses the text, revisions,
 * chunks with their embeddings, themes, pseudonym map, collection items and job records; the
 * receipt keeps the story id, the time and the scopes withdrawn; the audit log records the
 * withdrawal (no content). Then the derived stores follow (StoryChanges.withdrawn): queued
 * jobs, the lexical engine (waiting for its delete task), cached results, and a vacuum.
 * Withdrawing a withdrawn story does nothing and says so.
 */
export async function withdrawEverything(
  deps: { readonly db: Db; readonly changes: StoryChanges; readonly log: Logger },
  storyId: string,
  actor: string,
): Promise<{ readonly alreadyWithdrawn: boolean }> {
  const outcome = await deps.db.transaction(async (tx) => {
    const stories = createStoryRepository(tx);
    const head = await stories.lockHead(tx, storyId);
    if (!head) return undefined;
    if (head.status === 'withdrawn') return { alreadyWithdrawn: true, indexVersion: head.indexVersion };
    await eraseWithdrawnStory(tx, storyId, { actor, via: 'contribution' });
    return { alreadyWithdrawn: false, indexVersion: head.indexVersion + 1 };
  });
  if (!outcome) return { alreadyWithdrawn: false };
  // Also on a repeat: if the first attempt crashed after its commit, this finishes its work.
  await deps.changes.withdrawn(storyId, outcome.indexVersion);
  return { alreadyWithdrawn: outcome.alreadyWithdrawn };
}

/**
 * The transaction's part of a withdrawal of everything, for every path that withdraws (the
 * contributor here, an import that says so): content erased, receipt reduced to the fact of
 * the withdrawal, job records forgotten, one audit row. The caller holds the story's lock
 * and tells the derived stores after the commit.
 */
export async function eraseWithdrawnStory(
  tx: Queryable,
  storyId: string,
  withdrawal: { readonly actor: string; readonly via: 'contribution' | 'import'; readonly withdrawnAt?: string },
): Promise<void> {
  await createStoryRepository(tx).eraseContent(tx, storyId);
  await createConsentRepository(tx).markWithdrawn(tx, storyId, withdrawal.withdrawnAt);
  await createJobRunRepository(tx).forgetSubject(tx, storyId);
  await createAuditRepository(tx).record(
    { actor: withdrawal.actor, action: 'consent.withdrawn', subjectType: 'story', subjectId: storyId, details: { scope: 'all', via: withdrawal.via } },
    tx,
  );
}
