import { errorMessage } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { describeIssues, type JobRegistry } from './job-registry.js';
import type { JobOutcome, JobRunLog } from './queue.js';

/**
 * One try of one job, shared by both runners so their semantics cannot drift. Never
 * throws: the runner only decides what a `failed` result means for its own bookkeeping
 * (retry after backoff, or keep the job as failed).
 *
 * Run-log errors, the choice made here:
 * - `started` cannot be written → the try fails (retryable) before the handler runs, so
 *   no job does work without its audit trail, and nothing has happened that a retry
 *   could repeat.
 * - `finished` cannot be written → the job still counts as done and the error is logged
 *   at error level. Failing it would re-run a handler whose work is already done for the
 *   sake of a bookkeeping row; the row stays `started`, which a reconcile can spot.
 * - `failed` cannot be written → logged; the try's own failure stands.
 */
export interface JobTry {
  readonly registry: JobRegistry;
  readonly name: string;
  readonly jobId: string;
  readonly payload: unknown;
  /** 1 for the first try. */
  readonly attempt: number;
  /** Tries in all, as fixed when the job was queued. */
  readonly maxAttempts: number;
  readonly runLog: JobRunLog;
  readonly log: Logger;
}

export type TryResult =
  | { readonly status: 'completed'; readonly outcome: JobOutcome }
  /** `final`: the last attempt, or a failure no retry can fix; the job stays failed. */
  | { readonly status: 'failed'; readonly reason: string; readonly final: boolean };

export async function runJob(job: JobTry): Promise<TryResult> {
  const { name, jobId, attempt, runLog } = job;
  // Ids and counts only: payloads are never logged, even though they should hold ids alone.
  const log = job.log.child({ job: name, jobId, attempt });
  const fail = async (reason: string, permanent: boolean): Promise<TryResult> => {
    const final = permanent || attempt >= job.maxAttempts;
    if (final) log.error({ reason }, 'job failed for good');
    else log.warn({ reason, attemptsLeft: job.maxAttempts - attempt }, 'job try failed; it will be retried');
    await runLog.failed({ jobId, attempt, reason, final }).catch((error: unknown) => {
      log.error({ error: errorMessage(error) }, 'could not record the failure in the job run log');
    });
    return { status: 'failed', reason, final };
  };

  const definition = job.registry.get(name);
  if (!definition) {
    // Retryable: during a rolling deploy a newer worker may know the job.
    return fail(`no handler for job "${name}" in this worker's job registry`, false);
  }
  const parsed = definition.payload.safeParse(job.payload);
  if (!parsed.success) {
    return fail(`invalid payload (permanent failure, not retried): ${describeIssues(parsed.error.issues)}`, true);
  }
  try {
    await runLog.started({ jobId, name, attempt });
  } catch (error) {
    return fail(`could not record the start in the job run log: ${errorMessage(error)}`, false);
  }

  let outcome: JobOutcome;
  try {
    outcome = await definition.handle(parsed.data, { jobId, attempt, log });
  } catch (error) {
    return fail(errorMessage(error) || 'the handler threw without a message', false);
  }
  // A bug, not bad luck: retrying would redo the handler's work for the same result.
  if (outcome?.status !== 'done' && outcome?.status !== 'skipped') {
    return fail('the handler returned no outcome (expected { status: "done" } or "skipped") (permanent failure, not retried)', true);
  }

  if (outcome.status === 'skipped') log.info({ reason: outcome.reason }, 'job skipped');
  else log.info('job done');
  await runLog.finished({ jobId, attempt, outcome }).catch((error: unknown) => {
    log.error({ error: errorMessage(error) }, 'job done, but the job run log could not record it; it stays done');
  });
  return { status: 'completed', outcome };
}
