import type { ConsentScope } from '../../services/consent/audience.js';
import { consentText, currentConsentVersion } from '../../services/consent/consent-texts.js';
import { submissionSchema, type Submission } from '../../services/contributions/submission.schema.js';
import { checkDigitsFor } from '../../services/moderation/pii/national-id.js';

/**
 * What tests that submit stories share: the consent text a contributor is shown, a valid
 * fødselsnummer to plant as personal data, and a submission as the form would send it.
 */

const NB = consentText(currentConsentVersion, 'nb')!;

/** The current Bokmål consent text, as a submission names it (version, language, hash). */
export const CONSENT_TEXT_NB = { version: NB.version, language: 'nb' as const, sha256: NB.sha256 };

export type Scopes = Record<ConsentScope, boolean>;

/**
 * A fødselsnummer with valid check digits: the first individual number from `individual` on
 * whose nine digits can be completed (the production check-digit function decides).
 */
export function validNationalId(datePart: string, individual: number): string {
  for (let n = individual; n < individual + 100; n++) {
    const firstNine = `${datePart}${String(n).padStart(3, '0')}`;
    const check = checkDigitsFor(firstNine);
    if (check !== undefined) return `${firstNine}${check}`;
  }
  throw new Error('no valid national id near that individual number');
}

/** A Bokmål submission agreeing to the current consent text; anonymous unless `display` says otherwise. */
export function aSubmission(options: {
  readonly title: string;
  readonly scopes: Scopes;
  /** The typed story; leave out for an uploaded transcript. */
  readonly text?: string;
  readonly display?: { mode: 'anonymous' } | { mode: 'name' | 'pseudonym'; name: string };
}): Submission {
  return submissionSchema.parse({
    title: options.title,
    language: 'nb',
    ...(options.text !== undefined ? { text: options.text } : {}),
    consent: { ...options.scopes, ...CONSENT_TEXT_NB },
    display: options.display ?? { mode: 'anonymous' },
  });
}
