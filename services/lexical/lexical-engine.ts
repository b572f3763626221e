import type { Db } from '../../db/db.js';
import type { Config } from '../config/config.js';
import type { PassageFilter } from '../search/passage-filter.js';
import { createMeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch.js';
import type { PassageDocument } from './passage-document.js';
import { createPostgresTextEngine } from './postgres-text.js';

/**
 * The lexical side of search, behind one port with two adapters: Meilisearch (typo
 * tolerance, facets) and PostgreSQL full-text search (norwegian / english
 * configurations + pg_trgm), used when no Meilisearch is configured.
 * Both adapters apply the caller's `PassageFilter` inside the engine's own query.
 */
export interface LexicalEngine {
  readonly kind: 'meilisearch' | 'postgres';
  /** Throws with a one-line reason when the engine cannot serve queries. */
  health(): Promise<void>;
  /** Creates / updates the index and its settings. Idempotent; cheap when nothing changed. */
  prepare(): Promise<void>;
  /**
   * Makes the engine hold exactly these passages for each of these stories: upserts them,
   * removes the stories' others. Many stories in one call are far cheaper than one by one.
   * Resolves when done; throws (nothing half-done is reported as done) otherwise.
   */
  replacePassages(stories: readonly { readonly storyId: string; readonly passages: readonly PassageDocument[] }[]): Promise<void>;
  /** Removes every passage of the story. Resolves when done. Idempotent. */
  removeStory(storyId: string): Promise<void>;
  /** The passage ids the engine holds, for one story or all (reconciliation and tests). */
  passageIds(storyId?: string): Promise<string[]>;
  /**
   * Passages matching the words of `query.text` (and, as alternatives, `query.expansions`),
   * best first, at most `query.limit`, within `query.filter`. The text is the user's as typed:
   * an adapter treats it as words, never as engine syntax. No match is an empty list.
   */
  search(query: LexicalQuery): Promise<LexicalHit[]>;
  /**
   * Where the words of `text` (and expansions) occur in each of these passages, as character
   * ranges into the passage text. Asked only for the passages a page shows, because
   * highlighting is the expensive part of a lexical search. Passages without a match are absent.
   */
  highlight(query: Pick<LexicalQuery, 'text' | 'expansions'>, passageIds: readonly string[]): Promise<Map<string, readonly TextRange[]>>;
}

export interface LexicalQuery {
  /** The query as the user typed it (trimmed, control characters removed, ≤ 500 characters). */
  readonly text: string;
  /** Words or phrases that count as matches too: the vocabulary of themes recognised in the query. */
  readonly expansions: readonly string[];
  readonly filter: PassageFilter;
  readonly limit: number;
}

export interface LexicalHit {
  readonly passageId: string;
  readonly storyId: string;
  /** The passage's place in its story (`chunks.ordinal`; the documents' `ordinal`): results show passages in story order. */
  readonly ordinal: number;
  /**
   * How fully the passage matches the query, 0–1 (Meilisearch's ranking score; a normalised
   * rank in PostgreSQL). Fusion uses it to tell a real match from a scrap of one.
   */
  readonly quality: number;
}

/** [start, end) character offsets into a passage's text. */
export type TextRange = readonly [start: number, end: number];

/** Meilisearch only: which index, and which model's vectors the passages carry. */
export type LexicalEngineOptions = Pick<MeilisearchEngineOptions, 'indexUid' | 'model'>;

export function createLexicalEngine(config: Config['lexical'], db: Db, options: LexicalEngineOptions = {}): LexicalEngine {
  return config.kind === 'meilisearch' ? createMeilisearchEngine(config, options) : createPostgresTextEngine(db);
}
