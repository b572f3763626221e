import type { Db } from '../../db/db.js';
import type { LexicalEngine } from './lexical-engine.js';

/** PostgreSQL full-text search over `chunks.tsv` (+ pg_trgm): the embedded default. */
export function createPostgresTextEngine(db: Db): LexicalEngine {
  return {
    kind: 'postgres',
    async health() {
      await db.query(`SELECT to_tsvector('norwegian', 'helse')`);
    },
  };
}
