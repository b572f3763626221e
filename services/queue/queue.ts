import type { z } from 'zod';
import type { Logger } from '../platform/logger.js';

/**
 * One job interface, two runners: BullMQ on Redis (services/queue/bullmq-queue.ts) when
 * REDIS_URL is set, an in-process runner (services/queue/in-process-queue.ts) otherwise.
 * Both share the semantics below (each try runs through run-job.ts);
 * test/integration/queue-contract.test.ts runs the same cases on both.
 *
 * - Deterministic job ids: enqueueing an id the queue already knows (waiting, delayed,
 *   active, completed or failed) is a no-op that reports `duplicate: true`. Completed ids
 *   are remembered for a bounded history (BullMQ: 7 days or 10,000 jobs, whichever is less;
 *   in-process: the last 100,000); failed ones until removed.
 * - A handler that throws is retried with exponential backoff up to `attempts` times;
 *   after the last attempt the job stays failed with its reason.
 * - At most `concurrency` handlers run at once per worker.
 * - A definition's `delayMs` holds each new job back that long before its first try.
 * - Payloads carry ids and revisions, never story text; they are zod-parsed on enqueue
 *   (a bad payload is never queued) and again before the handler runs.
 */

export type JobOutcome = { readonly status: 'done' } | { readonly status: 'skipped'; readonly reason: string };

export interface JobContext {
  readonly jobId: string;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly log: Logger;
}

export interface JobDefinition<Payload = unknown> {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  /** Tries in all, the first included. Default DEFAULT_ATTEMPTS. */
  readonly attempts?: number;
  /** First retry delay; each later one doubles. Default DEFAULT_BACKOFF_MS. */
  readonly backoffMs?: number;
  /**
   * Wait this long before the first try (default 0). For jobs that work in batches: by the
   * time a delayed job runs, the work of the jobs queued behind it has piled up for it.
   */
  readonly delayMs?: number;
  handle(payload: Payload, ctx: JobContext): Promise<JobOutcome>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobSnapshot {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  readonly attemptsMade: number;
  readonly failedReason?: string;
}

export interface EnqueueResult {
  readonly jobId: string;
  readonly duplicate: boolean;
}

export interface JobQueue {
  readonly kind: 'redis' | 'in-process';
  enqueue(name: string, payload: unknown, options: { readonly jobId: string }): Promise<EnqueueResult>;
  /** Starts handling jobs in this process (the worker role). Idempotent. */
  startWorker(): Promise<void>;
  getJob(jobId: string): Promise<JobSnapshot | undefined>;
  failedJobs(): Promise<JobSnapshot[]>;
  /**
   * Every job, in any state, whose id contains `subject` (job ids embed the story id, so a
   * story id finds all of its jobs). For erasure checks; a scan, not for hot paths.
   */
  jobsNaming(subject: string): Promise<JobSnapshot[]>;
  /**
   * Removes every job naming `subject` that is not running (waiting, delayed, completed,
   * failed); how many. A running one finishes, finds its story gone, and can be removed after.
   */
  removeJobsNaming(subject: string): Promise<number>;
  /** Resolves once nothing is waiting, delayed or active. */
  waitUntilIdle(options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Throws when the queue's backing store cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where runners record each try (the `job_runs` table in production): the durable trail
 * of pending → started → done / skipped / failed, whichever runner ran the job.
 */
export interface JobRunLog {
  enqueued(run: { jobId: string; name: string }): Promise<void>;
  started(run: { jobId: string; name: string; attempt: number }): Promise<void>;
  finished(run: { jobId: string; attempt: number; outcome: JobOutcome }): Promise<void>;
  failed(run: { jobId: string; attempt: number; reason: string; final: boolean }): Promise<void>;
}
