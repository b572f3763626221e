import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../services/platform/logger.js';
import { createBullmqQueue } from '../../services/queue/bullmq-queue.js';
import { createInProcessQueue } from '../../services/queue/in-process-queue.js';
import { createJobRegistry, type AnyJobDefinition, type JobRegistry } from '../../services/queue/job-registry.js';
import type { JobContext, JobOutcome, JobQueue, JobRunLog } from '../../services/queue/queue.js';
import { testServices } from '../support/services.js';

/**
 * The contract of queue.ts, run unchanged on both runners: what passes here for the
 * in-process runner must pass for BullMQ on the real Redis, and the other way round.
 */
type Open = (deps: { registry: JobRegistry; runLog: JobRunLog; concurrency: number }) => { queue: JobQueue; dispose(): Promise<void> };

const log = createLogger('silent');

const RUNNERS: ReadonlyArray<readonly [string, Open]> = [
  ['in-process', (deps) => {
    const queue = createInProcessQueue({ ...deps, log });
    return { queue, dispose: () => queue.close() };
  }],
  ['bullmq', (deps) => {
    // A queue of its own per test, obliterated afterwards, so tests never see each other's jobs.
    const options = { ...deps, log, redisUrl: testServices().redisUrl, queueName: `levd-test-${randomUUID()}` };
    const queue = createBullmqQueue(options);
    return {
      queue,
      dispose: async () => {
        await queue.close();
        const cleaner = createBullmqQueue(options);
        await cleaner.obliterate();
        await cleaner.close();
      },
    };
  }],
];

type RunLogCall =
  | { readonly call: 'enqueued'; readonly jobId: string; readonly name: string }
  | { readonly call: 'started'; readonly jobId: string; readonly name: string; readonly attempt: number }
  | { readonly call: 'finished'; readonly jobId: string; readonly attempt: number; readonly outcome: JobOutcome }
  | { readonly call: 'failed'; readonly jobId: string; readonly attempt: number; readonly reason: string; readonly final: boolean };

function recordingRunLog(): JobRunLog & { readonly calls: RunLogCall[]; of(jobId: string): RunLogCall[] } {
  const calls: RunLogCall[] = [];
  return {
    calls,
    of: (jobId) => calls.filter((c) => c.jobId === jobId),
    enqueued: async (run) => void calls.push({ call: 'enqueued', ...run }),
    started: async (run) => void calls.push({ call: 'started', ...run }),
    finished: async (run) => void calls.push({ call: 'finished', ...run }),
    failed: async (run) => void calls.push({ call: 'failed', ...run }),
  };
}

const payloadSchema = z.object({ storyId: z.string().uuid(), revision: z.number().int().nonnegative() });
type Payload = z.infer<typeof payloadSchema>;

/** A test job: `behave` decides each try; every call is recorded. */
function testJob(name: string, behave: (call: number, payload: Payload, ctx: JobContext) => Promise<JobOutcome>, policy: { attempts?: number; backoffMs?: number } = {}) {
  const calls: { payload: Payload; jobId: string; attempt: number; at: number }[] = [];
  const definition: AnyJobDefinition = {
    name,
    payload: payloadSchema,
    attempts: policy.attempts ?? 5,
    backoffMs: policy.backoffMs ?? 10,
    async handle(payload: Payload, ctx: JobContext) {
      calls.push({ payload, jobId: ctx.jobId, attempt: ctx.attempt, at: Date.now() });
      return behave(calls.length, payload, ctx);
    },
  };
  return { definition, calls };
}

const done = async (): Promise<JobOutcome> => ({ status: 'done' });
const story = () => ({ storyId: randomUUID(), revision: 1 });
const idFor = (name: string, p: Payload) => `${name}:${p.storyId}:${p.revision}`;
const IDLE = { timeoutMs: 20_000 };

