import type { Db } from '../../db/db.js';
import type { Embedder } from '../../indexer/embedding/embedder.js';
import type { ThemeProfile, ThemeProfileSource } from '../../indexer/themes/theme-vectors.js';
import type { Config } from '../config/config.js';
import { audiencesFor, type Viewer } from '../consent/viewer.js';
import type { LexicalEngine, LexicalHit, TextRange } from '../lexical/lexical-engine.js';
import { errorMessage } from '../platform/errors.js';
import { withTimeout } from '../platform/timeout.js';
import type { Logger } from '../platform/logger.js';
import { createPassageVectorRepository, type VectorHit } from '../repositories/passage-vector.repository.js';
import { createStoryReadRepository, type PassageRow, type StoryCardRow } from '../repositories/story-read.repository.js';
import { storyCard } from '../stories/story-card.js';
import { CursorError, decodeCursor, encodeCursor } from './cursor.js';
import { fuse, type FusedStory, type PassageSource, type RankedList, type RankedPassage } from './fusion.js';
import { DEFAULT_FUSION_POLICY, fusionWeights, type FusionPolicy, type QuerySignals } from './fusion-weights.js';
import { highlightHtml, normaliseRanges } from './highlight-html.js';
import type { PassageFilter } from './passage-filter.js';
import { createLruCache } from './lru-cache.js';
import { SearchInputError, SearchUnavailableError } from './search-errors.js';
import type { SearchQuery, SearchResponse, SearchResult } from './search.schema.js';
import { recogniseThemes, type ThemeRecognition } from './theme-match.js';
import { contentWords } from '../lexical/query-words.js';

/**
 * Search as the rest of the system sees it: a parsed query and a viewer in, a page of
 * stories with their best passages out.
 *
 * The engines run side by side, each with the caller's audience inside its own query: the
 * vector side (pgvector), the lexical side (Meilisearch or PostgreSQL full-text) and, when
 * the query names a theme, the theme's description matched against its stories' passages.
 * Their ranked passages are fused (fusion.ts) with weights that quiet a side with nothing to
 * say (fusion-weights.ts), grouped by story, and hydrated from PostgreSQL — again through the
 * visibility predicate, so a lexical index a moment behind a consent change shows nothing
 * the consent no longer allows.
 */
export interface SearchService {
  search(query: SearchQuery, viewer: Viewer): Promise<SearchResponse>;
  /** Each engine's ranked passages for the query before fusion (evaluation and fusion tuning). */
  candidates(query: SearchQuery, viewer: Viewer): Promise<Candidates>;
  /** Stories like this one (by the mean of its passages), or undefined when the viewer may not see it. */
  similar(storyId: string, viewer: Viewer, limit: number): Promise<SearchResult[] | undefined>;
  /**
   * Forgets cached results that name stories (the theme lists), after a consent change or a
   * withdrawal: nothing cached may hold a withdrawn story. Cached query vectors hold no story.
   */
  forgetCachedResults(): void;
}

export interface Candidates {
  readonly offset: number;
  readonly filter: PassageFilter;
  readonly recognisedThemes: readonly string[];
  /** Unweighted: `weigh` gives each list its weight for the query. */
  readonly lists: readonly { readonly source: PassageSource; readonly hits: readonly RankedPassage[] }[];
  /** What fusion weights are decided on; absent when browsing a theme (one list, nothing to weigh). */
  readonly signals: QuerySignals | undefined;
  readonly degraded: readonly ('vector' | 'lexical')[];
  /** What to mark in the passages shown; absent when no lexical engine can do it. */
  readonly highlight: { readonly text: string; readonly expansions: readonly string[] } | undefined;
}

/** The engines' lists with their weights for this query: each alone at full weight in a single-engine mode. */
export function weigh(candidates: Pick<Candidates, 'lists' | 'signals'>, mode: SearchQuery['mode'], policy: FusionPolicy = DEFAULT_FUSION_POLICY): RankedList[] {
  const weights = candidates.signals ? fusionWeights(candidates.signals, policy) : undefined;
  return candidates.lists.map((list) => ({ ...list, weight: !weights || mode !== 'hybrid' ? 1 : weights[list.source] }));
}

export interface SearchDeps {
  readonly db: Db;
  readonly lexical: LexicalEngine;
  readonly embedder: Embedder;
  readonly themes: ThemeProfileSource;
  readonly settings: Config['search'];
  readonly log: Logger;
  /** The fusion policy (default DEFAULT_FUSION_POLICY; bench/tune-fusion.ts tries others). */
  readonly policy?: FusionPolicy;
}

