import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from '../../db/migrator.js';
import { createLogger } from '../../services/platform/logger.js';
import { createJobQueue } from '../../services/queue/create-queue.js';
import { createJobRegistry } from '../../services/queue/job-registry.js';
import type { JobDefinition, JobQueue } from '../../services/queue/queue.js';
import { createJobRunRepository } from '../../services/repositories/job-run.repository.js';
import { DB_BACKENDS, type TestDb } from '../support/databases.js';
import { testServices } from '../support/services.js';

/** The job_runs trail is the same whichever runner ran the job and whichever database holds it. */
const RUNNERS = [
  ['in-process', { kind: 'in-process', concurrency: 2 }],
  ['BullMQ', { kind: 'redis', url: 'from-test-services', concurrency: 2 }],
] as const;

describe.each(DB_BACKENDS)('job_runs on %s', (_db, open) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await open();
    await migrate(handle.db);
  });
  afterAll(async () => handle?.cleanup());

  describe.each(RUNNERS)('run by the %s runner', (_runner, queueConfig) => {
    let queue: JobQueue;
    const tries = new Map<string, number>();
    const flaky: JobDefinition<{ storyId: string }> = {
      name: 'flaky-test-job',
      payload: z.object({ storyId: z.string().uuid() }),
      attempts: 3,
      backoffMs: 10,
      async handle({ storyId }) {
        const attempt = (tries.get(storyId) ?? 0) + 1;
        tries.set(storyId, attempt);
        if (attempt < 2) throw new Error('temporarily unavailable');
        return { status: 'done' };
      },
    };
    const doomed: JobDefinition<{ storyId: string }> = {
      name: 'doomed-test-job',
      payload: z.object({ storyId: z.string().uuid() }),
      attempts: 2,
      backoffMs: 10,
      async handle() {
        throw new Error('the store refused the write');
      },
    };

    beforeAll(async () => {
      // A queue name of its own: other test files share this Redis.
      const config = queueConfig.kind === 'redis' ? { ...queueConfig, url: testServices().redisUrl, name: `levd-test-${randomUUID()}` } : queueConfig;
      queue = createJobQueue(config, {
        registry: createJobRegistry([flaky, doomed]),
        runLog: createJobRunRepository(handle.db),
        log: createLogger('silent'),
      });
      await queue.startWorker();
    });
    afterAll(async () => queue?.close());

    it('records pending → started → done with the number of tries', async () => {
      const storyId = randomUUID();
      const jobId = `flaky:${storyId}:1`;
      await queue.enqueue('flaky-test-job', { storyId }, { jobId });
      await queue.waitUntilIdle({ timeoutMs: 20_000 });
      expect(await createJobRunRepository(handle.db).find(jobId)).toEqual({
        jobId,
        name: 'flaky-test-job',
        status: 'done',
        attempts: 2,
        reason: null,
      });
    });

    it('records a job that ran out of tries as failed, with its reason', async () => {
      const storyId = randomUUID();
      const jobId = `doomed:${storyId}`;
      await queue.enqueue('doomed-test-job', { storyId }, { jobId });
      await queue.waitUntilIdle({ timeoutMs: 20_000 });
      const row = await createJobRunRepository(handle.db).find(jobId);
      expect(row).toMatchObject({ status: 'failed', attempts: 2 });
      expect(row?.reason).toContain('the store refused the write');
    });
  });
});
