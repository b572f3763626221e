import type { Queryable } from '../../db/db.js';
import type { JobOutcome, JobRunLog } from '../queue/queue.js';

/** The `job_runs` table: one row per job id, whichever runner handled it. */
export function createJobRunRepository(db: Queryable): JobRunLog & {
  find(jobId: string): Promise<JobRunRow | undefined>;
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
