import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { createInProcessQueue } from './in-process-queue.js';
import type { JobRegistry } from './job-registry.js';
import type { JobQueue, JobRunLog } from './queue.js';

export interface JobQueueDeps {
  readonly registry: JobRegistry;
  readonly runLog: JobRunLog;
  readonly log: Logger;
}

/** Redis when REDIS_URL is configured, the in-process runner otherwise; same contract either way. */
export function createJobQueue(queueConfig: Config['queue'], deps: JobQueueDeps): JobQueue {
  switch (queueConfig.kind) {
    case 'redis':
      return createBullmqQueue({ ...deps, redisUrl: queueConfig.url, concurrency: queueConfig.concurrency, queueName: queueConfig.name });
    case 'in-process':
      return createInProcessQueue({ ...deps, concurrency: queueConfig.concurrency });
  }
}
