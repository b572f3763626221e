import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Settings,
  type Task,
} from 'meilisearch';
import { MODEL_PROFILES } from '../../indexer/embedding/model-profiles.js';
import type { LexicalEngine } from './lexical-engine.js';
import type { PassageDocument, ThemeVocabulary } from './passage-document.js';
import { themeSynonyms } from './theme-synonyms.js';

/**
 * The one module that talks to Meilisearch: one index of passages (`passages` by default),
 * kept exactly in step with the `chunks` table. Every write waits for its task; a failed
 * task, an unreachable server or a timeout throws, so the job queue retries.
 */
export interface MeilisearchEngineOptions {
  /** The index uid (tests use a unique one each). */
  readonly indexUid?: string;
  /** The embedding model whose vectors the passages carry (default: multilingual-e5-small, 384). */
  readonly model?: { readonly id: string; readonly dimension: number };
  /** How long to wait for one task; indexing a large batch after a settings change takes a while. */
  readonly taskTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Documents per addDocuments request. */
  readonly batchSize?: number;
}

export interface MeilisearchEngine extends LexicalEngine {
  readonly kind: 'meilisearch';
  readonly indexUid: string;
  /** The name of the user-provided embedder that holds the passage vectors (for hybrid queries). */
  readonly embedderName: string;
  /** A test seam, not the search API: ids of the passages matching `query` and `filter`, best first. */
  probeSearch(query: string, options?: { filter?: string }): Promise<string[]>;
  /** Deletes the whole index (tests; a full rebuild). Resolves when done; fine when it does not exist. */
  dropIndex(): Promise<void>;
}

const DEFAULT_MODEL = MODEL_PROFILES['Xenova/multilingual-e5-small'];
const PAGE = 1_000;

export function createMeilisearchEngine(
  config: { url: string; masterKey: string },
  options: MeilisearchEngineOptions = {},
): MeilisearchEngine {
  const uid = options.indexUid ?? 'passages';
  const model = options.model ?? DEFAULT_MODEL;
  const embedder = embedderName(model.id);
  const taskTimeout = options.taskTimeoutMs ?? 10 * 60_000;
  const batchSize = options.batchSize ?? 250;
  const client = new Meilisearch({ host: config.url, apiKey: config.masterKey, timeout: options.requestTimeoutMs ?? 30_000 });
  // Readiness probes must answer fast even when a large upload holds the main client.
  const probeClient = new Meilisearch({ host: config.url, apiKey: config.masterKey, timeout: 5_000 });
  const index = client.index(uid);
  const shownUrl = withoutCredentials(config.url);
  const where = `Meilisearch at ${shownUrl}, index ${uid}`;

  /** Runs one request; `whenNoIndex` answers for an index that does not exist (yet). */
  async function call<T>(what: string, fn: () => Promise<T>, whenNoIndex?: () => T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (whenNoIndex && error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return whenNoIndex();
      throw wrapError(`${where}: ${what} failed`, error);
    }
  }

  async function enqueue(what: string, request: () => EnqueuedTaskPromise): Promise<number> {
    return (await call(what, () => request())).taskUid;
  }

  /** Waits for the task and throws unless it succeeded (or failed with an `allowed` code). */
  async function settle(what: string, taskUid: number, allowed: readonly string[] = []): Promise<void> {
    const task = await call(what, () => client.tasks.waitForTask(taskUid, { timeout: taskTimeout, interval: 100 }));
    if (task.status === 'succeeded' || (task.error && allowed.includes(task.error.code))) return;
    throw new Error(`${where}: ${what} failed: ${describeTask(task)}`);
  }

  async function run(what: string, request: () => EnqueuedTaskPromise, allowed: readonly string[] = []): Promise<void> {
    await settle(what, await enqueue(what, request), allowed);
  }

  return {
    kind: 'meilisearch',
    indexUid: uid,
    embedderName: embedder,

    async health() {
      // /version needs the key, unlike /health: a wrong MEILI_MASTER_KEY shows up here.
      try {
        await probeClient.getVersion();
      } catch (error) {
        throw wrapError(`Meilisearch at ${shownUrl} did not answer`, error);
      }
    },

    async prepare(themes) {
      const info = await call('reading the index', () => index.getRawInfo(), () => undefined);
      if (info === undefined) {
        // Two workers may start at once: whoever loses the race finds the index there.
        await run('creating the index', () => client.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
      } else if (info.primaryKey && info.primaryKey !== 'id') {
        throw new Error(`${where}: the index has primary key "${info.primaryKey}", not "id"; delete it or choose another index`);
      }
      const wanted = wantedSettings(themes, embedder, model.dimension);
      const current = await call('reading the settings', () => index.getSettings());
      const changes = settingsChanges(current, wanted);
      // A settings update re-indexes every document: only send what differs, and nothing when nothing does.
      if (Object.keys(changes).length > 0) await run('updating the settings', () => index.updateSettings(changes));
    },

    async replacePassages(stories) {
      for (const { storyId, passages } of stories) checkPassages(storyId, passages, model.id);
      const documents = stories.flatMap(({ passages }) => passages.map((passage) => toMeilisearchDocument(passage, embedder)));
      // Enqueue every batch first (Meilisearch batches consecutive additions), then wait for each.
      // One call for many stories matters: each indexing batch costs Meilisearch a fixed
      // ~0.5 s (vector store updates) whatever its size, so story-by-story writes would
      // dominate indexing time (see bench/indexer.bench.ts).
      const tasks: number[] = [];
      for (let start = 0; start < documents.length; start += batchSize) {
        const batch = documents.slice(start, start + batchSize);
        tasks.push(await enqueue('adding passages', () => index.addDocuments(batch, { primaryKey: 'id' })));
      }
      for (const taskUid of tasks) await settle('adding passages', taskUid);
      if (stories.length === 0) return;
      // Only after the upsert succeeded: a failure above leaves the stories' old passages in place.
      const storyIds = stories.map(({ storyId }) => filterValue(storyId)).join(', ');
      const kept = stories.flatMap(({ passages }) => passages.map((p) => filterValue(p.id)));
      const keep = kept.length > 0 ? ` AND id NOT IN [${kept.join(', ')}]` : '';
      await run("removing the stories' other passages", () => index.deleteDocuments({ filter: `storyId IN [${storyIds}]${keep}` }));
    },

    async removeStory(storyId) {
      // No index means nothing to remove: a purge must not fail because indexing never ran.
      await run('removing a story', () => index.deleteDocuments({ filter: `storyId = ${filterValue(storyId)}` }), ['index_not_found']);
    },

    async passageIds(storyId) {
      const ids: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const filter = storyId === undefined ? undefined : `storyId = ${filterValue(storyId)}`;
        const page = await call(
          'listing passage ids',
          () => index.getDocuments<{ id: string }>({ fields: ['id'], limit: PAGE, offset, filter }),
          () => ({ results: [] as { id: string }[] }),
        );
        ids.push(...page.results.map((doc) => doc.id));
        if (page.results.length < PAGE) return ids.sort();
      }
    },

    async probeSearch(query, { filter } = {}) {
      const result = await call('searching', () => index.search<{ id: string }>(query, { filter, attributesToRetrieve: ['id'], limit: 100 }));
      return result.hits.map((hit) => hit.id);
    },

    async dropIndex() {
      await run('deleting the index', () => client.deleteIndex(uid), ['index_not_found']);
    },
  };
}

