import type { Queryable } from '../../db/db.js';
import { vectorFromSql, vectorToSql } from './vector-codec.js';

/** A passage as PostgreSQL stores it: text, place in the story, and its embedding. */
export interface ChunkRow {
  readonly id: string;
  readonly ordinal: number;
  readonly text: string;
  readonly textSha256: string;
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker: string | null;
  readonly startSeconds: number | null;
  readonly endSeconds: number | null;
  /** norwegian, english or simple: the full-text configuration of the story's language. */
  readonly tsConfig: string;
  readonly embedding: Float32Array;
  readonly model: string;
}

export type StoredChunk = Omit<ChunkRow, 'embedding' | 'tsConfig'>;

export function createChunkRepository(db: Queryable) {
  return {
    /** Embeddings already made by `model` for this story, by text hash: unchanged passages are not embedded again. */
    async embeddingsByTextHash(storyId: string, model: string): Promise<Map<string, Float32Array>> {
      const result = await db.query<{ textSha256: string; embedding: string }>(
        `SELECT DISTINCT ON (text_sha256) text_sha256 AS "textSha256", embedding::text AS embedding
         FROM chunks WHERE story_id = $1 AND model = $2 AND embedding IS NOT NULL`,
        [storyId, model],
      );
      return new Map(result.rows.map((row) => [row.textSha256, vectorFromSql(row.embedding)]));
    },

    /**
     * Makes the story's chunks exactly `rows` in one statement pair inside the caller's
     * transaction: ids are derived from the content, so a rerun after a crash writes the
     * same rows, and a passage that did not change keeps its id.
     */
    async replaceForStory(tx: Queryable, storyId: string, revision: number, rows: readonly ChunkRow[]): Promise<void> {
      await tx.query(`DELETE FROM chunks WHERE story_id = $1 AND NOT (id = ANY($2::uuid[]))`, [storyId, rows.map((r) => r.id)]);
      if (rows.length === 0) return;
      await tx.query(
        `INSERT INTO chunks (id, story_id, story_revision, ordinal, text, text_sha256, start_char, end_char, speaker,
                             start_seconds, end_seconds, ts_config, embedding, model)
         SELECT r.id, $1, $2, r.ordinal, r.text, r.sha, r.start_char, r.end_char, r.speaker, r.start_seconds, r.end_seconds,
                r.ts_config::regconfig, r.embedding::vector, r.model
         FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::int[], $8::int[], $9::text[], $10::real[], $11::real[],
                     $12::text[], $13::text[], $14::text[])
              AS r(id, ordinal, text, sha, start_char, end_char, speaker, start_seconds, end_seconds, ts_config, embedding, model)
         ON CONFLICT (id) DO UPDATE SET story_revision = EXCLUDED.story_revision, ordinal = EXCLUDED.ordinal,
                start_char = EXCLUDED.start_char, end_char = EXCLUDED.end_char, speaker = EXCLUDED.speaker,
                start_seconds = EXCLUDED.start_seconds, end_seconds = EXCLUDED.end_seconds, ts_config = EXCLUDED.ts_config,
                embedding = EXCLUDED.embedding, model = EXCLUDED.model`,
        [
          storyId,
          revision,
          rows.map((r) => r.id),
          rows.map((r) => r.ordinal),
          rows.map((r) => r.text),
          rows.map((r) => r.textSha256),
          rows.map((r) => r.startChar),
          rows.map((r) => r.endChar),
          rows.map((r) => r.speaker),
          rows.map((r) => r.startSeconds),
          rows.map((r) => r.endSeconds),
          rows.map((r) => r.tsConfig),
          rows.map((r) => vectorToSql(r.embedding)),
          rows.map((r) => r.model),
        ],
      );
    },

    /** Every passage of these stories with its embedding: what the lexical engine is sent. */
    async forStoriesWithEmbeddings(storyIds: readonly string[]): Promise<(StoredChunk & { storyId: string; embedding: Float32Array })[]> {
      const result = await db.query<StoredChunk & { storyId: string; embedding: string }>(
        `SELECT id, story_id AS "storyId", ordinal, text, text_sha256 AS "textSha256", start_char AS "startChar", end_char AS "endChar",
                speaker, start_seconds AS "startSeconds", end_seconds AS "endSeconds", model, embedding::text AS embedding
         FROM chunks WHERE story_id = ANY($1::uuid[]) ORDER BY story_id, ordinal`,
        [[...storyIds]],
      );
      return result.rows.map((row) => ({ ...row, embedding: vectorFromSql(row.embedding) }));
    },

    async forStory(storyId: string): Promise<StoredChunk[]> {
      const result = await db.query<StoredChunk>(
        `SELECT id, ordinal, text, text_sha256 AS "textSha256", start_char AS "startChar", end_char AS "endChar", speaker,
                start_seconds AS "startSeconds", end_seconds AS "endSeconds", model
         FROM chunks WHERE story_id = $1 ORDER BY ordinal`,
        [storyId],
      );
      return result.rows;
    },

    /** The mean passage vector of the archive for one model, and how many passages it averages. */
    async centroid(model: string): Promise<{ vector: Float32Array; passages: number } | undefined> {
      const result = await db.query<{ vector: string | null; passages: number }>(
        `SELECT avg(embedding)::text AS vector, count(*)::int AS passages FROM chunks WHERE model = $1`,
        [model],
      );
      const row = result.rows[0];
      return row?.vector ? { vector: vectorFromSql(row.vector), passages: row.passages } : undefined;
    },

    /** Passages held for these stories (the import summary). */
    async countForStories(storyIds: readonly string[]): Promise<number> {
      const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chunks WHERE story_id = ANY($1::uuid[])`, [[...storyIds]]);
      return result.rows[0]!.n;
    },

    /** Chunk ids of one story or of all (compared with the lexical engine's passage ids). */
    async ids(storyId?: string): Promise<string[]> {
      const result =
        storyId === undefined
          ? await db.query<{ id: string }>(`SELECT id FROM chunks ORDER BY id`)
          : await db.query<{ id: string }>(`SELECT id FROM chunks WHERE story_id = $1 ORDER BY id`, [storyId]);
      return result.rows.map((row) => row.id);
    },
  };
}

export type ChunkRepository = ReturnType<typeof createChunkRepository>;

