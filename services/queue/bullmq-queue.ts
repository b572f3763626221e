import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job, type JobState as BullmqState } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { fromBullmqJobId, toBullmqJobId } from './bullmq-job-id.js';
import { prepareJob, type JobRegistry } from './job-registry.js';
import type { JobOutcome, JobQueue, JobRunLog, JobSnapshot, JobState } from './queue.js';
import { runJob } from './run-job.js';
import { pollUntilIdle } from './wait-until-idle.js';

/**
 * The scaled-out runner, and the only module that touches bullmq and ioredis: API
 * processes enqueue through a `Queue`, `levd worker` processes run a `Worker`. Each try
 * goes through run-job.ts, as in the in-process runner.
 */
export interface BullmqQueueOptions {
  readonly redisUrl: string;
  readonly registry: JobRegistry;
  readonly runLog: JobRunLog;
  readonly log: Logger;
  readonly concurrency: number;
  readonly queueName?: string;
  /** How long after creation an enqueue or ping may wait for the first connection. Default 5 s. */
  readonly connectGraceMs?: number;
}

export interface BullmqJobQueue extends JobQueue {
  /** Stops the worker and deletes every job and key of this queue: tests, or a deliberate reset. */
  obliterate(): Promise<void>;
}

/** What a job holds in Redis. The token tells our own add from an existing job with the same id. */
interface StoredJob {
  readonly payload: unknown;
  readonly enqueueToken: string;
}

// Completed ids stay known (so re-enqueueing them is a duplicate) for a bounded time and count.
const KEEP_COMPLETED = { age: 7 * 24 * 60 * 60, count: 10_000 };
const UNFINISHED: BullmqState[] = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'];
const ALL_STATES: BullmqState[] = [...UNFINISHED, 'completed', 'failed'];
const STATES: Record<BullmqState, JobState> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  delayed: 'delayed',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

