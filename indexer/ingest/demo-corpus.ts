import { fileURLToPath } from 'node:url';
import type { Config } from '../../services/config/config.js';
import type { Logger } from '../../services/platform/logger.js';
import { createAppStateRepository } from '../../services/repositories/app-state.repository.js';
import { createStoryRepository } from '../../services/repositories/story.repository.js';
import type { Runtime } from '../../services/runtime.js';
import { importStories } from './import-stories.js';

/** The fictional demo corpus shipped in the repository (indexer/demo). */
export const DEMO_CORPUS_DIR = fileURLToPath(new URL('../demo', import.meta.url));

const LOADED_KEY = 'demo_corpus_loaded';

/**
 * The embedded default opens with something to search: on the first start of a fresh data
 * folder the demo corpus is imported and published, and indexed by the in-process worker in
 * the background while the server already answers. Recorded once, so deleting the demo
 * stories later does not bring them back.
 */
export async function loadDemoCorpusOnce(runtime: Pick<Runtime, 'db' | 'queue' | 'config'>, log: Logger): Promise<void> {
  if (!shouldLoadDemo(runtime.config)) return;
  const state = createAppStateRepository(runtime.db);
  const marker = await state.get<{ state: 'started' | 'done' }>(LOADED_KEY);
  if (marker?.state === 'done') return;
  // An archive with its own stories gets no demo; one interrupted while loading it resumes
  // (the import is idempotent, so what was already imported is left as it is).
  if (!marker && (await createStoryRepository(runtime.db).count()) > 0) return;
  await state.set(LOADED_KEY, { state: 'started' });
  log.info({ dir: DEMO_CORPUS_DIR }, 'loading the demo corpus (first start)');
  const summary = await importStories(
    { db: runtime.db, queue: runtime.queue, log },
    { paths: [DEMO_CORPUS_DIR], publish: true, wait: false, maxStoryChars: runtime.config.indexing.maxStoryChars, actor: 'system:demo' },
  );
  await state.set(LOADED_KEY, { state: 'done', at: new Date().toISOString() });
  log.info({ stories: summary.created, refused: summary.refused.length, jobs: summary.jobs.enqueued }, 'demo corpus loaded');
}

function shouldLoadDemo(config: Config): boolean {
  return config.indexing.demoCorpus === 'auto' && config.database.kind === 'embedded';
}
