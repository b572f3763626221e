import type { Queryable } from '../../db/db.js';

/**
 * The append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). Entries
 * name actors, actions and subjects by id; `details` holds ids, counts and states only —
 * never story text or personal data.
 */
export interface AuditEntry {
  readonly actor: string;
  /** dotted lower-case, e.g. `story.published`, `consent.withdrawn` */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string;
  readonly reason?: string;
  readonly details?: Record<string, string | number | boolean | null>;
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
  readonly at: Date;
}

export function createAuditRepository(db: Queryable) {
  return {
    /** Pass the transaction's Queryable so the change and its audit row commit together. */
    async record(entry: AuditEntry, tx: Queryable = db): Promise<void> {
      await tx.query(
        `INSERT INTO audit_log (actor, action, subject_type, subject_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.actor, entry.action, entry.subjectType, entry.subjectId ?? null, entry.reason ?? null, JSON.stringify(entry.details ?? {})],
      );
    },
    async forSubject(subjectType: string, subjectId: string): Promise<AuditRow[]> {
      const result = await db.query<AuditRow>(
        `SELECT id::int AS id, at, actor, action, subject_type AS "subjectType", subject_id AS "subjectId", reason, details
         FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`,
        [subjectType, subjectId],
      );
      return result.rows;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
