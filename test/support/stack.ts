import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../services/config/config.js';
import { createLogger } from '../../services/platform/logger.js';
import { createBullmqQueue } from '../../services/queue/bullmq-queue.js';
import { createJobRegistry } from '../../services/queue/job-registry.js';
import { openRuntime, type Role, type Runtime } from '../../services/runtime.js';
import { freshServerDatabase } from './databases.js';
import { testServices } from './services.js';

/**
 * A whole Levd runtime on the real services, isolated per test: its own database (a fresh
 * one on the test server, or a PGlite folder), its own BullMQ queue name and its own
 * Meilisearch index, all removed by `cleanup()`.
 */
export interface StackShape {
  readonly database: 'server' | 'embedded';
  readonly queue: 'redis' | 'in-process';
  readonly lexical: 'meilisearch' | 'postgres';
}

export interface TestStack {
  readonly env: Record<string, string>;
  readonly config: Config;
  readonly runtime: Runtime;
  cleanup(): Promise<void>;
}

export const FULL_STACK: StackShape = { database: 'server', queue: 'redis', lexical: 'meilisearch' };
export const EMBEDDED: StackShape = { database: 'embedded', queue: 'in-process', lexical: 'postgres' };

/** The environment of an isolated stack, without opening it (CLI tests pass it to child processes). */
export async function stackEnvironment(shape: StackShape, extra: Record<string, string> = {}) {
  const services = testServices();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-stack-'));
  const database = shape.database === 'server' ? await freshServerDatabase() : undefined;
  const suffix = randomUUID().slice(0, 8);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    MODEL_DIR: services.modelDir,
    LOG_LEVEL: 'silent',
    DEMO_CORPUS: 'off',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(shape.queue === 'redis' ? { REDIS_URL: services.redisUrl, QUEUE_NAME: `levd-test-${suffix}` } : {}),
    ...(shape.lexical === 'meilisearch'
      ? { MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliMasterKey, MEILI_INDEX: `passages-test-${suffix}` }
      : {}),
    ...extra,
  };
  const cleanup = async () => {
    if (env.QUEUE_NAME) {
      const log = createLogger('silent');
      const cleaner = createBullmqQueue({
        redisUrl: services.redisUrl,
        queueName: env.QUEUE_NAME,
        registry: createJobRegistry([]),
        runLog: { enqueued: async () => {}, started: async () => {}, finished: async () => {}, failed: async () => {} },
        log,
        concurrency: 1,
      });
      await cleaner.obliterate().catch(() => undefined);
      await cleaner.close();
    }
    if (env.MEILI_INDEX) {
      await fetch(`${services.meiliUrl}/indexes/${env.MEILI_INDEX}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${services.meiliMasterKey}` },
      }).catch(() => undefined);
    }
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { env, cleanup };
}

export async function openTestStack(shape: StackShape, options: { role?: Role; env?: Record<string, string> } = {}): Promise<TestStack> {
  const { env, cleanup } = await stackEnvironment(shape, options.env);
  const config = loadConfig(env);
  const runtime = await openRuntime(config, createLogger('silent'), options.role ?? 'all');
  return {
    env,
    config,
    runtime,
    async cleanup() {
      await runtime.close();
      await cleanup();
    },
  };
}
