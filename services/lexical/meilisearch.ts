import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Hit,
  type MultiSearchQueryWithFederation,
  type SearchParams,
  type Settings,
  type Task,
} from 'meilisearch';
import { MODEL_PROFILES } from '../../indexer/embedding/model-profiles.js';
import type { PassageFilter } from '../search/passage-filter.js';
import { MARK_END, MARK_START, markedRanges, mergeRanges, toWholeWords } from './highlight-ranges.js';
import type { LexicalEngine, LexicalHit, TextRange } from './lexical-engine.js';
import type { PassageDocument } from './passage-document.js';
import { searchPlan } from './meilisearch-plan.js';
import { isStopWord, STOP_WORDS_LIST } from './stop-words.js';

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

  /**
   * A search request through `call()`, but a rejected one keeps only Meilisearch's error
   * code: its message may quote the request (query words, filter values), which can hold
   * patient details. No index yet means nothing indexed yet: an empty answer.
   */
  function searching<T>(what: string, request: () => Promise<T>): Promise<T> {
    const scrubbed = () =>
      request().catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code !== 'index_not_found') {
          throw new Error(error.cause?.code ?? `HTTP ${error.response.status}`);
        }
        throw error;
      });
    return call(what, scrubbed, () => ({ hits: [], results: [] }) as T);
  }

  async function prepareIndex(): Promise<void> {
    const info = await call('reading the index', () => index.getRawInfo(), () => undefined);
    if (info === undefined) {
      // Two workers may start at once: whoever loses the race finds the index there.
      await run('creating the index', () => client.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
    } else if (info.primaryKey && info.primaryKey !== 'id') {
      throw new Error(`${where}: the index has primary key "${info.primaryKey}", not "id"; delete it or choose another index`);
    }
    const wanted = wantedSettings(embedder, model.dimension);
    const current = await call('reading the settings', () => index.getSettings());
    const changes = settingsChanges(current, wanted);
    // A settings update re-indexes every document: only send what differs, and nothing when nothing does.
    if (Object.keys(changes).length > 0) await run('updating the settings', () => index.updateSettings(changes));
  }

  /**
   * Settings first, once per process: a document deletion on a missing index creates it
   * without settings, and a filtered search there fails (`invalid_search_filter`) instead of
   * finding nothing. Reads and deletions wait for this; a failed attempt is tried again.
   */
  let prepared: Promise<void> | undefined;
  const ensurePrepared = (): Promise<void> =>
    (prepared ??= prepareIndex().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    }));

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

    prepare: () => prepareIndex(),

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
      // Prepared first, so the deletion never creates a bare index; a missing one (removed by
      // hand meanwhile) means nothing to remove: a purge must not fail because indexing never ran.
      await ensurePrepared();
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

    async search(query) {
      const plan = searchPlan(query);
      if (plan.length === 0) return [];
      await ensurePrepared();
      const common = { filter: passageFilter(query.filter), attributesToRetrieve: ['id', 'storyId', 'ordinal'], showRankingScore: true, locales: [...LOCALES] };
      if (plan.length === 1 && plan[0]!.weight === 1) {
        // The common case, one query: a plain search (no federation to merge).
        const { q, matchingStrategy } = plan[0]!;
        const result = await searching('searching', () => index.search<PassageRef>(q, { ...common, matchingStrategy, limit: query.limit }, UNCOMPRESSED));
        return result.hits.map((hit) => toLexicalHit(hit, hit._rankingScore));
      }
      // Each alternative its own query, merged by weighted ranking score; a passage found by
      // several appears once, with its best score (Meilisearch's federation does that).
      const result = await searching('searching', () =>
        client.multiSearch<{ federation: { limit: number }; queries: MultiSearchQueryWithFederation[] }, PassageRef>({
          federation: { limit: query.limit },
          queries: plan.map(({ q, matchingStrategy, weight }) => ({ indexUid: uid, q, matchingStrategy, ...common, federationOptions: { weight } })),
        }, UNCOMPRESSED),
      );
      return result.hits.map((hit) => toLexicalHit(hit, hit._federation?.weightedRankingScore));
    },

    async highlight(query, passageIds) {
      const ranges = new Map<string, readonly TextRange[]>();
      const plan = searchPlan(query);
      if (plan.length === 0 || passageIds.length === 0) return ranges;
      const highlighting = {
        filter: `id IN [${passageIds.map(filterValue).join(', ')}]`,
        limit: passageIds.length,
        attributesToRetrieve: ['id', 'text'],
        attributesToHighlight: ['text'],
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
        locales: [...LOCALES],
      } satisfies SearchParams;
      // Not federated: a passage matched by the words and by an expansion needs both highlights.
      const { results } = await searching('highlighting', () =>
        client.multiSearch<{ queries: (SearchParams & { indexUid: string })[] }, PassageText>({
          queries: plan.map(({ q, matchingStrategy }) => ({ indexUid: uid, q, matchingStrategy, ...highlighting })),
        }, UNCOMPRESSED),
      );
      const found = new Map<string, TextRange[]>();
      for (const hit of results.flatMap((r) => r.hits)) {
        const marked = hit._formatted?.text;
        const exact = typeof marked === 'string' ? markedRanges(marked, hit.text) : undefined;
        if (!exact) continue;
        // Whole words, and never a lone stop word: the index has no stop words, so «med» in the query marks every «med».
        const words = toWholeWords(hit.text, exact).filter(([s, e]) => !isStopWord(hit.text.slice(s, e).toLowerCase()));
        found.set(hit.id, [...(found.get(hit.id) ?? []), ...words]);
      }
      for (const [id, list] of found) if (list.length > 0) ranges.set(id, mergeRanges(list));
      return ranges;
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

// --- search ---------------------------------------------------------------------------

/** The query's languages for Meilisearch's tokenizer: the locales the passages are indexed under. */
const LOCALES = ['nob', 'eng'] as const;
/**
 * Search answers uncompressed. Node's fetch asks for gzip/br by default, and a compressed
 * answer from Meilisearch 1.21 took ~48 ms round trip here against 2–3 ms of processing
 * (uncompressed: ~6 ms); search answers are small and local, so compression only costs.
 */
const UNCOMPRESSED = { headers: { 'Accept-Encoding': 'identity' } };
type PassageRef = Pick<PassageDocument, 'id' | 'storyId' | 'ordinal'>;
type PassageText = Pick<PassageDocument, 'id' | 'text'>;

/**
 * The `PassageFilter` as a Meilisearch filter on the documents' filterable fields, every
 * value quoted with filterValue(). Published only, always. The audience is the one the
 * passage was synced with; the search service re-checks the current consent in PostgreSQL.
 */
export function passageFilter(filter: PassageFilter): string {
  if (filter.audiences.length === 0) throw new Error('A passage filter needs at least one audience');
  const list = (values: readonly string[]) => `[${values.map(filterValue).join(', ')}]`;
  const parts = ['status = "published"', `audience IN ${list(filter.audiences)}`];
  for (const theme of new Set(filter.themes)) parts.push(`themes = ${filterValue(theme)}`);
  if (filter.language !== undefined) parts.push(`language = ${filterValue(filter.language)}`);
  if (filter.kind !== undefined) parts.push(`kind = ${filterValue(filter.kind)}`);
  if (filter.excludeWarnings.length > 0) parts.push(`NOT contentWarnings IN ${list(filter.excludeWarnings)}`);
  if (filter.excludeStoryId !== undefined) parts.push(`storyId != ${filterValue(filter.excludeStoryId)}`);
  return parts.join(' AND ');
}

function toLexicalHit(hit: Hit<PassageRef>, score: number | undefined): LexicalHit {
  return { passageId: hit.id, storyId: hit.storyId, ordinal: hit.ordinal, quality: Math.min(1, Math.max(0, score ?? 0)) };
}

// --- settings --------------------------------------------------------------------------

export function wantedSettings(embedder: string, dimensions: number): Settings {
  return {
    searchableAttributes: ['localizedText', 'localizedTitle'],
    filterableAttributes: ['storyId', 'id', 'themes', 'confirmedThemes', 'language', 'kind', 'status', 'audience', 'contentWarnings'],
    sortableAttributes: ['ordinal'],
    displayedAttributes: [...DISPLAYED],
    localizedAttributes: [
      { attributePatterns: ['localizedText.nob', 'localizedTitle.nob'], locales: ['nob'] },
      { attributePatterns: ['localizedText.eng', 'localizedTitle.eng'], locales: ['eng'] },
    ],
    // No synonyms, on purpose. The theme vocabulary as mutual synonyms made every query of two
    // or more words 20-50x slower (18-52 ms of Meilisearch's own time against 0-1 ms on the
    // demo index: multi-word synonyms blow up its query graph). The search service recognises
    // theme words itself (typos and inflections too) and sends the vocabulary as expansion
    // queries, so the same words match without the cost on every query. `{}` clears the
    // synonyms of an index made by an earlier version.
    synonyms: {},
    // The same stop words the adapters drop from queries: a Norwegian sentence's «og», «i», «det»
    // otherwise make every query walk huge posting lists (88 ms against 28 ms for one sentence).
    stopWords: [...STOP_WORDS_LIST],
    embedders: { [embedder]: { source: 'userProvided', dimensions } },
  };
}

// Sets, not lists (Meilisearch sorts each word's synonyms itself): their order never forces an update.
const UNORDERED: ReadonlySet<string> = new Set(['filterableAttributes', 'sortableAttributes', 'synonyms', 'stopWords']);

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
