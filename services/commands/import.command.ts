import { formatImportSummary, importStories } from '../../indexer/ingest/import-stories.js';
import type { ImportFormat } from '../../indexer/ingest/sources.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import { openRuntime } from '../runtime.js';

export interface ImportCommandOptions {
  readonly format?: ImportFormat;
  readonly publish: boolean;
  readonly wait: boolean;
}

/**
 * `levd import PATH…`: exit 0 when every story was imported and indexed (or queued), 1 when
 * anything was refused, failed or could not be queued (the rest is imported all the same).
 */
export async function importCommand(config: Config, log: Logger, paths: readonly string[], options: ImportCommandOptions): Promise<number> {
  const runtime = await openRuntime(config, log, 'cli');
  try {
    const summary = await importStories(
      { db: runtime.db, queue: runtime.queue, log },
      { paths, publish: options.publish, wait: options.wait, maxStoryChars: config.indexing.maxStoryChars, actor: 'cli:import', ...(options.format ? { format: options.format } : {}) },
    );
    process.stdout.write(formatImportSummary(summary));
    log.info(
      { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, withdrawn: summary.withdrawn, refused: summary.refused.length, failed: summary.jobs.failed.length },
      'import finished',
    );
    return summary.refused.length > 0 || summary.jobs.failed.length > 0 || summary.notQueued > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
