import { createEmbedder, modelFolder, modelRoot } from '../../indexer/embedding/embedder.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';

/**
 * `levd fetch-model`: loads the embedding model once and says where it lives. Without
 * MODEL_DIR it downloads from the Hugging Face hub into DATA_DIR/models (with progress), so
 * a machine, image or volume can be prepared before it goes offline, and several processes
 * started afterwards (api, worker) never race to download the same files. That cache folder
 * can then serve as MODEL_DIR.
 */
export async function fetchModelCommand(config: Config, log: Logger): Promise<void> {
  const { model } = config;
  const embedder = createEmbedder(model, { log });
  const startedAt = Date.now();
  // load() checks the vectors' dimension against the profile, so a model that loads is usable.
  await embedder.load();
  log.info({ model: model.profile.id, ms: Date.now() - startedAt }, 'embedding model ready');
  process.stdout.write(
    `${model.profile.id} is ready in ${modelFolder(model)} (${model.profile.dimension} dimensions); ` +
      `MODEL_DIR=${modelRoot(model)} loads it without the network.\n`,
  );
}
