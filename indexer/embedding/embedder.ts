import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Config } from '../../services/config/config.js';
import type { CountTokens } from '../chunking/count-tokens.js';
import { UserFacingError, errorMessage } from '../../services/platform/errors.js';
import type { Logger } from '../../services/platform/logger.js';
import { createProgress, type Progress } from '../../services/platform/progress.js';
import type { ModelProfile } from './model-profiles.js';

/**
 * The one owner of `@xenova/transformers`. Loads the model once per process and turns
 * text into unit-length vectors with the profile's e5 prefixes, so every caller gets
 * vectors that are comparable with those already stored.
 */
export interface Embedder {
  readonly profile: ModelProfile;
  /** Loads the model; concurrent calls share one load, and a failed load may be retried. */
  load(): Promise<void>;
  isLoaded(): boolean;
  /** Search queries (`query: ` prefix). One vector per text, in order. */
  embedQueries(texts: readonly string[]): Promise<Float32Array[]>;
  /** Indexed passages (`passage: ` prefix), in batches. One vector per text, in order. */
  embedPassages(texts: readonly string[], options?: { batchSize?: number }): Promise<Float32Array[]>;
  /** Tokens the model sees for `text` with the passage prefix and special tokens; chunking sizes by it. */
  countTokens(text: string): Promise<number>;
  /**
   * Loads the model and returns a synchronous counter of content tokens (no prefix, no special
   * tokens): the chunker counts every sentence, and awaiting each would cost more than the count.
   */
  tokenCounter(): Promise<CountTokens>;
}

export type ModelConfig = Config['model'];

export class EmbedderLoadError extends UserFacingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderLoadError';
  }
}

/** The files transformers.js reads for a quantized feature-extraction model. */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] as const;

/**
 * Checks a local model folder before anything loads, so a wrong MODEL_DIR stops start-up
 * with the folder and file named rather than an ONNX stack trace later on. The hub source
 * downloads what is missing, so there is nothing to check.
 */
export function assertModelFilesPresent(model: ModelConfig): void {
  if (model.source.kind !== 'local') return;
  const folder = modelFolder(model);
  if (!fs.existsSync(folder)) {
    throw new EmbedderLoadError(
      `The embedding model folder ${folder} does not exist: MODEL_DIR must be the folder that holds ${model.profile.id}/ (or leave MODEL_DIR unset to download from the Hugging Face hub).`,
    );
  }
  const [first, ...others] = missingModelFiles(folder);
  if (first !== undefined) {
    const more = others.length > 0 ? `, and so ${others.length === 1 ? 'is' : 'are'} ${others.join(', ')}` : '';
    throw new EmbedderLoadError(`The embedding model is incomplete: ${path.join(folder, first)} is missing${more}.`);
  }
}

/**
 * Where the model's files are: MODEL_DIR/<model id>, or the hub cache, which transformers.js
 * lays out the same way (<cache>/<model id>/<file>), so a filled cache also works as MODEL_DIR.
 */
export function modelFolder(model: ModelConfig): string {
  return path.join(modelRoot(model), model.profile.id);
}

/** The folder that holds `<model id>/`: what MODEL_DIR names. */
export function modelRoot(model: ModelConfig): string {
  return model.source.kind === 'local' ? model.source.dir : model.source.cacheDir;
}

function missingModelFiles(folder: string): string[] {
  return REQUIRED_MODEL_FILES.filter((file) => !fs.existsSync(path.join(folder, file)));
}

/** Distinct words remembered by the token counter before it starts afresh (~20 MB). */
const WORD_MEMO_LIMIT = 200_000;

