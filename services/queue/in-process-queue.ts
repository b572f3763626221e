import { errorMessage } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { prepareJob, type JobRegistry } from './job-registry.js';
import type { JobQueue, JobRunLog, JobSnapshot, JobState } from './queue.js';
import { runJob } from './run-job.js';
import { pollUntilIdle } from './wait-until-idle.js';

/**
 * The runner for the embedded single process: no Redis, jobs live in memory and run in
 * this process, with BullMQ's semantics (see queue.ts). Jobs still waiting when the
 * process stops are lost; the reconcile re-enqueues them from PostgreSQL.
 */
export interface InProcessQueueOptions {
  readonly registry: JobRegistry;
  readonly runLog: JobRunLog;
  readonly log: Logger;
  readonly concurrency: number;
  /** How many completed ids are remembered as duplicates (BullMQ keeps a bounded history too). */
  readonly completedMemory?: number;
}

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly backoffMs: number;
  state: JobState;
  attemptsMade: number;
  failedReason?: string;
  timer?: NodeJS.Timeout;
}

export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const { registry, runLog, log, concurrency } = options;
  const completedMemory = options.completedMemory ?? 100_000;
  const unfinished = new Map<string, Entry>(); // waiting, delayed or active
  const ready: Entry[] = [];
  const failed = new Map<string, Entry>();
  const completed = new Map<string, JobSnapshot>(); // insertion order: oldest evicted first
  const running = new Set<Promise<void>>();
  let started = false;
  let closing: Promise<void> | undefined;

  const snapshot = (e: Entry): JobSnapshot => ({
    id: e.id,
    name: e.name,
    state: e.state,
    attemptsMade: e.attemptsMade,
    // As BullMQ reports it: the last try's reason, while a retry is pending or for good.
    ...(e.failedReason !== undefined && (e.state === 'delayed' || e.state === 'failed') ? { failedReason: e.failedReason } : {}),
  });

  const pump = (): void => {
    while (started && !closing && running.size < concurrency) {
      const entry = ready.shift();
      if (!entry) return;
      entry.state = 'active';
      const run = work(entry).finally(() => {
        running.delete(run);
        pump();
      });
      running.add(run);
    }
  };

  const work = async (entry: Entry): Promise<void> => {
    const attempt = entry.attemptsMade + 1;
    const result = await runJob({ registry, name: entry.name, jobId: entry.id, payload: entry.payload, attempt, maxAttempts: entry.attempts, runLog, log })
      .catch((error: unknown) => ({ status: 'failed' as const, reason: errorMessage(error), final: false }));
    entry.attemptsMade = attempt;
    if (result.status === 'completed') {
      entry.state = 'completed';
      unfinished.delete(entry.id);
      completed.set(entry.id, snapshot(entry));
      if (completed.size > completedMemory) completed.delete(completed.keys().next().value!);
      return;
    }
    entry.failedReason = result.reason;
    if (result.final) {
      entry.state = 'failed';
      unfinished.delete(entry.id);
      failed.set(entry.id, entry);
      return;
    }
    entry.state = 'delayed';
    if (closing) return; // no timer may outlive close()
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.state = 'waiting';
      ready.push(entry);
      pump();
    }, entry.backoffMs * 2 ** (attempt - 1));
  };

  const countUnfinished = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = { waiting: 0, delayed: 0, active: 0 };
    for (const entry of unfinished.values()) counts[entry.state] = (counts[entry.state] ?? 0) + 1;
    return counts;
  };

  return {
    kind: 'in-process',
    async enqueue(name, payload, { jobId }) {
      if (closing) throw new Error(`The job queue is closed; job ${jobId} was not queued`);
      const job = prepareJob(registry, name, payload, jobId);
      // Check and insert with no await in between, so concurrent enqueues of one id see each other.
      if (unfinished.has(jobId) || failed.has(jobId) || completed.has(jobId)) return { jobId, duplicate: true };
      const entry: Entry = { id: jobId, name, payload: job.payload, attempts: job.attempts, backoffMs: job.backoffMs, state: 'waiting', attemptsMade: 0 };
      unfinished.set(jobId, entry);
      // The job is queued whatever the run log says; `started` upserts the row if this write is lost.
      await runLog.enqueued({ jobId, name }).catch((error: unknown) => {
        log.error({ jobId, job: name, error: errorMessage(error) }, 'job queued, but the job run log could not record it');
      });
      if (job.delayMs > 0) {
        entry.state = 'delayed';
        entry.timer = setTimeout(() => {
          entry.timer = undefined;
          entry.state = 'waiting';
          ready.push(entry);
          pump();
        }, job.delayMs);
        return { jobId, duplicate: false };
      }
      ready.push(entry);
      pump();
      return { jobId, duplicate: false };
    },
    async startWorker() {
      started = true;
      pump();
    },
    async getJob(jobId) {
      const entry = unfinished.get(jobId) ?? failed.get(jobId);
      return entry ? snapshot(entry) : completed.get(jobId);
    },
    async failedJobs() {
      return [...failed.values()].map(snapshot);
    },
    async jobsNaming(subject) {
      const entries = [...unfinished.values(), ...failed.values()].filter((e) => e.id.includes(subject)).map(snapshot);
      return [...entries, ...[...completed.values()].filter((s) => s.id.includes(subject))];
    },
    async removeJobsNaming(subject) {
      let removed = 0;
      for (const store of [unfinished, failed] as const) {
        for (const [id, entry] of store) {
          if (!id.includes(subject) || entry.state === 'active') continue;
          clearTimeout(entry.timer);
          const queued = ready.indexOf(entry);
          if (queued >= 0) ready.splice(queued, 1);
          store.delete(id);
          removed += 1;
        }
      }
      for (const id of completed.keys()) {
        if (id.includes(subject)) {
          completed.delete(id);
          removed += 1;
        }
      }
      return removed;
    },
    waitUntilIdle(waitOptions) {
      return pollUntilIdle(countUnfinished, { ...waitOptions, pollMs: 5, isClosed: () => closing !== undefined });
    },
    async ping() {},
    close() {
      closing ??= (async () => {
        for (const entry of unfinished.values()) clearTimeout(entry.timer);
        await Promise.all(running);
      })();
      return closing;
    },
  };
}