describe.each(RUNNERS)('JobQueue contract on %s', (_kind, open) => {
  const disposers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(disposers.splice(0).map((dispose) => dispose()));
  });

  function setup(definitions: AnyJobDefinition[], concurrency = 2) {
    const runLog = recordingRunLog();
    const { queue, dispose } = open({ registry: createJobRegistry(definitions), runLog, concurrency });
    disposers.push(dispose);
    return { queue, runLog };
  }

  it('holds a job of a delayed definition back for its delay, reporting it delayed, then runs it', async () => {
    const later = testJob('later', done);
    const { queue } = setup([{ ...later.definition, delayMs: 400 }]);
    await queue.startWorker();
    const payload = story();
    const jobId = idFor('later', payload);
    const enqueuedAt = Date.now();
    await queue.enqueue('later', payload, { jobId });
    expect((await queue.getJob(jobId))?.state).toBe('delayed');
    await queue.waitUntilIdle(IDLE);
    expect(later.calls).toHaveLength(1);
    expect(later.calls[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(390);
  });

  it('completes exactly once a job that fails twice and then succeeds', async () => {
    const effects: string[] = [];
    const flaky = testJob('flaky', async (call, payload) => {
      if (call <= 2) throw new Error(`transient failure ${call}`);
      effects.push(payload.storyId);
      return { status: 'done' };
    });
    const { queue, runLog } = setup([flaky.definition]);
    await queue.startWorker();
    const payload = story();
    const jobId = idFor('flaky', payload);
    expect(await queue.enqueue('flaky', payload, { jobId })).toEqual({ jobId, duplicate: false });
    await queue.waitUntilIdle(IDLE);

    expect(flaky.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(effects).toEqual([payload.storyId]);
    expect(await queue.getJob(jobId)).toEqual({ id: jobId, name: 'flaky', state: 'completed', attemptsMade: 3 });
    expect(runLog.of(jobId)).toEqual([
      { call: 'enqueued', jobId, name: 'flaky' },
      { call: 'started', jobId, name: 'flaky', attempt: 1 },
      { call: 'failed', jobId, attempt: 1, reason: 'transient failure 1', final: false },
      { call: 'started', jobId, name: 'flaky', attempt: 2 },
      { call: 'failed', jobId, attempt: 2, reason: 'transient failure 2', final: false },
      { call: 'started', jobId, name: 'flaky', attempt: 3 },
      { call: 'finished', jobId, attempt: 3, outcome: { status: 'done' } },
    ]);
  });

  it('waits backoffMs × 2^(attempt − 1) before each retry', async () => {
    const flaky = testJob('flaky', async (call) => {
      if (call <= 2) throw new Error('not yet');
      return { status: 'done' };
    }, { backoffMs: 60 });
    const { queue } = setup([flaky.definition]);
    await queue.startWorker();
    await queue.enqueue('flaky', story(), { jobId: 'flaky:backoff' });
    await queue.waitUntilIdle(IDLE);
    const [first, second, third] = flaky.calls.map((c) => c.at);
    expect(second! - first!).toBeGreaterThanOrEqual(55);
    expect(third! - second!).toBeGreaterThanOrEqual(115);
  });

  it('runs a duplicate job id once: concurrent enqueues, while waiting, and after completion', async () => {
    const job = testJob('index-story', done);
    const { queue, runLog } = setup([job.definition]);
    const payload = story();
    const jobId = idFor('index-story', payload);
    const concurrent = await Promise.all([1, 2, 3].map(() => queue.enqueue('index-story', payload, { jobId })));
    expect(concurrent.map((r) => r.duplicate).sort()).toEqual([false, true, true]);
    expect(await queue.enqueue('index-story', payload, { jobId })).toEqual({ jobId, duplicate: true });
    await queue.startWorker();
    await queue.waitUntilIdle(IDLE);
    expect(await queue.enqueue('index-story', payload, { jobId })).toEqual({ jobId, duplicate: true });
    await queue.waitUntilIdle(IDLE);
    expect(job.calls).toHaveLength(1);
    expect(runLog.of(jobId).map((c) => c.call)).toEqual(['enqueued', 'started', 'finished']);
  });

  it('deduplicates concurrent enqueues while the worker is running too', async () => {
    const job = testJob('index-story', done);
    const { queue } = setup([job.definition]);
    await queue.startWorker();
    const payloads = [story(), story(), story()];
    const results = await Promise.all(payloads.flatMap((p) => [1, 2].map(() => queue.enqueue('index-story', p, { jobId: idFor('index-story', p) }))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(3);
    await queue.waitUntilIdle(IDLE);
    expect(job.calls.map((c) => c.jobId).sort()).toEqual(payloads.map((p) => idFor('index-story', p)).sort());
  });

  it('keeps a job that always fails as failed, with its reason, after all its attempts', async () => {
    const job = testJob('always-fails', async (call) => {
      throw new Error(`search index unavailable (try ${call})`);
    }, { attempts: 3 });
    const { queue, runLog } = setup([job.definition]);
    await queue.startWorker();
    const jobId = 'always-fails:1';
    await queue.enqueue('always-fails', story(), { jobId });
    await queue.waitUntilIdle(IDLE);

    const failed = { id: jobId, name: 'always-fails', state: 'failed', attemptsMade: 3, failedReason: 'search index unavailable (try 3)' };
    expect(job.calls).toHaveLength(3);
    expect(await queue.getJob(jobId)).toEqual(failed);
    expect(await queue.failedJobs()).toEqual([failed]);
    expect(runLog.of(jobId).filter((c) => c.call === 'failed')).toEqual([
      { call: 'failed', jobId, attempt: 1, reason: 'search index unavailable (try 1)', final: false },
      { call: 'failed', jobId, attempt: 2, reason: 'search index unavailable (try 2)', final: false },
      { call: 'failed', jobId, attempt: 3, reason: 'search index unavailable (try 3)', final: true },
    ]);
    // A known failed id is a duplicate too: it is retried deliberately, not by re-enqueueing.
    expect(await queue.enqueue('always-fails', story(), { jobId })).toEqual({ jobId, duplicate: true });
  });

  it('refuses an invalid payload or an unknown job name at enqueue, queueing nothing', async () => {
    const job = testJob('index-story', done);
    const { queue, runLog } = setup([job.definition]);
    await queue.startWorker();
    const bad = { storyId: 'not a uuid', revision: -1, text: 'my private story' };
    const attempt = queue.enqueue('index-story', bad, { jobId: 'index-story:bad:1' });
    await expect(attempt).rejects.toThrow(/^Invalid payload for job "index-story" \(index-story:bad:1\); nothing was queued: storyId: .+; revision: .+/);
    await expect(queue.enqueue('index-story', bad, { jobId: 'index-story:bad:1' })).rejects.not.toThrow(/my private story/);
    await expect(queue.enqueue('no-such-job', story(), { jobId: 'no-such-job:1' })).rejects.toThrow(/^Unknown job "no-such-job"/);
    await queue.waitUntilIdle(IDLE);
    expect(await queue.getJob('index-story:bad:1')).toBeUndefined();
    expect(await queue.getJob('no-such-job:1')).toBeUndefined();
    expect(job.calls).toEqual([]);
    expect(runLog.calls).toEqual([]);
  });

  it('stores only the parsed payload: fields outside the schema never reach the handler', async () => {
    const job = testJob('index-story', done);
    const { queue } = setup([job.definition]);
    await queue.startWorker();
    const payload = story();
    await queue.enqueue('index-story', { ...payload, text: 'story text' }, { jobId: idFor('index-story', payload) });
    await queue.waitUntilIdle(IDLE);
    expect(job.calls.map((c) => c.payload)).toEqual([payload]);
  });

  it('never runs more handlers at once than its concurrency', async () => {
    let running = 0;
    let most = 0;
    const job = testJob('slow', async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(60);
      running -= 1;
      return { status: 'done' };
    });
    const { queue } = setup([job.definition], 2);
    await queue.startWorker();
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.enqueue('slow', story(), { jobId: `slow:${n}` })));
    await queue.waitUntilIdle(IDLE);
    expect(job.calls).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('records a skipped outcome with its reason', async () => {
    const job = testJob('index-story', async () => ({ status: 'skipped', reason: 'story withdrawn' }));
    const { queue, runLog } = setup([job.definition]);
    await queue.startWorker();
    const jobId = 'index-story:skipped';
    await queue.enqueue('index-story', story(), { jobId });
    await queue.waitUntilIdle(IDLE);
    expect(await queue.getJob(jobId)).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect(runLog.of(jobId)).toContainEqual({ call: 'finished', jobId, attempt: 1, outcome: { status: 'skipped', reason: 'story withdrawn' } });
    expect(runLog.of(jobId).some((c) => c.call === 'failed')).toBe(false);
  });

  it('holds jobs enqueued before startWorker() until it is called; waitUntilIdle waits for all of them', async () => {
    const job = testJob('slow', async () => {
      await sleep(40);
      return { status: 'done' };
    });
    const { queue } = setup([job.definition], 1);
    await Promise.all([1, 2, 3].map((n) => queue.enqueue('slow', story(), { jobId: `slow:${n}` })));
    await sleep(150);
    expect(job.calls).toEqual([]);
    expect(await queue.getJob('slow:1')).toMatchObject({ state: 'waiting', attemptsMade: 0 });
    await expect(queue.waitUntilIdle({ timeoutMs: 100 })).rejects.toThrow(/^The job queue was not idle after 100 ms: 3 waiting$/);

    await queue.startWorker();
    await queue.startWorker(); // idempotent
    await queue.waitUntilIdle(IDLE);
    expect(job.calls).toHaveLength(3);
    for (const n of [1, 2, 3]) expect(await queue.getJob(`slow:${n}`)).toMatchObject({ state: 'completed' });
  });

  it('keeps the caller’s ids, colons and all, end to end', async () => {
    const job = testJob('purge-story', async (_call, payload) => {
      if (payload.revision === 0) throw new Error('cannot purge');
      return { status: 'done' };
    }, { attempts: 1 });
    const { queue, runLog } = setup([job.definition]);
    await queue.startWorker();
    const uuid = randomUUID();
    const ok = [`purge-story:${uuid}`, `purge-story:${uuid}:7`, 'purge-story:a:b:c:d', 'purge-story:100%:%3A'];
    const failing = `purge-story:${uuid}:fails`;
    for (const jobId of ok) expect(await queue.enqueue('purge-story', story(), { jobId })).toEqual({ jobId, duplicate: false });
    await queue.enqueue('purge-story', { ...story(), revision: 0 }, { jobId: failing });
    await queue.waitUntilIdle(IDLE);

    expect(job.calls.map((c) => c.jobId).sort()).toEqual([...ok, failing].sort());
    for (const jobId of ok) {
      expect(await queue.getJob(jobId)).toMatchObject({ id: jobId, state: 'completed' });
      expect(await queue.enqueue('purge-story', story(), { jobId })).toEqual({ jobId, duplicate: true });
    }
    expect((await queue.failedJobs()).map((j) => j.id)).toEqual([failing]);
    expect(new Set(runLog.calls.map((c) => c.jobId))).toEqual(new Set([...ok, failing]));
  });

  it('close() lets the active handler finish, then refuses new work', async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = testJob('slow', async () => {
      started();
      await sleep(150);
      finished = true;
      return { status: 'done' };
    });
    const { queue } = setup([job.definition]);
    await queue.startWorker();
    await queue.enqueue('slow', story(), { jobId: 'slow:close' });
    await running;
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.enqueue('slow', story(), { jobId: 'slow:after-close' })).rejects.toThrow(/closed/);
    await queue.close(); // idempotent
  });

  it('answers ping()', async () => {
    const { queue } = setup([testJob('index-story', done).definition]);
    await expect(queue.ping()).resolves.toBeUndefined();
  });
});
