import type { Queryable } from '../../db/db.js';
import { vectorFromSql, vectorToSql } from './vector-codec.js';

export interface ThemeEmbedding {
  readonly slug: string;
  readonly language: 'nb' | 'en';
  readonly textSha256: string;
  readonly embedding: Float32Array;
}

/** The embedded nb and en descriptions of each theme, per model. */
export function createThemeEmbeddingRepository(db: Queryable) {
  return {
    async forModel(model: string): Promise<ThemeEmbedding[]> {
      const result = await db.query<{ slug: string; language: 'nb' | 'en'; textSha256: string; embedding: string }>(
        `SELECT theme_slug AS slug, language, text_sha256 AS "textSha256", embedding::text AS embedding
         FROM theme_embeddings WHERE model = $1 ORDER BY theme_slug, language`,
        [model],
      );
      return result.rows.map((row) => ({ ...row, embedding: vectorFromSql(row.embedding) }));
    },

    async upsert(model: string, rows: readonly ThemeEmbedding[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO theme_embeddings (theme_slug, language, model, text_sha256, embedding)
         SELECT r.slug, r.language, $1, r.sha, r.embedding::vector
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS r(slug, language, sha, embedding)
         ON CONFLICT (theme_slug, language, model) DO UPDATE SET text_sha256 = EXCLUDED.text_sha256, embedding = EXCLUDED.embedding`,
        [model, rows.map((r) => r.slug), rows.map((r) => r.language), rows.map((r) => r.textSha256), rows.map((r) => vectorToSql(r.embedding))],
      );
    },
  };
}

export type ThemeEmbeddingRepository = ReturnType<typeof createThemeEmbeddingRepository>;
