import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import { openRuntime } from '../runtime.js';
import { untilShutdownSignal } from './shutdown.js';

/** `levd worker`: takes jobs from Redis until stopped; run as many as the model's CPU allows. */
export async function workerCommand(config: Config, log: Logger): Promise<void> {
  const runtime = await openRuntime(config, log, 'worker');
  try {
    log.info({ concurrency: config.queue.concurrency }, 'worker running');
    await untilShutdownSignal(log);
  } finally {
    await runtime.close();
  }
}
