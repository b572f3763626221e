import type { Db } from '../../db/db.js';
import { contentHash } from '../../indexer/ingest/import-plan.js';
import type { Segment } from '../../indexer/ingest/story-record.js';
import type { StoryChanges } from '../consent/story-changes.js';
import { RefusedError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { createAuditRepository } from '../repositories/audit.repository.js';
import { createConsentRepository, type CurrentReceipt } from '../repositories/consent.repository.js';
import { createReviewRepository, type QueueEntry, type ReviewedStory } from '../repositories/review.repository.js';
import { createStoryRepository, type StoryStatus } from '../repositories/story.repository.js';
import { createThemeRepository } from '../repositories/theme.repository.js';
import { detectPersonalData, type PiiMark } from './pii/pii.js';
import { applyRedactions, RedactionError, type PseudonymEntry, type RedactionDecision, type RedactionLanguage } from './redaction.js';
import { reviewStep, type ReviewAction } from './review-flow.js';

/**
 * The editors' side: the queue, a story under review with the personal data the system marks
 * in it, de-identification (labels or pseudonyms kept consistent through a per-story map),
 * direct edits, theme and warning confirmation, and the review steps. Every change is one
 * transaction with its audit row (who and when — never text), then every engine is told.
 */

/** Where in a story a piece of text sits: its title, its body (written) or one interview segment. */
export type StoryPart = 'title' | 'body' | number;

export interface ReviewView {
  readonly story: ReviewedStory;
  /** Likely personal data in the current revision, per part. */
  readonly personalData: readonly { readonly part: StoryPart; readonly marks: readonly PiiMark[] }[];
  /** Editors only: originals and their replacements. */
  readonly pseudonyms: readonly PseudonymEntry[];
  readonly revisions: readonly { readonly revision: number; readonly createdAt: string }[];
  readonly consent: CurrentReceipt | null;
}

export interface ModerationDeps {
  readonly db: Db;
  readonly changes: StoryChanges;
  readonly log: Logger;
}

const WAITING: readonly StoryStatus[] = ['submitted', 'in_review', 'awaiting_approval'];

type EditorAction = Exclude<ReviewAction, 'approve' | 'decline_edits'>;
const AUDIT_ACTIONS: Readonly<Record<EditorAction, string>> = {
  claim: 'story.claimed',
  send_for_approval: 'story.sent_for_approval',
  publish: 'story.published',
  reject: 'story.rejected',
  unpublish: 'story.unpublished',
};

export function createModerationService(deps: ModerationDeps) {
  const { db, changes } = deps;
  const reviews = createReviewRepository(db);

  async function review(storyId: string): Promise<ReviewView> {
    const story = await reviews.get(storyId);
    if (!story) throw new RefusedError('not_found', 'No story with this id.');
    const [pseudonyms, revisions, consent] = await Promise.all([
      reviews.pseudonyms(storyId),
      reviews.revisions(storyId),
      createConsentRepository(db).current(storyId),
    ]);
    return {
      story,
      personalData: partsOf(story).map(({ part, text }) => ({ part, marks: detectPersonalData(text) })),
      pseudonyms,
      revisions: revisions.map((r) => ({ revision: r.revision, createdAt: r.createdAt.toISOString() })),
      consent: consent ?? null,
    };
  }

  /** A content change by an editor: a new revision (kept beside the earlier ones), still in review. */
  async function revise(
    storyId: string,
    actor: string,
    expectedRevision: number,
    edit: (story: ReviewedStory, pseudonyms: readonly PseudonymEntry[]) => { title: string; body: string | null; segments: readonly Segment[] | null; pseudonyms?: readonly PseudonymEntry[]; details: Record<string, number | string> },
    action: string,
  ): Promise<ReviewView> {
    const indexVersion = await db.transaction(async (tx) => {
      const repo = createReviewRepository(tx);
      const story = await repo.lock(tx, storyId);
      if (!story) throw new RefusedError('not_found', 'No story with this id.');
      if (story.status !== 'in_review') throw new RefusedError('conflict', `Only a story in review can be edited; this one is ${story.status.replaceAll('_', ' ')}. Claim it first.`);
      if (story.revision !== expectedRevision) {
        throw new RefusedError('conflict', `revision: the story is at revision ${story.revision}, not ${expectedRevision}; someone else edited it — reload`);
      }
      const changed = edit(story, await repo.pseudonyms(storyId, tx));
      const content = { title: changed.title, language: story.language, kind: story.kind, body: changed.body, segments: changed.segments };
      const stories = createStoryRepository(tx);
      const revision = await stories.reviseContent(tx, storyId, { ...content, contentSha256: contentHash(content) });
      if (changed.pseudonyms) await repo.savePseudonyms(tx, storyId, changed.pseudonyms);
      const version = await stories.bumpIndexVersion(tx, storyId);
      await createAuditRepository(tx).record({ actor, action, subjectType: 'story', subjectId: storyId, details: { revision, ...changed.details } }, tx);
      return version;
    });
    await changes.changed(storyId, indexVersion, { narrowed: false });
    return review(storyId);
  }

  return {
    queue(statuses: readonly StoryStatus[] = WAITING, limit = 200): Promise<QueueEntry[]> {
      return reviews.queue(statuses, limit);
    },

    review,

    /** A review step (claim, send for approval, publish, reject with a reason, unpublish). */
    async act(storyId: string, action: EditorAction, actor: string, reason?: string): Promise<ReviewView> {
      if (action === 'reject' && !reason?.trim()) throw new RefusedError('invalid', 'reason: say why the story is rejected; its contributor will read it');
      const indexVersion = await db.transaction(async (tx) => {
        const story = await createReviewRepository(tx).lock(tx, storyId);
        if (!story) throw new RefusedError('not_found', 'No story with this id.');
        const step = reviewStep(story, action);
        if (!step.ok) throw new RefusedError('conflict', step.reason);
        const version = await createReviewRepository(tx).setStatus(tx, storyId, {
          status: step.status,
          rejectionReason: action === 'reject' ? reason!.trim() : null,
        });
        // The reason goes to the contributor (stories.rejection_reason); the audit row only says a reason was given.
        await createAuditRepository(tx).record(
          { actor, action: AUDIT_ACTIONS[action], subjectType: 'story', subjectId: storyId, details: { revision: story.revision, from: story.status, to: step.status } },
          tx,
        );
        return { version, wasPublished: story.status === 'published' };
      });
      await changes.changed(storyId, indexVersion.version, { narrowed: indexVersion.wasPublished });
      return review(storyId);
    },

    /** Applies de-identification decisions to parts of the current revision. */
    deidentify(
      storyId: string,
      actor: string,
      request: { revision: number; parts: readonly { part: StoryPart; decisions: readonly RedactionDecision[] }[] },
    ): Promise<ReviewView> {
      return revise(
        storyId,
        actor,
        request.revision,
        (story, known) => {
          const texts = new Map(partsOf(story).map(({ part, text }) => [String(part), text]));
          let pseudonyms: readonly PseudonymEntry[] = known;
          let replaced = 0;
          const results = new Map<string, string>();
          for (const { part, decisions } of request.parts) {
            const text = texts.get(String(part));
            if (text === undefined) throw new RefusedError('invalid', `parts: the story has no part ${JSON.stringify(part)}`);
            try {
              const result = applyRedactions(text, decisions, pseudonyms, { language: redactionLanguage(story.language) });
              pseudonyms = result.pseudonyms;
              replaced += result.applied.filter((a) => a.kind !== 'keep').length;
              results.set(String(part), result.text);
            } catch (error) {
              if (error instanceof RedactionError) throw new RefusedError('invalid', `parts[${JSON.stringify(part)}]: ${error.message}`);
              throw error;
            }
          }
          const textOf = (part: StoryPart, original: string) => results.get(String(part)) ?? original;
          return {
            title: textOf('title', story.title ?? ''),
            body: story.body === null ? null : textOf('body', story.body),
            // A speaker named in the pseudonym map gets the same pseudonym as in the text.
            segments: story.segments === null ? null : story.segments.map((s, i) => ({ ...s, text: textOf(i, s.text), ...speakerAfter(s.speaker, pseudonyms) })),
            pseudonyms,
            details: { replaced },
          };
        },
        'story.deidentified',
      );
    },

    /** The editor's own corrections: a whole new title and text (or segment texts). */
    edit(storyId: string, actor: string, request: { revision: number; title: string; text?: string; segments?: readonly string[] }): Promise<ReviewView> {
      return revise(
        storyId,
        actor,
        request.revision,
        (story) => {
          if (story.kind === 'written') {
            if (request.text === undefined) throw new RefusedError('invalid', 'text: a written story needs its text');
            return { title: request.title, body: request.text, segments: null, details: {} };
          }
          if (request.segments === undefined || request.segments.length !== story.segments!.length) {
            throw new RefusedError('invalid', `segments: send the text of each of the interview's ${story.segments!.length} segments, in order`);
          }
          return { title: request.title, body: null, segments: story.segments!.map((s, i) => ({ ...s, text: request.segments![i]! })), details: {} };
        },
        'story.edited',
      );
    },

    /** Confirms the story's themes (replacing the confirmed set) and content warnings. */
    async classify(storyId: string, actor: string, request: { themes: readonly string[]; contentWarnings: readonly string[] }): Promise<ReviewView> {
      const known = new Set((await createThemeRepository(db).list()).map((t) => t.slug));
      const unknown = request.themes.filter((slug) => !known.has(slug));
      if (unknown.length > 0) throw new RefusedError('invalid', `themes: unknown theme ${unknown.map((s) => `"${s}"`).join(', ')}`);
      const indexVersion = await db.transaction(async (tx) => {
        const story = await createReviewRepository(tx).lock(tx, storyId);
        if (!story || story.status === 'withdrawn') throw new RefusedError('not_found', 'No story with this id.');
        const stories = createStoryRepository(tx);
        await stories.replaceConfirmedThemes(tx, storyId, [...new Set(request.themes)]);
        await stories.updateDetails(tx, storyId, {
          displayMode: story.displayMode,
          displayName: story.displayName,
          contentWarnings: [...new Set(request.contentWarnings)],
          isFictional: false,
        });
        const version = await stories.bumpIndexVersion(tx, storyId);
        await createAuditRepository(tx).record(
          { actor, action: 'story.classified', subjectType: 'story', subjectId: storyId, details: { themes: request.themes.length, contentWarnings: request.contentWarnings.length } },
          tx,
        );
        return version;
      });
      await changes.changed(storyId, indexVersion, { narrowed: false });
      return review(storyId);
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;

function partsOf(story: ReviewedStory): { part: StoryPart; text: string }[] {
  const parts: { part: StoryPart; text: string }[] = [];
  if (story.title) parts.push({ part: 'title', text: story.title });
  if (story.body !== null) parts.push({ part: 'body', text: story.body });
  story.segments?.forEach((segment, i) => parts.push({ part: i, text: segment.text }));
  return parts;
}

/**
 * The speaker label with the story's pseudonym for it, when the map knows the name (as a
 * whole, a part of a full name, or a genitive — redaction.ts decides, as it does in the text).
 * A label the map does not know («Intervjuer», «R») stays as it is.
 */
function speakerAfter(speaker: string | undefined, pseudonyms: readonly PseudonymEntry[]): { speaker?: string } {
  if (speaker === undefined) return {};
  const label = speaker.trim();
  if (label === '') return { speaker };
  const result = applyRedactions(label, [{ start: 0, end: label.length, category: 'person', replacement: { kind: 'pseudonym' } }], pseudonyms);
  // A new map entry means the name was unknown: the editor has not pseudonymised this person.
  return { speaker: result.pseudonyms.length > pseudonyms.length ? speaker : result.text };
}

function redactionLanguage(language: string): RedactionLanguage {
  return language === 'nn' ? 'nn' : language === 'en' ? 'en' : 'nb';
}
