import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../services/platform/logger.js';
import { createInProcessQueue } from '../../services/queue/in-process-queue.js';
import { createJobRegistry } from '../../services/queue/job-registry.js';
import type { JobOutcome, JobRunLog } from '../../services/queue/queue.js';

/** What only the in-process runner has to get right itself; the shared contract is in queue-contract.test.ts. */
const runLog: JobRunLog = { enqueued: async () => {}, started: async () => {}, finished: async () => {}, failed: async () => {} };

function queueWith(handle: () => Promise<JobOutcome>, extra: { completedMemory?: number; backoffMs?: number } = {}) {
  const registry = createJobRegistry([{ name: 'index-story', payload: z.object({}), attempts: 3, backoffMs: extra.backoffMs ?? 0, handle }]);
  return createInProcessQueue({ registry, runLog, log: createLogger('silent'), concurrency: 1, completedMemory: extra.completedMemory });
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('in-process queue', () => {
  it('forgets the oldest completed ids beyond its memory, so the history stays bounded', async () => {
    let runs = 0;
    const queue = queueWith(async () => (runs++, { status: 'done' }), { completedMemory: 2 });
    await queue.startWorker();
    for (const id of ['a:1', 'a:2', 'a:3']) await queue.enqueue('index-story', {}, { jobId: id });
    await queue.waitUntilIdle({ timeoutMs: 1_000 });
    expect(await queue.getJob('a:1')).toBeUndefined();
    expect(await queue.getJob('a:3')).toMatchObject({ state: 'completed' });
    expect(await queue.enqueue('index-story', {}, { jobId: 'a:3' })).toMatchObject({ duplicate: true });
    expect(await queue.enqueue('index-story', {}, { jobId: 'a:1' })).toMatchObject({ duplicate: false });
    await queue.waitUntilIdle({ timeoutMs: 1_000 });
    expect(runs).toBe(4);
    await queue.close();
  });

  it('close() clears pending retry timers, so the process can exit, and waitUntilIdle then says why it cannot finish', async () => {
    const before = timers();
    let tries = 0;
    const queue = queueWith(async () => {
      tries += 1;
      throw new Error('down');
    }, { backoffMs: 60_000 });
    await queue.startWorker();
    await queue.enqueue('index-story', {}, { jobId: 'retry:1' });
    await expect.poll(async () => (await queue.getJob('retry:1'))?.state).toBe('delayed');
    await queue.close();
    expect(timers()).toBeLessThanOrEqual(before);
    expect(tries).toBe(1);
    await expect(queue.waitUntilIdle()).rejects.toThrow(/^The job queue was closed before it became idle: 1 delayed$/);
  });

  it('does not start waiting jobs once closing', async () => {
    let runs = 0;
    const queue = queueWith(async () => {
      runs += 1;
      await sleep(50);
      return { status: 'done' };
    });
    await queue.startWorker();
    await queue.enqueue('index-story', {}, { jobId: 'b:1' });
    await queue.enqueue('index-story', {}, { jobId: 'b:2' });
    await queue.close();
    expect(runs).toBe(1);
    expect(await queue.getJob('b:2')).toMatchObject({ state: 'waiting' });
  });
});
