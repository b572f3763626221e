import type { Queryable } from '../../db/db.js';
import type { ConsentScopes } from '../consent/audience.js';
import type { DisplayMode } from './story.repository.js';

/** A consent receipt's choices, as the importer compares them. */
export interface ConsentChoices extends ConsentScopes {
  readonly consentTextVersion: string;
  readonly displayMode: DisplayMode;
}

export interface NewReceipt extends ConsentChoices {
  /** When consent was given; now if absent. */
  readonly givenAt?: string;
  /** SHA-256 of the exact consent text shown; null for consent given elsewhere and imported by label. */
  readonly consentTextSha256?: string | null;
}

const SCOPE_NAMES = ['public', 'clinicians', 'teaching', 'research', 'quote'] as const;

/** Consent receipts: a change writes a new receipt and supersedes the old, so history is never overwritten. */
export function createConsentRepository(db: Queryable) {
  return {
    async current(storyId: string, tx: Queryable = db): Promise<ConsentChoices | undefined> {
      const result = await tx.query<ConsentChoices>(
        `SELECT consent_text_version AS "consentTextVersion", scope_public AS public, scope_clinicians AS clinicians,
                scope_teaching AS teaching, scope_research AS research, scope_quote AS quote, display_mode AS "displayMode"
         FROM consent_receipts WHERE story_id = $1 AND superseded_at IS NULL`,
        [storyId],
      );
      return result.rows[0];
    },

    async record(tx: Queryable, storyId: string, receipt: NewReceipt): Promise<void> {
      await tx.query(`UPDATE consent_receipts SET superseded_at = now() WHERE story_id = $1 AND superseded_at IS NULL`, [storyId]);
      await tx.query(
        `INSERT INTO consent_receipts (story_id, consent_text_version, consent_text_sha256, scope_public, scope_clinicians,
                                       scope_teaching, scope_research, scope_quote, display_mode, given_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()))`,
        [
          storyId, receipt.consentTextVersion, receipt.consentTextSha256 ?? null, receipt.public, receipt.clinicians,
          receipt.teaching, receipt.research, receipt.quote, receipt.displayMode, receipt.givenAt ?? null,
        ],
      );
    },

    /** Withdrawal of everything: the current receipt keeps when and which scopes, nothing else changes. */
    async markWithdrawn(tx: Queryable, storyId: string, withdrawnAt?: string): Promise<void> {
      await tx.query(
        `UPDATE consent_receipts SET withdrawn_at = coalesce($2::timestamptz, now()), withdrawn_scopes = $3
         WHERE story_id = $1 AND superseded_at IS NULL AND withdrawn_at IS NULL`,
        [storyId, withdrawnAt ?? null, [...SCOPE_NAMES]],
      );
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
