import type { Db } from '../../db/db.js';
import { createChunkRepository } from '../repositories/chunk.repository.js';
import type { LexicalEngine } from './lexical-engine.js';

/**
 * PostgreSQL full-text search over `chunks.tsv` (+ pg_trgm): the embedded default. The
 * `chunks` table is both the source of truth and this engine's index, so there is nothing to
 * prepare, copy or remove: the indexing methods are no-ops and the passages it holds are the chunks.
 */
export function createPostgresTextEngine(db: Db): LexicalEngine {
  const chunks = createChunkRepository(db);
  return {
    kind: 'postgres',
    async health() {
      await db.query(`SELECT to_tsvector('norwegian', 'helse')`);
    },
    async prepare() {},
    async replacePassages() {},
    async removeStory() {},
    passageIds: (storyId) => chunks.ids(storyId),
  };
}