// --- documents -------------------------------------------------------------------------

/**
 * Language-aware tokenization. `localizedAttributes` assigns locales to attribute *patterns*,
 * not to documents, so each passage's text (and title) is copied into a field named for its
 * language's locale: `localizedText.nob` (Bokmål and Nynorsk: Meilisearch has no `nno`, and
 * Bokmål rules — e.g. folding «å» to «a» — fit Nynorsk), `localizedText.eng`, or
 * `localizedText.auto` for any other language, where Meilisearch detects the language itself.
 * Without a locale, a Norwegian passage can be detected as Swedish or Danish and tokenized
 * differently from a Norwegian query (verified: the Swedish rules keep «å»).
 * They are sub-fields of one object on purpose: sub-fields share their parent's place in
 * `searchableAttributes`, so a Norwegian and an English passage rank alike (separate
 * top-level fields would rank one language above the other on the attribute rule).
 * The plain `text` and `title` stay for display and highlighting and are not searched.
 */
const LOCALE_BY_LANGUAGE: Readonly<Record<string, 'nob' | 'eng'>> = { nb: 'nob', nn: 'nob', no: 'nob', en: 'eng' };

export function localeSlot(language: string): 'nob' | 'eng' | 'auto' {
  return LOCALE_BY_LANGUAGE[language] ?? 'auto';
}

/** Everything a search hit may show; never the vector (and the localized copies only duplicate `text`). */
const DISPLAYED = [
  'id', 'storyId', 'ordinal', 'text', 'title', 'language', 'kind', 'status', 'audience', 'themes',
  'confirmedThemes', 'contentWarnings', 'startChar', 'endChar', 'speaker', 'startSeconds', 'endSeconds',
] as const satisfies readonly (keyof PassageDocument)[];
// Compile-time check that a new PassageDocument field is not forgotten here.
const _allDisplayed: [Exclude<keyof PassageDocument, 'embedding' | (typeof DISPLAYED)[number]>] extends [never] ? true : false = true;

export function toMeilisearchDocument(passage: PassageDocument, embedder: string): Record<string, unknown> {
  const { embedding, ...fields } = passage;
  const slot = localeSlot(passage.language);
  return {
    ...fields,
    localizedText: { [slot]: passage.text },
    localizedTitle: passage.title ? { [slot]: passage.title } : {},
    _vectors: { [embedder]: embedding.vector },
  };
}