export function createBullmqQueue(options: BullmqQueueOptions): BullmqJobQueue {
  const { redisUrl, registry, runLog, concurrency, queueName = 'levd', connectGraceMs = 5_000 } = options;
  const log = options.log.child({ queue: queueName });
  const where = describeRedis(redisUrl);
  const onError = throttledErrorLog(log, where);
  // BullMQ's advice for producers: no offline queue, so a Redis outage fails an enqueue at
  // once (the API answers 503) instead of holding the request until Redis returns. One retry
  // per request, not ioredis' 20 (~10 s of reconnects), for a command caught mid-flight.
  const producer = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on('error', onError);
  let everReady = false;
  producer.on('ready', () => (everReady = true));
  // Our own client, so the options above hold; BullMQ shares it and leaves closing it to us.
  const queue = new Queue<StoredJob>(queueName, { connection: producer }).on('error', onError);
  let worker: Worker<StoredJob, JobOutcome> | undefined;
  let workerTemplate: Redis | undefined;
  let closing: Promise<void> | undefined;

  // Start-up gets a short grace for the first connection; after that, no waiting at all.
  const graceEnds = Date.now() + connectGraceMs;
  const connected = async (): Promise<void> => {
    if (producer.status === 'ready') return;
    const unreachable = () => new Error(`Redis at ${where} is unreachable (${producer.status})`);
    const grace = graceEnds - Date.now();
    if (everReady || grace <= 0) throw unreachable();
    await new Promise<void>((resolve, reject) => {
      const ready = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => (producer.off('ready', ready), reject(unreachable())), grace);
      producer.once('ready', ready);
    });
  };

  const processJob = async (job: Job<StoredJob, JobOutcome>): Promise<JobOutcome> => {
    const result = await runJob({
      registry, runLog, log,
      name: job.name,
      jobId: fromBullmqJobId(job.id ?? ''),
      payload: job.data?.payload,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    if (result.status === 'completed') return result.outcome;
    // UnrecoverableError whenever run-job says final, so BullMQ never retries what run-job
    // already recorded as the final failure.
    throw result.final ? new UnrecoverableError(result.reason) : new Error(result.reason);
  };

  const stopWorker = async (): Promise<void> => {
    await worker?.close(); // waits for the active handlers
    workerTemplate?.disconnect();
    worker = undefined;
    workerTemplate = undefined;
  };

  const naming = async (subject: string): Promise<Job<StoredJob>[]> => {
    await connected();
    const jobs = await queue.getJobs(ALL_STATES, 0, -1);
    return jobs.filter((job) => job.id !== undefined && fromBullmqJobId(job.id).includes(subject));
  };

  return {
    kind: 'redis',
    async enqueue(name, payload, { jobId }) {
      if (closing) throw new Error(`The job queue is closed; job ${jobId} was not queued`);
      const job = prepareJob(registry, name, payload, jobId);
      const id = toBullmqJobId(jobId);
      const enqueueToken = randomUUID();
      let stored: Job<StoredJob> | undefined;
      try {
        await connected();
        // Adding an existing id returns that id unchanged, so whether this call created the
        // job is read back from Redis: the token of whichever add won is stored atomically.
        // A second round covers the old job being evicted between the add and the read.
        for (let round = 0; round < 2 && !stored; round += 1) {
          await queue.add(name, { payload: job.payload, enqueueToken }, {
            jobId: id,
            attempts: job.attempts,
            backoff: { type: 'exponential', delay: job.backoffMs },
            ...(job.delayMs > 0 ? { delay: job.delayMs } : {}),
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: false,
          });
          stored = await queue.getJob(id);
        }
      } catch (error) {
        throw new Error(`Job ${jobId} was not queued: ${errorMessage(error)}`, { cause: error });
      }
      if (stored && stored.data?.enqueueToken !== enqueueToken) return { jobId, duplicate: true };
      // The job is queued whatever the run log says; `started` upserts the row if this write is lost.
      await runLog.enqueued({ jobId, name }).catch((error: unknown) => {
        log.error({ jobId, job: name, error: errorMessage(error) }, 'job queued, but the job run log could not record it');
      });
      return { jobId, duplicate: false };
    },
    async startWorker() {
      if (closing) throw new Error('The job queue is closed');
      if (worker) return;
      // Workers wait out outages: BullMQ requires maxRetriesPerRequest null and duplicates
      // this client for its own connections, so the template itself never connects.
      workerTemplate = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
      worker = new Worker<StoredJob, JobOutcome>(queueName, processJob, { connection: workerTemplate, concurrency }).on('error', onError);
    },
    async getJob(jobId) {
      const job = await queue.getJob(toBullmqJobId(jobId));
      return job ? toSnapshot(job, await job.getState()) : undefined;
    },
    async failedJobs() {
      const jobs = await queue.getFailed(0, -1);
      return jobs.flatMap((job) => toSnapshot(job, 'failed') ?? []);
    },
    async jobsNaming(subject) {
      const jobs = await naming(subject);
      const snapshots = await Promise.all(jobs.map(async (job) => toSnapshot(job, await job.getState())));
      return snapshots.filter((snapshot) => snapshot !== undefined);
    },
    async removeJobsNaming(subject) {
      let removed = 0;
      for (const job of await naming(subject)) {
        if ((await job.getState()) === 'active') continue;
        // A job that became active meanwhile is locked and cannot be removed: it stays, and says so.
        await job.remove().then(
          () => (removed += 1),
          () => undefined,
        );
      }
      return removed;
    },
    waitUntilIdle(waitOptions) {
      const count = async () => {
        if (closing) throw new Error('The job queue is closed: it will not become idle');
        return queue.getJobCounts(...UNFINISHED);
      };
      return pollUntilIdle(count, { ...waitOptions, pollMs: 50, isClosed: () => closing !== undefined });
    },
    async ping() {
      await connected();
      await producer.ping();
    },
    async obliterate() {
      await stopWorker();
      await queue.obliterate({ force: true });
    },
    close() {
      closing ??= (async () => {
        await stopWorker();
        await queue.close();
        await producer.quit().catch(() => producer.disconnect());
      })();
      return closing;
    },
  };
}

function toSnapshot(job: Job<StoredJob>, state: BullmqState | 'unknown'): JobSnapshot | undefined {
  const mapped = state === 'unknown' ? undefined : STATES[state];
  if (!mapped || job.id === undefined) return undefined;
  const showReason = (mapped === 'failed' || mapped === 'delayed') && job.failedReason;
  return {
    id: fromBullmqJobId(job.id),
    name: job.name,
    state: mapped,
    attemptsMade: job.attemptsMade,
    ...(showReason ? { failedReason: job.failedReason } : {}),
  };
}

/** Host and port only: the URL may carry a password. */
function describeRedis(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || '6379'}`;
}

/** Reconnect errors repeat every second or so during an outage: log each distinct one once a minute. */
function throttledErrorLog(log: Logger, where: string): (error: Error) => void {
  const lastLogged = new Map<string, number>();
  return (error) => {
    const message = errorMessage(error);
    if (Date.now() - (lastLogged.get(message) ?? 0) < 60_000) return;
    lastLogged.set(message, Date.now());
    log.warn({ redis: where, error: message }, 'Redis connection error; BullMQ keeps retrying');
  };
}
