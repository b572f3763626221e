import { randomUUID } from 'node:crypto';
import { REINDEX, reindexJobId } from '../../indexer/jobs/reindex.job.js';
import type { Config } from '../config/config.js';
import { UserFacingError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { createProgress } from '../platform/progress.js';
import { createJobProgressRepository } from '../repositories/job-run.repository.js';
import { openRuntime } from '../runtime.js';

/**
 * `levd reindex --changed-model | --all`: queues a reindex run and, embedded or with --wait,
 * follows its index-story jobs to the end with progress.
 */
export async function reindexCommand(config: Config, log: Logger, options: { mode: 'all' | 'changed-model'; wait: boolean }): Promise<number> {
  const runtime = await openRuntime(config, log, 'cli');
  try {
    const runId = randomUUID();
    await runtime.queue.enqueue(REINDEX, { mode: options.mode, runId }, { jobId: reindexJobId(runId) });
    if (!options.wait && runtime.queue.kind === 'redis') {
      process.stdout.write(`Queued reindex run ${runId} (${options.mode}); the workers carry it out.\n`);
      return 0;
    }
    const runs = createJobProgressRepository(runtime.db);
    await waitFor(async () => {
      const fanout = await runs.finished([reindexJobId(runId)]);
      return fanout.done + fanout.skipped + fanout.failed > 0;
    });
    const [failedFanout] = await runs.failures([reindexJobId(runId)]);
    if (failedFanout) throw new UserFacingError(`The reindex run failed: ${failedFanout.reason}`);
    const suffix = `:reindex-${runId}`;
    const first = await runs.bySuffix(suffix);
    const progress = createProgress({ label: `reindexing (${options.mode})`, total: first.total, log });
    let state = first;
    while (state.finished < state.total) {
      progress.update(state.finished);
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = await runs.bySuffix(suffix);
    }
    progress.update(state.finished);
    progress.finish();
    process.stdout.write(`Reindexed ${state.total - state.failed} of ${state.total} stories (${options.mode}).\n`);
    return state.failed > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 200));
}