export function createEmbedder(model: ModelConfig, deps: { log: Logger }): Embedder {
  const { profile } = model;
  let extractor: FeatureExtractionPipeline | undefined;
  let loading: Promise<FeatureExtractionPipeline> | undefined;
  /** Tokens per word, shared by every counter this embedder hands out (see tokenCounter). */
  let wordCounts: Map<string, number> | undefined;

  async function loadOnce(): Promise<FeatureExtractionPipeline> {
    assertModelFilesPresent(model);
    // A hub model whose files are all cached is only read from disk: no progress to show.
    const downloads = model.source.kind === 'hub' && missingModelFiles(modelFolder(model)).length > 0 ? downloadReporter(profile.id, deps.log) : undefined;
    if (downloads) deps.log.info({ model: profile.id }, 'downloading the embedding model from the Hugging Face hub (first run only)');
    // transformers.js keeps where to look in module globals; Levd loads one model source
    // per process, so setting them just before the load is enough.
    if (model.source.kind === 'local') {
      env.localModelPath = model.source.dir;
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
    } else {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = model.source.hubUrl;
    }
    try {
      const loaded = await pipeline('feature-extraction', profile.id, {
        quantized: true,
        ...(model.source.kind === 'hub' ? { cache_dir: model.source.cacheDir } : {}),
        ...(downloads ? { progress_callback: downloads.onEvent } : {}),
      });
      await checkDimension(loaded, profile);
      return loaded;
    } catch (error) {
      throw explainLoadFailure(error, model);
    } finally {
      downloads?.finishAll();
    }
  }

  async function ready(): Promise<FeatureExtractionPipeline> {
    if (extractor) return extractor;
    loading ??= loadOnce().then(
      (loaded) => (extractor = loaded),
      (error: unknown) => {
        loading = undefined; // let a later call try again (e.g. after the hub comes back)
        throw error;
      },
    );
    return loading;
  }

  async function embed(texts: readonly string[], prefix: string, batchSize: number): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const run = await ready();
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      const batch = texts.slice(i, i + batchSize).map((text) => prefix + text);
      const output = await run(batch, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      for (let row = 0; row < batch.length; row++) {
        // slice copies: the tensor's buffer is reused by the next call.
        vectors.push(data.slice(row * profile.dimension, (row + 1) * profile.dimension));
      }
    }
    return vectors;
  }

  return {
    profile,
    async load() {
      await ready();
    },
    isLoaded: () => extractor !== undefined,
    embedQueries: (texts) => embed(texts, profile.queryPrefix, 32),
    embedPassages: (texts, options) => embed(texts, profile.passagePrefix, options?.batchSize ?? 8),
    async countTokens(text) {
      const run = await ready();
      const ids = run.tokenizer.encode(profile.passagePrefix + text) as number[];
      return ids.length;
    },
    async tokenCounter() {
      const { tokenizer } = await ready();
      const encodeLength = (text: string) => (tokenizer.encode(text, null, { add_special_tokens: false }) as number[]).length;
      if (!profile.tokensAddUpByWord) return encodeLength;
      wordCounts ??= new Map();
      const memo = wordCounts;
      // Chunking counts every sentence of every story; the tokenizer is plain JavaScript and
      // was ~8 % of indexing time. Word by word, from a memo, the same count costs almost nothing.
      return (text) => {
        let total = /\s$/.test(text) ? 1 : 0; // trailing whitespace is one token of its own
        for (const word of text.split(/\s+/)) {
          if (word === '') continue;
          let tokens = memo.get(word);
          if (tokens === undefined) {
            if (memo.size >= WORD_MEMO_LIMIT) memo.clear();
            tokens = encodeLength(word);
            memo.set(word, tokens);
          }
          total += tokens;
        }
        return total;
      };
    },
  };
}

async function checkDimension(extractor: FeatureExtractionPipeline, profile: ModelProfile): Promise<void> {
  const probeOutput = await extractor([`${profile.queryPrefix}levd`], { pooling: 'mean', normalize: true });
  const dimension = probeOutput.dims.at(-1);
  if (dimension !== profile.dimension) {
    throw new EmbedderLoadError(
      `The model ${profile.id} gives ${String(dimension)}-dimensional vectors, but its profile (and the schema) expects ${profile.dimension}.`,
    );
  }
}

function explainLoadFailure(error: unknown, model: ModelConfig): Error {
  if (error instanceof EmbedderLoadError) return error;
  const where =
    model.source.kind === 'local'
      ? `from ${modelFolder(model)}`
      : `from the Hugging Face hub (cache ${model.source.cacheDir}); set MODEL_DIR to a folder holding ${model.profile.id}/ to load it offline`;
  return new EmbedderLoadError(`Could not load the embedding model ${model.profile.id} ${where}: ${firstLine(errorMessage(error))}`, {
    cause: error,
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** One progress bar (or log line series) per file the hub sends. */
interface DownloadEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

function downloadReporter(modelId: string, log: Logger) {
  const bars = new Map<string, Progress>();
  return {
    onEvent(event: DownloadEvent) {
      const file = event.file ?? 'file';
      if (event.status === 'progress' && event.total) {
        let bar = bars.get(file);
        if (!bar) {
          bar = createProgress({
            label: `downloading ${modelId}/${file}`,
            total: event.total,
            unit: 'bytes',
            log,
          });
          bars.set(file, bar);
        }
        bar.update(event.loaded ?? 0, event.total);
      } else if (event.status === 'done') {
        bars.get(file)?.finish();
        bars.delete(file);
      }
    },
    finishAll() {
      for (const bar of bars.values()) bar.finish();
      bars.clear();
    },
  };
}
