import { api } from '../../api/client.js';
import type { Scope } from '../../api/types.js';
import type { Language } from '../../i18n/translate.js';
import type { ConsentText, ConsentTextRef, ContributorView, ScopeFlags, Submission, SubmissionAccepted, WithdrawalResult } from './contribute-types.js';

/** The contribution endpoints (services/http/contract/consent.contract.ts); their shapes are in contribute-types.ts. */

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