/** Passages shown per story. */
const PASSAGES_PER_STORY = 3;
/** How long a theme list is reused (see themeLists). */
const THEME_LIST_TTL_MS = 60_000;
/** Below this share of theme words in the query, the theme's vocabulary is not added to the lexical query. */
const EXPANSION_COVERAGE = 0.5;

export function createSearchService(deps: SearchDeps): SearchService {
  const { db, lexical, embedder, settings, log, policy = DEFAULT_FUSION_POLICY } = deps;
  const vectors = createPassageVectorRepository(db);
  const reads = createStoryReadRepository(db);
  const model = embedder.profile.id;
  // Clinicians repeat the same few words («tvang», «rusfri»); embedding a query is the largest
  // single cost of a search, and a cached one skips the model altogether.
  const queryVectors = createLruCache<Float32Array>({ capacity: settings.queryCacheSize });
  const embedQuery = (text: string) => queryVectors.get(text, async (t) => (await embedder.embedQueries([t]))[0]!);
  // A theme list depends on the theme(s) and the filter only, never on the query text, and is
  // the costliest query of a search at scale (an exact scan of the theme's passages), so it is
  // kept for a minute. That cannot show anything a consent no longer allows: every result is
  // hydrated through the visibility predicate. A new story joins its theme lists within a minute.
  const themeLists = createLruCache<RankedPassage[]>({ capacity: 500, ttlMs: THEME_LIST_TTL_MS });

  function toRanked(hits: readonly VectorHit[]): RankedPassage[] {
    return hits.map(({ passageId, storyId, ordinal }) => ({ passageId, storyId, ordinal }));
  }

  /**
   * The theme list: the passages of the theme's stories (the filter holds the theme) nearest
   * its nb and en descriptions, at most PASSAGES_PER_STORY a story, so every story gets a turn.
   */
  async function themePassages(profiles: readonly ThemeProfile[], filter: PassageFilter, limit: number): Promise<RankedPassage[]> {
    const key = JSON.stringify([profiles.map((p) => p.theme.slug).sort(), canonicalFilter(filter), limit]);
    return themeLists.get(key, async () => {
      const vector = meanDirection(profiles.flatMap((p) => p.vectors));
      return toRanked(await vectors.nearestPerStory(vector, filter, { model, perStory: PASSAGES_PER_STORY, limit }));
    });
  }

  async function lexicalSearch(text: string, expansions: readonly string[], filter: PassageFilter): Promise<LexicalHit[]> {
    return withTimeout(lexical.search({ text, expansions, filter, limit: settings.candidates }), settings.lexicalTimeoutMs, 'the lexical engine');
  }

  /** Cards and passages for a page of fused stories, in the fused order. */
  async function hydrate(
    page: readonly FusedStory[],
    cards: ReadonlyMap<string, StoryCardRow>,
    viewer: Viewer,
    highlightQuery: { text: string; expansions: readonly string[] } | undefined,
  ): Promise<SearchResult[]> {
    const ids = page.flatMap((story) => story.passages.map((p) => p.passageId));
    const noMarks = new Map<string, readonly TextRange[]>();
    // The passages' text and their marks need only the ids: both at once.
    const [passageRows, highlights] = await Promise.all([
      reads.passages(ids, audiencesFor(viewer)),
      highlightQuery && ids.length > 0
        ? withTimeout(lexical.highlight(highlightQuery, ids), settings.lexicalTimeoutMs, 'highlighting').catch((error: unknown) => {
            log.warn({ error: errorMessage(error) }, 'search: highlighting failed; passages are shown without marks');
            return noMarks;
          })
        : noMarks,
    ]);
    const rows = new Map(passageRows.map((row) => [row.id, row]));
    return page.flatMap((story) => {
      const card = cards.get(story.storyId);
      if (!card) return [];
      const passages = story.passages.flatMap((fused) => {
        const row = rows.get(fused.passageId);
        return row ? [passageView(row, highlights.get(row.id) ?? [], fused.matchedBy)] : [];
      });
      return [{ story: storyCard(card), score: round(story.score), passages }];
    });
  }

  /**
   * Each engine's ranked passages for the query, before weighting: what fusion works on.
   * Validates what the schema cannot (theme slugs exist, the cursor belongs to the query).
   */
  async function gather(query: SearchQuery, viewer: Viewer): Promise<Candidates> {
    const profiles = await deps.themes.get();
    const bySlug = new Map(profiles.map((profile) => [profile.theme.slug, profile]));
    const unknown = query.theme.find((slug) => !bySlug.has(slug));
    if (unknown !== undefined) throw new SearchInputError('theme', `"${unknown}" is not a theme; GET /api/themes lists them`);
    let offset: number;
    try {
      offset = decodeCursor(query);
    } catch (error) {
      if (error instanceof CursorError) throw new SearchInputError('cursor', error.message);
      throw error;
    }
    const filter: PassageFilter = {
      audiences: audiencesFor(viewer),
      themes: [...new Set(query.theme)],
      ...(query.lang !== undefined ? { language: query.lang } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      excludeWarnings: [...new Set(query.excludeWarnings)],
    };
    const recognition: ThemeRecognition = query.q ? recogniseThemes(query.q, profiles.map((p) => p.theme)) : { themes: [], coverage: 0 };
    const base = { offset, filter, recognisedThemes: recognition.themes.map((t) => t.slug) };

    if (query.q === '') {
      // Theme browsing: every story of the theme(s), closest to the description first.
      const chosen = filter.themes.map((slug) => bySlug.get(slug)!);
      const hits = await themePassages(chosen, filter, settings.candidates * PASSAGES_PER_STORY);
      return { ...base, lists: [{ source: 'theme', hits }], signals: undefined, degraded: [], highlight: undefined };
    }

    const degraded = new Set<'vector' | 'lexical'>();
    const expansions = recognition.coverage >= EXPANSION_COVERAGE ? recognition.themes.flatMap((t) => t.vocabulary) : [];
    const wantVector = query.mode !== 'lexical';
    const wantLexical = query.mode !== 'vector';
    const wantThemes = query.mode === 'hybrid' && recognition.themes.length > 0;
    const [vectorHits, lexicalHits, themeLists] = await Promise.all([
      wantVector
        ? embedQuery(query.q)
            .then((vector) => vectors.nearest(vector, filter, { model, limit: settings.candidates, efSearch: settings.efSearch }))
            .catch((error: unknown) => {
              degraded.add('vector');
              log.warn({ error: errorMessage(error) }, 'search: the vector side failed');
              return undefined;
            })
        : undefined,
      wantLexical
        ? lexicalSearch(query.q, expansions, filter).catch((error: unknown) => {
            degraded.add('lexical');
            log.warn({ error: errorMessage(error), engine: lexical.kind }, 'search: the lexical side failed');
            return undefined;
          })
        : undefined,
      wantThemes
        ? Promise.all(
            recognition.themes.map((theme) =>
              themePassages([bySlug.get(theme.slug)!], { ...filter, themes: [...new Set([...filter.themes, theme.slug])] }, settings.candidates),
            ),
          ).catch((error: unknown) => {
            log.warn({ error: errorMessage(error) }, 'search: the theme side failed');
            return [];
          })
        : [],
    ]);
    if ((wantVector && !vectorHits && (!wantLexical || !lexicalHits)) || (!wantVector && !lexicalHits)) {
      throw new SearchUnavailableError(
        query.mode === 'hybrid'
          ? 'Search is unavailable: neither the vector side nor the lexical engine answered. Try again shortly.'
          : `Search is unavailable in ${query.mode} mode: that engine did not answer. Try again shortly, or use mode=hybrid.`,
      );
    }
    const lists: { source: PassageSource; hits: readonly RankedPassage[] }[] = [];
    if (vectorHits) lists.push({ source: 'vector', hits: toRanked(vectorHits) });
    if (lexicalHits) lists.push({ source: 'lexical', hits: lexicalHits });
    for (const hits of themeLists) lists.push({ source: 'theme', hits });
    return {
      ...base,
      lists,
      signals: {
        contentWords: contentWords(query.q).length,
        themeCoverage: recognition.coverage,
        lexicalTopQuality: lexicalHits?.[0]?.quality ?? 0,
        lexicalHits: lexicalHits?.length ?? 0,
      },
      degraded: [...degraded].sort(),
      // Marks show which words matched; a vector-only answer has none to show (and saves a lexical round trip).
      highlight: degraded.has('lexical') || query.mode === 'vector' ? undefined : { text: query.q, expansions },
    };
  }

  return {
    candidates: gather,

    forgetCachedResults() {
      themeLists.clear();
    },

    async search(query, viewer) {
      const startedAt = performance.now();
      const found = await gather(query, viewer);
      const lists = weigh(found, query.mode, policy);
      const fused = fuse(lists, { k: settings.rrfK, passagesPerStory: PASSAGES_PER_STORY });
      const cards = new Map((await reads.cards(fused.map((s) => s.storyId), found.filter.audiences)).map((card) => [card.id, card]));
      const visible = fused.filter((story) => cards.has(story.storyId));
      const page = visible.slice(found.offset, found.offset + query.limit);
      const results = await hydrate(page, cards, viewer, found.highlight);
      const nextOffset = found.offset + query.limit;
      const tookMs = round(performance.now() - startedAt, 1);
      log.debug({ mode: query.mode, results: results.length, total: visible.length, lists: lists.map((l) => [l.source, l.hits.length, l.weight]), tookMs }, 'search');
      return {
        results,
        facets: facetCounts(visible.map((story) => cards.get(story.storyId)!)),
        total: visible.length,
        nextCursor: nextOffset < visible.length ? encodeCursor(query, nextOffset) : null,
        tookMs,
        mode: query.mode,
        recognisedThemes: [...found.recognisedThemes],
        ...(found.degraded.length > 0 ? { degraded: [...found.degraded] } : {}),
      };
    },

    async similar(storyId, viewer, limit) {
      const audiences = audiencesFor(viewer);
      const centroid = await vectors.storyCentroid(storyId, audiences, model);
      if (!centroid) return (await reads.cards([storyId], audiences)).length > 0 ? [] : undefined;
      const filter: PassageFilter = { audiences, themes: [], excludeWarnings: [], excludeStoryId: storyId };
      const hits = await vectors.nearest(centroid, filter, { model, limit: settings.candidates, efSearch: settings.efSearch });
      const fused = fuse([{ source: 'vector', weight: 1, hits: toRanked(hits) }], { k: settings.rrfK, passagesPerStory: 1 });
      const cards = new Map((await reads.cards(fused.map((s) => s.storyId), audiences)).map((card) => [card.id, card]));
      return hydrate(fused.filter((s) => cards.has(s.storyId)).slice(0, limit), cards, viewer, undefined);
    },
  };
}

function passageView(row: PassageRow, ranges: readonly TextRange[], matchedBy: readonly PassageSource[]) {
  const highlights = normaliseRanges(ranges, row.text.length);
  return {
    chunkId: row.id,
    text: row.text,
    highlighted: highlightHtml(row.text, highlights),
    highlights: highlights.map(([s, e]) => [s, e] as [number, number]),
    startChar: row.startChar,
    endChar: row.endChar,
    ...(row.speaker !== null ? { speaker: row.speaker } : {}),
    ...(row.startSeconds !== null ? { start: row.startSeconds } : {}),
    ...(row.endSeconds !== null ? { end: row.endSeconds } : {}),
    matchedBy: [...matchedBy],
  };
}

/** Stories per theme, language and kind among all results (every page). */
export function facetCounts(cards: readonly StoryCardRow[]): SearchResponse['facets'] {
  const facets = { themes: {} as Record<string, number>, language: {} as Record<string, number>, kind: {} as Record<string, number> };
  for (const card of cards) {
    for (const theme of new Set(card.themes)) facets.themes[theme] = (facets.themes[theme] ?? 0) + 1;
    facets.language[card.language] = (facets.language[card.language] ?? 0) + 1;
    facets.kind[card.kind] = (facets.kind[card.kind] ?? 0) + 1;
  }
  return facets;
}

/** The filter with its lists sorted: two filters that select the same passages give the same key. */
function canonicalFilter(filter: PassageFilter): unknown[] {
  return [[...filter.audiences].sort(), [...filter.themes].sort(), filter.language ?? null, filter.kind ?? null, [...filter.excludeWarnings].sort(), filter.excludeStoryId ?? null];
}

/** The unit vector along the sum of `vectors`: a theme's nb and en descriptions read as one. */
export function meanDirection(vectors: readonly Float32Array[]): Float32Array {
  const dimension = vectors[0]?.length ?? 0;
  const sum = new Float32Array(dimension);
  for (const vector of vectors) for (let i = 0; i < dimension; i++) sum[i]! += vector[i]!;
  const norm = Math.hypot(...sum) || 1;
  return sum.map((x) => x / norm);
}

function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
