import type { Db } from '../../db/db.js';
import type { Config } from '../config/config.js';
import { createMeilisearchEngine } from './meilisearch.js';
import { createPostgresTextEngine } from './postgres-text.js';

/**
 * The lexical side of search, behind one port with two adapters: Meilisearch (typo
 * tolerance, facets, synonyms) and PostgreSQL full-text search (norwegian / english
 * configurations + pg_trgm), used when no Meilisearch is configured.
 * The indexing and search methods plug in here (Indexer and Search issues).
 */
export interface LexicalEngine {
  readonly kind: 'meilisearch' | 'postgres';
  /** Throws with a one-line reason when the engine cannot serve queries. */
  health(): Promise<void>;
}

export function createLexicalEngine(config: Config['lexical'], db: Db): LexicalEngine {
  return config.kind === 'meilisearch' ? createMeilisearchEngine(config) : createPostgresTextEngine(db);
}
