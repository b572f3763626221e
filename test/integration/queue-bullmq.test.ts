import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../services/platform/logger.js';
import { createBullmqQueue, type BullmqQueueOptions } from '../../services/queue/bullmq-queue.js';
import { createJobRegistry } from '../../services/queue/job-registry.js';
import type { JobRunLog } from '../../services/queue/queue.js';
import { testServices } from '../support/services.js';

/** What only the Redis runner has: several processes on one queue, and Redis outages. */
const noRunLog: JobRunLog = { enqueued: async () => {}, started: async () => {}, finished: async () => {}, failed: async () => {} };
const payload = { storyId: randomUUID() };

function options(overrides: Partial<BullmqQueueOptions> & { handled?: string[] } = {}): BullmqQueueOptions {
  const handled = overrides.handled ?? [];
  return {
    redisUrl: testServices().redisUrl,
    queueName: `levd-test-${randomUUID()}`,
    concurrency: 2,
    runLog: noRunLog,
    log: createLogger('silent'),
    registry: createJobRegistry([
      { name: 'index-story', payload: z.object({ storyId: z.string().uuid() }), handle: async (_p, ctx) => (handled.push(ctx.jobId), { status: 'done' }) },
    ]),
    ...overrides,
  };
}

/** A TCP hop in front of the test Redis that a test can cut and restore, leaving Redis itself alone. */
async function cuttableProxy() {
  const target = new URL(testServices().redisUrl);
  const sockets = new Set<net.Socket>();
  const listen = (port: number) =>
    new Promise<net.Server>((resolve) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => s.destroy()).on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server = await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: async () => void (server = await listen(port)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('BullMQ runner', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const open = (o: BullmqQueueOptions) => {
    const queue = createBullmqQueue(o);
    cleanups.push(() => queue.close());
    return queue;
  };
  const obliterateAfterwards = (o: BullmqQueueOptions) =>
    cleanups.unshift(async () => {
      const cleaner = createBullmqQueue({ ...o, redisUrl: testServices().redisUrl });
      await cleaner.obliterate();
      await cleaner.close();
    });

  it('lets an API process enqueue and a separate worker process run, deduplicating across them', async () => {
    const handled: string[] = [];
    const shared = options({ handled });
    obliterateAfterwards(shared);
    const api = open(shared);
    const worker = open(shared);
    const jobId = `index-story:${payload.storyId}:1`;
    const results = await Promise.all([api.enqueue('index-story', payload, { jobId }), worker.enqueue('index-story', payload, { jobId })]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    await sleep(100);
    expect(handled).toEqual([]); // the API process never works jobs
    await worker.startWorker();
    await api.waitUntilIdle({ timeoutMs: 10_000 });
    expect(handled).toEqual([jobId]);
    expect(await api.getJob(jobId)).toMatchObject({ state: 'completed' });
  });

  it('fails for good, without retries, a payload the worker’s newer schema no longer accepts', async () => {
    const reasons: string[] = [];
    const runLog: JobRunLog = { ...noRunLog, failed: async (run) => void reasons.push(`${run.attempt} ${run.final} ${run.reason}`) };
    const api = options({ runLog });
    obliterateAfterwards(api);
    const stricter = createJobRegistry([
      { name: 'index-story', attempts: 5, payload: z.object({ storyId: z.string().uuid(), revision: z.number() }), handle: async () => ({ status: 'done' }) },
    ]);
    const producer = open(api);
    const worker = open({ ...api, registry: stricter });
    await producer.enqueue('index-story', payload, { jobId: 'index-story:old-shape' });
    await worker.startWorker();
    await producer.waitUntilIdle({ timeoutMs: 10_000 });
    expect(await producer.getJob('index-story:old-shape')).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(reasons).toEqual([expect.stringMatching(/^1 true invalid payload \(permanent failure, not retried\): revision: /)]);
  });

  it('fails an enqueue and a ping with a clear error when Redis cannot be reached at start-up', async () => {
    const queue = open(options({ redisUrl: 'redis://:secret@127.0.0.1:1', connectGraceMs: 300 }));
    await expect(queue.enqueue('index-story', payload, { jobId: 'index-story:x:1' })).rejects.toThrow(
      /^Job index-story:x:1 was not queued: Redis at 127\.0\.0\.1:1 is unreachable \(\w+\)$/,
    );
    // The start-up grace is spent: from now on a call fails at once.
    const startedAt = Date.now();
    await expect(queue.ping()).rejects.toThrow(/^Redis at 127\.0\.0\.1:1 is unreachable/);
    await expect(queue.ping()).rejects.not.toThrow(/secret/);
    expect(Date.now() - startedAt).toBeLessThan(100);
  });

  it('fails fast while Redis is away, and works again once it is back', async () => {
    const proxy = await cuttableProxy();
    cleanups.push(proxy.close);
    const viaProxy = options({ redisUrl: proxy.url });
    obliterateAfterwards(viaProxy);
    const queue = open(viaProxy);
    await queue.ping();
    await proxy.cut();
    await expect.poll(() => queue.ping().then(() => 'up', () => 'down'), { timeout: 2_000 }).toBe('down');

    const startedAt = Date.now();
    await expect(queue.enqueue('index-story', payload, { jobId: 'index-story:outage:1' })).rejects.toThrow(/was not queued: Redis at .* is unreachable/);
    expect(Date.now() - startedAt).toBeLessThan(500);

    await proxy.restore();
    await expect.poll(() => queue.ping().then(() => 'up', () => 'down'), { timeout: 10_000, interval: 200 }).toBe('up');
    expect(await queue.enqueue('index-story', payload, { jobId: 'index-story:outage:1' })).toMatchObject({ duplicate: false });
  });
});
