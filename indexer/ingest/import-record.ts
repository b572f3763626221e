import type { Db } from '../../db/db.js';
import { eraseWithdrawnStory } from '../../services/consent/withdrawal.js';
import { createAuditRepository } from '../../services/repositories/audit.repository.js';
import { createConsentRepository } from '../../services/repositories/consent.repository.js';
import { createStoryRepository } from '../../services/repositories/story.repository.js';
import { desiredStory, planImport, type ImportableRecord } from './import-plan.js';

/** What importing one record did; the jobs to enqueue follow from it (after the commit). */
export type RecordOutcome =
  | { readonly outcome: 'created' | 'updated'; readonly storyId: string; readonly indexVersion: number }
  | { readonly outcome: 'withdrawn'; readonly storyId: string; readonly indexVersion: number }
  | { readonly outcome: 'unchanged'; readonly storyId: string }
  | { readonly outcome: 'refused'; readonly reason: string };

export interface ImportRecordOptions {
  readonly publish: boolean;
  readonly knownThemes: ReadonlySet<string>;
  /** Who imports, for the audit trail (e.g. "cli:import"). */
  readonly actor: string;
}

/**
 * Writes one record in one transaction — story, revision, consent receipt, confirmed themes
 * and the audit row commit together or not at all, so a crash never leaves half a story.
 */
export async function importRecord(db: Db, record: ImportableRecord, options: ImportRecordOptions): Promise<RecordOutcome> {
  const desired = desiredStory(record);
  return db.transaction(async (tx) => {
    const stories = createStoryRepository(tx);
    const consents = createConsentRepository(tx);
    const audit = createAuditRepository(tx);
    const head = await stories.findByExternalIdForUpdate(tx, desired.externalId);
    const stored = head ? { head, consent: await consents.current(head.id, tx) } : undefined;
    const plan = planImport(stored, desired, options);
    const note = (action: string, storyId: string, details: Record<string, string | number | boolean> = {}) =>
      audit.record({ actor: options.actor, action, subjectType: 'story', subjectId: storyId, details }, tx);

    switch (plan.action) {
      case 'refuse':
        return { outcome: 'refused', reason: plan.reason };
      case 'unchanged':
        return { outcome: 'unchanged', storyId: head!.id };
      case 'create-withdrawn': {
        const id = await stories.insertTombstone(tx, {
          externalId: desired.externalId,
          kind: desired.content.kind,
          language: desired.content.language,
          displayMode: desired.displayMode,
        });
        await consents.record(tx, id, desired.consent);
        await consents.markWithdrawn(tx, id, desired.withdrawnAt);
        await note('story.imported_withdrawn', id);
        // Nothing was ever indexed: the engines already match.
        return { outcome: 'unchanged', storyId: id };
      }
      case 'withdraw': {
        const id = head!.id;
        await eraseWithdrawnStory(tx, id, { actor: options.actor, via: 'import', ...(desired.withdrawnAt !== undefined ? { withdrawnAt: desired.withdrawnAt } : {}) });
        return { outcome: 'withdrawn', storyId: id, indexVersion: head!.indexVersion + 1 };
      }
      case 'create': {
        const id = await stories.insert(tx, {
          ...desired.content,
          externalId: desired.externalId,
          status: options.publish ? 'published' : 'submitted',
          contentSha256: desired.contentSha256,
          displayMode: desired.displayMode,
          displayName: desired.displayName,
          contentWarnings: desired.contentWarnings,
          isFictional: desired.isFictional,
        });
        await consents.record(tx, id, desired.consent);
        await stories.replaceConfirmedThemes(tx, id, desired.themes);
        await note('story.imported', id, { revision: 1, published: options.publish });
        return { outcome: 'created', storyId: id, indexVersion: 1 };
      }
      case 'update': {
        const id = head!.id;
        let revision = head!.revision;
        if (plan.content) revision = await stories.reviseContent(tx, id, { ...desired.content, contentSha256: desired.contentSha256 });
        if (plan.details) await stories.updateDetails(tx, id, desired);
        if (plan.themes) await stories.replaceConfirmedThemes(tx, id, desired.themes);
        if (plan.consent) await consents.record(tx, id, desired.consent);
        if (plan.publish) await stories.setStatus(tx, id, 'published');
        const indexVersion = await stories.bumpIndexVersion(tx, id);
        await note('story.updated', id, {
          revision,
          content: plan.content,
          details: plan.details,
          themes: plan.themes,
          consent: plan.consent,
          published: plan.publish,
        });
        return { outcome: 'updated', storyId: id, indexVersion };
      }
    }
  });
}
