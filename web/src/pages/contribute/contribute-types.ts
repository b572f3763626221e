import type { Audience, DisplayMode, Scope, Segment, StoryKind, StoryLanguage, StoryStatus } from '../../api/types.js';
import type { Language } from '../../i18n/translate.js';

/**
 * The shapes the contribution endpoints take and answer with, restated for the browser from
 * services/contributions/submission.schema.ts and services/http/contract/consent.contract.ts
 * (the web never imports server modules). The server checks every rule; these only carry data.
 * Apart from contribute-api.ts (the calls) so pure modules such as draft.ts stay free of fetch.
 */

export type ScopeFlags = Readonly<Record<Scope, boolean>>;

export interface Choice<Id extends string> {
  readonly id: Id;
  readonly title: string;
  readonly explanation: string;
}

export interface ConsentText {
  readonly version: string;
  readonly language: Language;
  /** Markdown, exactly as hashed. */
  readonly text: string;
  readonly sha256: string;
  readonly scopes: readonly Choice<Scope>[];
  readonly display: readonly Choice<DisplayMode>[];
}

/** The consent text a choice was made on, as a receipt names it. */
export type ConsentTextRef = Pick<ConsentText, 'version' | 'language' | 'sha256'>;

export type DisplayChoice = { readonly mode: 'anonymous' } | { readonly mode: 'name' | 'pseudonym'; readonly name: string };

export interface Submission {
  readonly title: string;
  readonly language: StoryLanguage;
  readonly text?: string;
  readonly themes: readonly string[];
  readonly contentWarnings: readonly string[];
  readonly consent: ScopeFlags & ConsentTextRef;
  readonly display: DisplayChoice;
}

export interface SubmissionAccepted {
  readonly storyId: string;
  readonly receiptCode: string;
  readonly status: 'submitted';
  readonly statusUrl: string;
}

export interface ContributorView {
  readonly storyId: string;
  readonly status: StoryStatus;
  readonly awaitingYourApproval: boolean;
  readonly version: {
    readonly revision: number;
    readonly title: string;
    readonly language: string;
    readonly kind: StoryKind;
    readonly text: string | null;
    readonly segments: readonly Segment[] | null;
  };
  readonly approvedRevision: number | null;
  readonly consent: {
    readonly scopes: ScopeFlags;
    readonly withdrawnScopes: readonly Scope[];
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

export interface WithdrawalResult {
  readonly withdrawn: 'all' | readonly Scope[];
  readonly view?: ContributorView;
  readonly message: string;
}
