import type { Db } from '../../db/db.js';
import type { Config } from '../config/config.js';
import { createMeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch.js';
import type { PassageDocument, ThemeVocabulary } from './passage-document.js';
import { createPostgresTextEngine } from './postgres-text.js';

/**
 * The lexical side of search, behind one port with two adapters: Meilisearch (typo
 * tolerance, facets, synonyms) and PostgreSQL full-text search (norwegian / english
 * configurations + pg_trgm), used when no Meilisearch is configured.
 * Indexing is here; the search methods plug in with the Search issue.
 */
export interface LexicalEngine {
  readonly kind: 'meilisearch' | 'postgres';
  /** Throws with a one-line reason when the engine cannot serve queries. */
  health(): Promise<void>;
  /** Creates / updates the index settings and the theme synonyms. Idempotent; cheap when nothing changed. */
  prepare(themes: readonly ThemeVocabulary[]): Promise<void>;
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
}

/** Meilisearch only: which index, and which model's vectors the passages carry. */
export type LexicalEngineOptions = Pick<MeilisearchEngineOptions, 'indexUid' | 'model'>;

export function createLexicalEngine(config: Config['lexical'], db: Db, options: LexicalEngineOptions = {}): LexicalEngine {
  return config.kind === 'meilisearch' ? createMeilisearchEngine(config, options) : createPostgresTextEngine(db);
}
