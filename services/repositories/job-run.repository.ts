import type { Queryable } from '../../db/db.js';
import type { JobOutcome, JobRunLog } from '../queue/queue.js';

/** The `job_runs` table: one row per job id, whichever runner handled it. */
export function createJobRunRepository(db: Queryable): JobRunLog & {
  find(jobId: string): Promise<JobRunRow | undefined>;
  /** Forgets the runs of every job whose id names this subject (job ids embed the story id). */
  forgetSubject(tx: Queryable, subject: string, options?: { readonly except?: string }): Promise<void>;
  /** Runs whose job id names this subject: what `levd verify-erasure` looks for. */
  naming(subject: string): Promise<JobRunRow[]>;
} {
  return {
    async enqueued({ jobId, name }) {
      await db.query(
        `INSERT INTO job_runs (job_id, name, status) VALUES ($1, $2, 'pending') ON CONFLICT (job_id) DO NOTHING`,
        [jobId, name],
      );
    },
    async started({ jobId, name, attempt }) {
      // Upsert: a job enqueued by another process before this table existed, or by BullMQ
      // directly, still gets its row.
      await db.query(
        `INSERT INTO job_runs (job_id, name, status, attempts, started_at) VALUES ($1, $2, 'started', $3, now())
         ON CONFLICT (job_id) DO UPDATE SET status = 'started', attempts = $3, started_at = now(), finished_at = NULL`,
        [jobId, name, attempt],
      );
    },
    async finished({ jobId, attempt, outcome }) {
      await db.query(
        `UPDATE job_runs SET status = $2, attempts = $3, reason = $4, finished_at = now() WHERE job_id = $1`,
        [jobId, outcome.status, attempt, outcomeReason(outcome)],
      );
    },
    async failed({ jobId, attempt, reason, final }) {
      await db.query(
        `UPDATE job_runs SET status = $2, attempts = $3, reason = $4, finished_at = CASE WHEN $5 THEN now() END
         WHERE job_id = $1`,
        [jobId, final ? 'failed' : 'pending', attempt, reason.slice(0, 2000), final],
      );
    },
    async forgetSubject(tx, subject, options) {
      await tx.query(`DELETE FROM job_runs WHERE strpos(job_id, $1) > 0 AND name IS DISTINCT FROM $2`, [subject, options?.except ?? null]);
    },
    async naming(subject) {
      const result = await db.query<JobRunRow>(
        `SELECT job_id AS "jobId", name, status, attempts, reason FROM job_runs WHERE strpos(job_id, $1) > 0 ORDER BY job_id`,
        [subject],
      );
      return result.rows;
    },
    async find(jobId) {
      const result = await db.query<JobRunRow>(
        `SELECT job_id AS "jobId", name, status, attempts, reason FROM job_runs WHERE job_id = $1`,
        [jobId],
      );
      return result.rows[0];
    },
  };
}

export interface JobRunRow {
  readonly jobId: string;
  readonly name: string;
  readonly status: 'pending' | 'started' | 'done' | 'skipped' | 'failed';
  readonly attempts: number;
  readonly reason: string | null;
}

function outcomeReason(outcome: JobOutcome): string | null {
  return outcome.status === 'skipped' ? outcome.reason : null;
}

/** How far a known set of jobs has come: the progress of one import or reindex run. */
export function createJobProgressRepository(db: Queryable) {
  return {
    /** Jobs among `jobIds` that will not run again: done, skipped, or failed after their last try. */
    async finished(jobIds: readonly string[]): Promise<{ done: number; skipped: number; failed: number }> {
      const result = await db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM job_runs WHERE job_id = ANY($1) AND status IN ('done', 'skipped', 'failed') GROUP BY status`,
        [[...jobIds]],
      );
      const count = (status: string) => result.rows.find((row) => row.status === status)?.n ?? 0;
      return { done: count('done'), skipped: count('skipped'), failed: count('failed') };
    },
    async failures(jobIds: readonly string[]): Promise<{ jobId: string; reason: string }[]> {
      const result = await db.query<{ jobId: string; reason: string }>(
        `SELECT job_id AS "jobId", coalesce(reason, 'unknown') AS reason FROM job_runs WHERE job_id = ANY($1) AND status = 'failed' ORDER BY job_id`,
        [[...jobIds]],
      );
      return result.rows;
    },
    /** Jobs whose ids end with `suffix` (a reindex run's fan-out) and how many of them finished. */
    async bySuffix(suffix: string): Promise<{ total: number; finished: number; failed: number }> {
      const result = await db.query<{ total: number; finished: number; failed: number }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status IN ('done', 'skipped', 'failed'))::int AS finished,
                count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM job_runs WHERE right(job_id, length($1)) = $1`,
        [suffix],
      );
      return result.rows[0]!;
    },
  };
}
