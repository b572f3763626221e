import type { Queryable } from '../../db/db.js';

/** What PostgreSQL still holds of a story, counted per place (`levd verify-erasure`). */
export interface StoredRemains {
  readonly storyExists: boolean;
  readonly status: string | null;
  /** Title, text, segments, display name, content hash, rejection reason, contributor themes, content warnings. */
  readonly storyFieldsWithContent: readonly string[];
  readonly revisions: number;
  readonly chunks: number;
  readonly embeddings: number;
  readonly themes: number;
  readonly pseudonyms: number;
  readonly collectionItems: number;
  /** True until purge-story has finished (the lexical engine and the vacuum). */
  readonly purgePending: boolean;
}

export function createErasureRepository(db: Queryable) {
  return {
    async remains(storyId: string): Promise<StoredRemains> {
      const result = await db.query<StoredRemains>(
        `SELECT EXISTS (SELECT 1 FROM stories WHERE id = $1) AS "storyExists",
                (SELECT status FROM stories WHERE id = $1) AS status,
                coalesce((SELECT array_remove(ARRAY[
                   CASE WHEN title IS NOT NULL THEN 'title' END,
                   CASE WHEN body IS NOT NULL THEN 'body' END,
                   CASE WHEN segments IS NOT NULL THEN 'segments' END,
                   CASE WHEN display_name IS NOT NULL THEN 'display_name' END,
                   CASE WHEN content_sha256 IS NOT NULL THEN 'content_sha256' END,
                   CASE WHEN rejection_reason IS NOT NULL THEN 'rejection_reason' END,
                   CASE WHEN contributor_themes <> '{}' THEN 'contributor_themes' END,
                   CASE WHEN content_warnings <> '{}' THEN 'content_warnings' END
                 ]::text[], NULL) FROM stories WHERE id = $1), '{}') AS "storyFieldsWithContent",
                (SELECT count(*)::int FROM story_revisions WHERE story_id = $1) AS revisions,
                (SELECT count(*)::int FROM chunks WHERE story_id = $1) AS chunks,
                (SELECT count(*)::int FROM chunks WHERE story_id = $1 AND embedding IS NOT NULL) AS embeddings,
                (SELECT count(*)::int FROM story_themes WHERE story_id = $1) AS themes,
                (SELECT count(*)::int FROM story_pseudonyms WHERE story_id = $1) AS pseudonyms,
                (SELECT count(*)::int FROM collection_items WHERE story_id = $1) AS "collectionItems",
                coalesce((SELECT lexical_version < index_version FROM stories WHERE id = $1), false) AS "purgePending"`,
        [storyId],
      );
      return result.rows[0]!;
    },
  };
}
