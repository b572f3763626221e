import type { Db } from '../../db/db.js';
import { contentHash } from '../../indexer/ingest/import-plan.js';
import type { Segment } from '../../indexer/ingest/story-record.js';
import { audiencesOf, type Audience, type ConsentScope } from '../consent/audience.js';
import { checkConsentShown } from '../consent/consent-texts.js';
import type { StoryChanges } from '../consent/story-changes.js';
import { withdrawEverything } from '../consent/withdrawal.js';
import { reviewStep } from '../moderation/review-flow.js';
import { RefusedError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { createAuditRepository } from '../repositories/audit.repository.js';
import { createConsentRepository, type CurrentReceipt } from '../repositories/consent.repository.js';
import { createReviewRepository, type ReviewedStory } from '../repositories/review.repository.js';
import { createStoryRepository, type DisplayMode } from '../repositories/story.repository.js';
import { createThemeRepository } from '../repositories/theme.repository.js';
import type { ReceiptCode } from './receipt-code.js';
import type { ConsentGiven, DisplayChoiceInput, Submission } from './submission.schema.js';

/**
 * What a contributor can do with their receipt code and no account: submit, follow the
 * story's status, see the version that will be published, change what it may be used for,
 * approve an edited version, withdraw. Each change commits in one transaction with its
 * audit row (who: "contributor", never any text), then every engine is told (StoryChanges).
 */

/** The story itself: typed text, or an uploaded transcript already parsed. */
export type SubmittedContent = { readonly kind: 'written'; readonly body: string } | { readonly kind: 'interview'; readonly segments: readonly Segment[] };

export interface ReceiptCodes {
  generate(): ReceiptCode;
  /** The slow, deterministic hash stored and looked up (consent_receipts.receipt_code_hash). */
  hash(code: ReceiptCode): Promise<string>;
}

export interface ContributionDeps {
  readonly db: Db;
  readonly receiptCodes: ReceiptCodes;
  readonly changes: StoryChanges;
  readonly limits: { readonly maxChars: number };
  readonly log: Logger;
}

export interface ContributorView {
  readonly storyId: string;
  readonly status: ReviewedStory['status'];
  /** True when an editor has sent an edited version for the contributor to approve. */
  readonly awaitingYourApproval: boolean;
  /** The version that will be published (the current revision), exactly as it would appear. */
  readonly version: {
    readonly revision: number;
    readonly title: string;
    readonly language: string;
    readonly kind: 'written' | 'interview';
    readonly text: string | null;
    readonly segments: readonly Segment[] | null;
  };
  readonly approvedRevision: number | null;
  readonly consent: {
    readonly scopes: Readonly<Record<ConsentScope, boolean>>;
    readonly withdrawnScopes: readonly ConsentScope[];
    /** Who can read the story once published. */
    readonly audience: readonly Audience[];
    readonly display: { readonly mode: DisplayMode; readonly name: string | null };
    readonly consentTextVersion: string;
    readonly givenAt: string;
  };
  readonly themes: readonly string[];
  readonly contentWarnings: readonly string[];
  readonly rejectionReason: string | null;
  readonly submittedAt: string;
  readonly publishedAt: string | null;
}

const CONTRIBUTOR = 'contributor';

export interface ConsentChange {
  readonly scopes: Readonly<Record<ConsentScope, boolean>>;
  readonly display?: DisplayChoiceInput;
  readonly consentText?: Pick<ConsentGiven, 'version' | 'language' | 'sha256'>;
}

export function createContributionService(deps: ContributionDeps) {
  const { db, changes } = deps;
  const reviews = createReviewRepository(db);
  const consents = createConsentRepository(db);

  async function requireStory(storyId: string): Promise<{ story: ReviewedStory; receipt: CurrentReceipt }> {
    const [story, receipt] = await Promise.all([reviews.get(storyId), consents.current(storyId)]);
    // A receipt code only ever resolves to a story whose consent stands; this guards races with a withdrawal.
    if (!story || !receipt || story.status === 'withdrawn') throw new RefusedError('not_found', 'This story has been withdrawn and deleted.');
    return { story, receipt };
  }

  async function view(storyId: string): Promise<ContributorView> {
    const { story, receipt } = await requireStory(storyId);
    return {
      storyId,
      status: story.status,
      awaitingYourApproval: story.status === 'awaiting_approval',
      version: {
        revision: story.revision,
        title: story.title ?? '',
        language: story.language,
        kind: story.kind,
        text: story.body,
        segments: story.segments,
      },
      approvedRevision: story.approvedRevision,
      consent: {
        scopes: receiptScopes(receipt),
        withdrawnScopes: receipt.withdrawnScopes,
        audience: receipt.audience,
        display: { mode: story.displayMode, name: story.displayName },
        consentTextVersion: receipt.consentTextVersion,
        givenAt: receipt.givenAt.toISOString(),
      },
      themes: [...new Set([...story.confirmedThemes, ...story.contributorThemes])],
      contentWarnings: story.contentWarnings,
      rejectionReason: story.rejectionReason,
      submittedAt: story.createdAt.toISOString(),
      publishedAt: story.publishedAt?.toISOString() ?? null,
    };
  }

  return {
    /** Opens a story by its receipt code; undefined for a wrong code or one whose story was withdrawn. */
    async resolve(code: ReceiptCode): Promise<string | undefined> {
      return consents.storyForCode(await deps.receiptCodes.hash(code));
    },

    async submit(submission: Submission, content: SubmittedContent): Promise<{ storyId: string; receiptCode: ReceiptCode }> {
      requireConsentShown('consent', submission.consent);
      const chars = content.kind === 'written' ? content.body.length : content.segments.reduce((n, s) => n + s.text.length, 0);
      if (chars > deps.limits.maxChars) {
        throw new RefusedError('too_large', `The story is ${chars} characters long; at most ${deps.limits.maxChars} can be submitted.`);
      }
      const known = new Set((await createThemeRepository(db).list()).map((t) => t.slug));
      const unknown = submission.themes.filter((slug) => !known.has(slug));
      if (unknown.length > 0) throw new RefusedError('invalid', `themes: unknown theme ${unknown.map((s) => `"${s}"`).join(', ')}`);

      const receiptCode = deps.receiptCodes.generate();
      const codeHash = await deps.receiptCodes.hash(receiptCode);
      const story = {
        title: submission.title,
        language: submission.language,
        kind: content.kind,
        body: content.kind === 'written' ? content.body : null,
        segments: content.kind === 'interview' ? content.segments : null,
      };
      const storyId = await db.transaction(async (tx) => {
        const id = await createStoryRepository(tx).insert(tx, {
          ...story,
          externalId: null,
          status: 'submitted',
          contentSha256: contentHash(story),
          displayMode: submission.display.mode,
          displayName: displayNameOf(submission.display),
          contentWarnings: [...new Set(submission.contentWarnings)],
          isFictional: false,
          contribution: { contributorThemes: [...new Set(submission.themes)] },
        });
        await createConsentRepository(tx).record(tx, id, receiptOf(submission.consent, submission.display.mode), { receiptCodeHash: codeHash });
        await createAuditRepository(tx).record(
          { actor: CONTRIBUTOR, action: 'story.submitted', subjectType: 'story', subjectId: id, details: { kind: content.kind, consentTextVersion: submission.consent.version } },
          tx,
        );
        return id;
      });
      // Indexed while it waits, so editors see suggested themes; search never shows an unpublished story.
      await changes.changed(storyId, 1, { narrowed: false });
      deps.log.info({ storyId, kind: content.kind }, 'story submitted');
      return { storyId, receiptCode };
    },

    view: (storyId: string) => view(storyId),

    /**
     * New scopes (and display). Narrowing takes effect at once in every engine; widening
     * needs the consent text shown again, since the contributor agrees to more than before.
     */
    changeConsent: (storyId: string, change: ConsentChange) => applyConsent(storyId, change),

    /** Approves the version an editor sent; it is published at once. */
    async approve(storyId: string, revision: number): Promise<ContributorView> {
      const indexVersion = await transition(storyId, 'approve', revision);
      await changes.changed(storyId, indexVersion, { narrowed: false });
      return view(storyId);
    },

    /** Sends the edited version back to the editors without publishing it. */
    async declineEdits(storyId: string): Promise<ContributorView> {
      const indexVersion = await transition(storyId, 'decline_edits');
      await changes.changed(storyId, indexVersion, { narrowed: false });
      return view(storyId);
    },

    /** Withdraws some scopes (a narrowing), or everything (the story is erased). Repeating it is harmless. */
    async withdraw(storyId: string, scopes: 'all' | readonly ConsentScope[]): Promise<{ withdrawn: 'all' | readonly ConsentScope[]; view?: ContributorView }> {
      if (scopes === 'all') {
        await withdrawEverything({ db, changes, log: deps.log }, storyId, CONTRIBUTOR);
        return { withdrawn: 'all' };
      }
      const { receipt } = await requireStory(storyId);
      const current = receiptScopes(receipt);
      const remaining = Object.fromEntries(
        (Object.keys(current) as ConsentScope[]).map((s) => [s, current[s] && !receipt.withdrawnScopes.includes(s) && !scopes.includes(s)]),
      ) as Record<ConsentScope, boolean>;
      if (audiencesOf(remaining).length === 0) {
        // Nothing would be left that anyone may read: that is a withdrawal of everything.
        await withdrawEverything({ db, changes, log: deps.log }, storyId, CONTRIBUTOR);
        return { withdrawn: 'all' };
      }
      const withdrawn = [...new Set([...receipt.withdrawnScopes, ...scopes.filter((s) => current[s])])];
      return { withdrawn: scopes, view: await applyConsent(storyId, { scopes: remaining }, withdrawn) };
    },
  };

  async function applyConsent(storyId: string, change: ConsentChange, withdrawnScopes?: readonly ConsentScope[]): Promise<ContributorView> {
    const outcome = await db.transaction(async (tx) => {
      const story = await createReviewRepository(tx).lock(tx, storyId);
      const receipt = await createConsentRepository(tx).current(storyId, tx);
      if (!story || !receipt || story.status === 'withdrawn') throw new RefusedError('not_found', 'This story has been withdrawn and deleted.');
      const before = new Set(audiencesOf(receiptScopes(receipt)).filter((a) => !receipt.withdrawnScopes.includes(a)));
      const after = audiencesOf(change.scopes);
      const widened = after.some((a) => !before.has(a)) || (change.scopes.quote && !(receipt.quote && !receipt.withdrawnScopes.includes('quote')));
      if (after.length === 0) {
        throw new RefusedError('invalid', 'scopes: choose at least one use, or withdraw the story instead');
      }
      let text = { version: receipt.consentTextVersion, sha256: receipt.consentTextSha256 };
      if (widened) {
        if (!change.consentText) {
          throw new RefusedError('invalid', 'consentText: allowing a new use needs the consent text read again; send its version, language and sha256');
        }
        requireConsentShown('consentText', change.consentText);
        text = { version: change.consentText.version, sha256: change.consentText.sha256 };
      }
      const displayMode = change.display?.mode ?? story.displayMode;
      if (change.display) {
        await createStoryRepository(tx).updateDetails(tx, storyId, {
          displayMode,
          displayName: displayNameOf(change.display),
          contentWarnings: story.contentWarnings,
          isFictional: false,
        });
      }
      const narrowedScopes = (Object.keys(change.scopes) as ConsentScope[]).filter((s) => !change.scopes[s] && receiptScopes(receipt)[s] && !receipt.withdrawnScopes.includes(s));
      await createConsentRepository(tx).record(tx, storyId, {
        consentTextVersion: text.version,
        consentTextSha256: text.sha256,
        ...change.scopes,
        displayMode,
        ...(withdrawnScopes ? { withdrawnScopes } : {}),
      });
      const indexVersion = await createStoryRepository(tx).bumpIndexVersion(tx, storyId);
      await createAuditRepository(tx).record(
        {
          actor: CONTRIBUTOR,
          action: withdrawnScopes ? 'consent.withdrawn_partly' : 'consent.changed',
          subjectType: 'story',
          subjectId: storyId,
          details: { audience: after.join(','), narrowed: narrowedScopes.join(','), widened, display: displayMode },
        },
        tx,
      );
      // A changed display name is a narrowing too when it hides the teller: drop it from the engines now.
      const narrowed = narrowedScopes.length > 0 || (change.display !== undefined && displayMode !== story.displayMode);
      return { indexVersion, narrowed };
    });
    await changes.changed(storyId, outcome.indexVersion, { narrowed: outcome.narrowed });
    return view(storyId);
  }

  async function transition(storyId: string, action: 'approve' | 'decline_edits', revision?: number): Promise<number> {
    return db.transaction(async (tx) => {
      const story = await createReviewRepository(tx).lock(tx, storyId);
      if (!story || story.status === 'withdrawn') throw new RefusedError('not_found', 'This story has been withdrawn and deleted.');
      const step = reviewStep(story, action);
      if (!step.ok) throw new RefusedError('conflict', step.reason);
      if (revision !== undefined && revision !== story.revision) {
        throw new RefusedError('conflict', `revision: the version to approve is revision ${story.revision}, not ${revision}; reload the page to read it`);
      }
      const indexVersion = await createReviewRepository(tx).setStatus(tx, storyId, {
        status: step.status,
        ...(action === 'approve' ? { approvedRevision: story.revision } : {}),
      });
      await createAuditRepository(tx).record(
        { actor: CONTRIBUTOR, action: action === 'approve' ? 'story.approved' : 'story.edits_declined', subjectType: 'story', subjectId: storyId, details: { revision: story.revision, status: step.status } },
        tx,
      );
      return indexVersion;
    });
  }
}

export type ContributionService = ReturnType<typeof createContributionService>;

/** The receipt must name a consent text Levd has, with the hash of exactly that text; `field` is where the request carries it. */
function requireConsentShown(field: 'consent' | 'consentText', given: Pick<ConsentGiven, 'version' | 'language' | 'sha256'>): void {
  const check = checkConsentShown(given);
  if (!check.ok) throw new RefusedError('invalid', `${field}.${check.field}: ${check.message}`);
}

function receiptOf(consent: ConsentGiven, displayMode: DisplayMode) {
  return {
    consentTextVersion: consent.version,
    consentTextSha256: consent.sha256,
    public: consent.public,
    clinicians: consent.clinicians,
    teaching: consent.teaching,
    research: consent.research,
    quote: consent.quote,
    displayMode,
  };
}

function receiptScopes(receipt: CurrentReceipt): Record<ConsentScope, boolean> {
  return { public: receipt.public, clinicians: receipt.clinicians, teaching: receipt.teaching, research: receipt.research, quote: receipt.quote };
}

function displayNameOf(display: DisplayChoiceInput): string | null {
  return display.mode === 'anonymous' ? null : display.name;
}
