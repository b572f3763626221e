import { api } from '../../api/client.js';
import type { Language } from '../../i18n/i18n.js';

/**
 * The contribution endpoints and the shapes they answer with, restated for the browser from
 * services/contributions/submission.schema.ts and services/http/contract/consent.contract.ts
 * (the web never imports server modules). The server checks every rule; these only carry data.
 */

export const SCOPES = ['public', 'clinicians', 'teaching', 'research', 'quote'] as const;
export type Scope = (typeof SCOPES)[number];
export type ScopeFlags = Readonly<Record<Scope, boolean>>;

export const DISPLAY_MODES = ['name', 'pseudonym', 'anonymous'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export const STORY_LANGUAGES = ['nb', 'nn', 'en'] as const;
export type StoryLanguage = (typeof STORY_LANGUAGES)[number];

export type Audience = 'public' | 'clinicians' | 'teaching' | 'research';
export type StoryStatus = 'submitted' | 'in_review' | 'awaiting_approval' | 'published' | 'rejected' | 'withdrawn';

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

export interface SegmentView {
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly text: string;
}

export interface ContributorView {
  readonly storyId: string;
  readonly status: StoryStatus;
  readonly awaitingYourApproval: boolean;
  readonly version: {
    readonly revision: number;
    readonly title: string;
    readonly language: string;
    readonly kind: 'written' | 'interview';
    readonly text: string | null;
    readonly segments: readonly SegmentView[] | null;
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

export const getCurrentConsentText = (lang: Language, signal?: AbortSignal) =>
  api.get<ConsentText>('/api/consent-texts/current', { query: { lang }, ...(signal ? { signal } : {}) });

/** JSON for a written story; multipart (`submission` JSON + `transcript` file) for an upload. */
export function submitStory(submission: Submission, transcript: File | null): Promise<SubmissionAccepted> {
  if (!transcript) return api.post<SubmissionAccepted>('/api/submissions', submission, { timeoutMs: 60_000 });
  const form = new FormData();
  form.append('submission', JSON.stringify(submission));
  form.append('transcript', transcript, transcript.name);
  return api.post<SubmissionAccepted>('/api/submissions', form, { timeoutMs: 60_000 });
}

export const getContribution = (receiptCode: string) => api.get<ContributorView>('/api/contribution', { receiptCode });

/** `consentText` when a use is allowed anew: only its version, language and hash are sent (the body is strict). */
export function changeConsent(receiptCode: string, scopes: ScopeFlags, consentText?: ConsentTextRef): Promise<ContributorView> {
  const body = consentText ? { scopes, consentText: { version: consentText.version, language: consentText.language, sha256: consentText.sha256 } } : { scopes };
  return api.put<ContributorView>('/api/contribution/consent', body, { receiptCode });
}

export const approveEdits = (receiptCode: string, revision: number) => api.post<ContributorView>('/api/contribution/approval', { revision }, { receiptCode });

export const declineEdits = (receiptCode: string) => api.post<ContributorView>('/api/contribution/declined-edits', undefined, { receiptCode });

export const withdraw = (receiptCode: string, scopes: 'all' | readonly Scope[]) =>
  api.post<WithdrawalResult>('/api/contribution/withdrawal', { scopes }, { receiptCode });