function checkPassages(storyId: string, passages: readonly PassageDocument[], model: string): void {
  const seen = new Set<string>();
  for (const passage of passages) {
    if (passage.storyId !== storyId) throw new Error(`Passage ${passage.id} belongs to story ${passage.storyId}, not to ${storyId}`);
    if (seen.has(passage.id)) throw new Error(`Passage ${passage.id} appears twice for story ${storyId}`);
    seen.add(passage.id);
    // Vectors of two models in one embedder would be compared as if they were alike.
    if (passage.embedding.model !== model) {
      throw new Error(`Passage ${passage.id} carries an embedding of ${passage.embedding.model}, but the Meilisearch index holds ${model}`);
    }
  }
}

/** A double-quoted filter value: Meilisearch filters escape `"` and `\` with a backslash. */
export function filterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Embedder names allow letters, digits, `-` and `_`: the model's name without its owner. */
export function embedderName(modelId: string): string {
  return (modelId.split('/').pop() ?? modelId).replace(/[^A-Za-z0-9_-]/g, '-');
}

// --- settings --------------------------------------------------------------------------

export function wantedSettings(themes: readonly ThemeVocabulary[], embedder: string, dimensions: number): Settings {
  return {
    searchableAttributes: ['localizedText', 'localizedTitle'],
    filterableAttributes: ['storyId', 'id', 'themes', 'confirmedThemes', 'language', 'kind', 'status', 'audience', 'contentWarnings'],
    sortableAttributes: ['ordinal'],
    displayedAttributes: [...DISPLAYED],
    localizedAttributes: [
      { attributePatterns: ['localizedText.nob', 'localizedTitle.nob'], locales: ['nob'] },
      { attributePatterns: ['localizedText.eng', 'localizedTitle.eng'], locales: ['eng'] },
    ],
    synonyms: themeSynonyms(themes).synonyms,
    embedders: { [embedder]: { source: 'userProvided', dimensions } },
  };
}

// Sets, not lists (Meilisearch sorts each word's synonyms itself): their order never forces an update.
const UNORDERED: ReadonlySet<string> = new Set(['filterableAttributes', 'sortableAttributes', 'synonyms']);

/** The part of `wanted` that differs from `current`; embedders no longer wanted are removed (null). */
export function settingsChanges(current: Settings, wanted: Settings): Settings {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted) as [keyof Settings, unknown][]) {
    if (key === 'embedders') {
      const have = (current.embedders ?? {}) as Record<string, Record<string, unknown> | null>;
      const want = (value ?? {}) as Record<string, Record<string, unknown>>;
      const differs =
        Object.keys(have).some((name) => !(name in want)) ||
        Object.entries(want).some(([name, conf]) => !have[name] || Object.entries(conf).some(([k, v]) => canonical(have[name]![k]) !== canonical(v)));
      if (differs) changes.embedders = { ...Object.fromEntries(Object.keys(have).map((name) => [name, null])), ...want };
    } else if (canonical(current[key], UNORDERED.has(key)) !== canonical(value, UNORDERED.has(key))) {
      changes[key] = value;
    }
  }
  return changes as Settings;
}

/** JSON with object keys sorted (and arrays too when their order does not matter). */
function canonical(value: unknown, unorderedArrays = false): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(norm);
      return unorderedArrays ? items.map((i) => JSON.stringify(i)).sort() : items;
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, norm(x)]));
    return v ?? null;
  };
  return JSON.stringify(norm(value));
}

// --- errors ----------------------------------------------------------------------------

/**
 * Meilisearch's code and message, never the request: payload errors can quote the document
 * (story text), so for those only the code is kept, and long messages are cut.
 */
function describeApiError(code: string, message: string): string {
  if (code.startsWith('malformed_') || code === 'invalid_document_fields' || code === 'invalid_document_geo_field') return code;
  return `${code}: ${message.length > 400 ? `${message.slice(0, 400)}…` : message}`;
}

function describeTask(task: Task): string {
  return `task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${describeApiError(task.error.code, task.error.message)}` : ''}`;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.origin + parsed.pathname.replace(/\/$/, '');
  } catch {
    return url;
  }
}

function wrapError(prefix: string, error: unknown): Error {
  // API errors are not kept as the cause: their message may quote the request.
  if (error instanceof MeilisearchApiError) {
    return new Error(`${prefix}: ${error.cause ? describeApiError(error.cause.code, error.message) : `HTTP ${error.response.status}`}`);
  }
  if (error instanceof MeilisearchRequestTimeOutError) return new Error(`${prefix}: no answer within ${error.cause.timeout} ms`);
  if (error instanceof MeilisearchTaskTimeOutError) return new Error(`${prefix}: task ${error.cause.taskUid} did not finish within ${error.cause.timeout} ms`);
  if (error instanceof MeilisearchRequestError) {
    const cause = error.cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
    const reason = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? 'request failed';
    return new Error(`${prefix}: cannot reach Meilisearch (${reason})`, { cause: error });
  }
  return new Error(`${prefix}: ${(error as Error).message}`, { cause: error });
}
