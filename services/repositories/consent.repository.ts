import type { Queryable } from '../../db/db.js';
import { CONSENT_SCOPES, type Audience, type ConsentScope, type ConsentScopes } from '../consent/audience.js';
import type { DisplayMode } from './story.repository.js';

/** A consent receipt's choices, as the importer compares them. */
export interface ConsentChoices extends ConsentScopes {
  readonly consentTextVersion: string;
  readonly displayMode: DisplayMode;
}

/** The current receipt as its contributor and the services see it. */
export interface CurrentReceipt extends ConsentChoices {
  readonly consentTextSha256: string | null;
  readonly givenAt: Date;
  /** Scopes withdrawn one by one since consent was given (they no longer allow anything). */
  readonly withdrawnScopes: readonly ConsentScope[];
  /** Who may see the story now: the generated `audience` column. */
  readonly audience: readonly Audience[];
}

export interface NewReceipt extends ConsentChoices {
  /** When consent was given; now if absent. */
  readonly givenAt?: string;
  /** SHA-256 of the exact consent text shown; null for consent given elsewhere and imported by label. */
  readonly consentTextSha256?: string | null;
  /** Scopes this receipt records as withdrawn (a partial withdrawal writes a receipt with them off). */
  readonly withdrawnScopes?: readonly ConsentScope[];
}


const CURRENT_COLUMNS = `consent_text_version AS "consentTextVersion", consent_text_sha256 AS "consentTextSha256",
  scope_public AS public, scope_clinicians AS clinicians, scope_teaching AS teaching, scope_research AS research,
  scope_quote AS quote, display_mode AS "displayMode", given_at AS "givenAt", withdrawn_scopes AS "withdrawnScopes", audience`;

/**
 * Consent receipts: a change writes a new receipt and supersedes the old, so history is never
 * overwritten — until the teller withdraws everything, when only the fact of the withdrawal stays.
 */
export function createConsentRepository(db: Queryable) {
  return {
    /** The receipt in force; undefined for a story withdrawn in full (or never given consent). */
    async current(storyId: string, tx: Queryable = db): Promise<CurrentReceipt | undefined> {
      const result = await tx.query<CurrentReceipt>(
        `SELECT ${CURRENT_COLUMNS} FROM consent_receipts WHERE story_id = $1 AND superseded_at IS NULL AND withdrawn_at IS NULL`,
        [storyId],
      );
      return result.rows[0];
    },

    /**
     * Writes the new receipt and supersedes the current one. The receipt code travels with the
     * receipt in force (the contributor keeps one code for the story's whole life), unless a
     * new code hash is given (a first submission).
     */
    async record(tx: Queryable, storyId: string, receipt: NewReceipt, options: { readonly receiptCodeHash?: string } = {}): Promise<void> {
      const previous = await tx.query<{ codeHash: string | null }>(
        `WITH old AS (SELECT id, receipt_code_hash FROM consent_receipts WHERE story_id = $1 AND superseded_at IS NULL FOR UPDATE)
         UPDATE consent_receipts c SET superseded_at = now(), receipt_code_hash = NULL
         FROM old WHERE c.id = old.id RETURNING old.receipt_code_hash AS "codeHash"`,
        [storyId],
      );
      const codeHash = options.receiptCodeHash ?? previous.rows[0]?.codeHash ?? null;
      await tx.query(
        `INSERT INTO consent_receipts (story_id, consent_text_version, consent_text_sha256, scope_public, scope_clinicians,
                                       scope_teaching, scope_research, scope_quote, display_mode, given_at,
                                       withdrawn_scopes, receipt_code_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()), $11, $12)`,
        [
          storyId, receipt.consentTextVersion, receipt.consentTextSha256 ?? null, receipt.public, receipt.clinicians,
          receipt.teaching, receipt.research, receipt.quote, receipt.displayMode, receipt.givenAt ?? null,
          [...(receipt.withdrawnScopes ?? [])], codeHash,
        ],
      );
    },

    /** The story a receipt code (its slow hash) opens, while its consent has not been withdrawn in full. */
    async storyForCode(codeHash: string): Promise<string | undefined> {
      const result = await db.query<{ storyId: string }>(
        `SELECT story_id AS "storyId" FROM consent_receipts WHERE receipt_code_hash = $1 AND superseded_at IS NULL AND withdrawn_at IS NULL`,
        [codeHash],
      );
      return result.rows[0]?.storyId;
    },

    /**
     * Withdrawal of everything. The receipt in force keeps the story id, the time and the scopes
     * withdrawn (those it still granted); earlier receipts, the choices' details and the receipt
     * code go. Repeating it changes nothing.
     */
    async markWithdrawn(tx: Queryable, storyId: string, withdrawnAt?: string): Promise<void> {
      await tx.query(
        `UPDATE consent_receipts SET withdrawn_at = coalesce($2::timestamptz, now()),
                withdrawn_scopes = ARRAY(SELECT s FROM unnest($3::text[]) AS s
                                         WHERE s = ANY (audience) OR (s = 'quote' AND scope_quote AND NOT 'quote' = ANY (withdrawn_scopes)))
                                   || withdrawn_scopes,
                consent_text_version = NULL, consent_text_sha256 = NULL, display_mode = NULL, given_at = NULL,
                receipt_code_hash = NULL
         WHERE story_id = $1 AND superseded_at IS NULL AND withdrawn_at IS NULL`,
        [storyId, withdrawnAt ?? null, [...CONSENT_SCOPES]],
      );
      await tx.query(`DELETE FROM consent_receipts WHERE story_id = $1 AND superseded_at IS NOT NULL`, [storyId]);
    },

    /** Every receipt row of a story, for `levd verify-erasure`: what a withdrawal left behind. */
    async rowsOf(storyId: string): Promise<{ withdrawnAt: Date | null; superseded: boolean; holdsDetails: boolean; holdsCode: boolean }[]> {
      const result = await db.query<{ withdrawnAt: Date | null; superseded: boolean; holdsDetails: boolean; holdsCode: boolean }>(
        `SELECT withdrawn_at AS "withdrawnAt", superseded_at IS NOT NULL AS superseded,
                (consent_text_version IS NOT NULL OR consent_text_sha256 IS NOT NULL OR display_mode IS NOT NULL OR given_at IS NOT NULL) AS "holdsDetails",
                receipt_code_hash IS NOT NULL AS "holdsCode"
         FROM consent_receipts WHERE story_id = $1`,
        [storyId],
      );
      return result.rows;
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
