import type { Queryable } from '../../db/db.js';
import type { Segment } from '../../indexer/ingest/story-record.js';

export const STORY_STATUSES = ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected', 'withdrawn'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];
export type StoryKind = 'written' | 'interview';
export type DisplayMode = 'name' | 'pseudonym' | 'anonymous';

/** A story's content: what a revision holds and what chunking reads. */
export interface StoryContent {
  readonly title: string;
  readonly language: string;
  readonly kind: StoryKind;
  readonly body: string | null;
  readonly segments: readonly Segment[] | null;
}

/** The stored facts an import compares a record with (no text: only its hash). */
export interface StoryHead {
  readonly id: string;
  readonly externalId: string | null;
  readonly status: StoryStatus;
  readonly kind: StoryKind;
  readonly language: string;
  readonly revision: number;
  readonly indexVersion: number;
  readonly indexedVersion: number;
  readonly contentSha256: string | null;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly isFictional: boolean;
  readonly confirmedThemes: readonly string[];
}

export interface NewStory extends StoryContent {
  /** The importer's id; null for a story submitted through the contribution form. */
  readonly externalId: string | null;
  readonly status: StoryStatus;
  readonly contentSha256: string;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly isFictional: boolean;
  /** A contribution: its contributor approved revision 1 by submitting it, and suggested these themes. */
  readonly contribution?: { readonly contributorThemes: readonly string[] };
}

const HEAD_COLUMNS = `s.id, s.external_id AS "externalId", s.status, s.kind, s.language, s.revision,
  s.index_version AS "indexVersion", s.indexed_version AS "indexedVersion", s.content_sha256 AS "contentSha256",
  s.display_mode AS "displayMode", s.display_name AS "displayName", s.content_warnings AS "contentWarnings",
  s.is_fictional AS "isFictional",
  ARRAY(SELECT theme_slug FROM story_themes t WHERE t.story_id = s.id AND t.source = 'confirmed' ORDER BY theme_slug) AS "confirmedThemes"`;

/** Stories, their revisions and confirmed themes. Pass the transaction's Queryable for writes. */
export function createStoryRepository(db: Queryable) {
  return {
    async count(): Promise<number> {
      const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stories`);
      return result.rows[0]!.n;
    },

    /** Locks the row (FOR UPDATE) so two imports of the same id serialise. */
    async findByExternalIdForUpdate(tx: Queryable, externalId: string): Promise<StoryHead | undefined> {
      const result = await tx.query<StoryHead>(`SELECT ${HEAD_COLUMNS} FROM stories s WHERE s.external_id = $1 FOR UPDATE`, [externalId]);
      return result.rows[0];
    },

    /** Locks the row (FOR UPDATE): a withdrawal or review step serialises with every other change. */
    async lockHead(tx: Queryable, id: string): Promise<StoryHead | undefined> {
      const result = await tx.query<StoryHead>(`SELECT ${HEAD_COLUMNS} FROM stories s WHERE s.id = $1 FOR UPDATE`, [id]);
      return result.rows[0];
    },

    /** A plain read by externalId (no lock): tools such as `levd eval` that only look. */
    async findByExternalId(externalId: string): Promise<StoryHead | undefined> {
      const result = await db.query<StoryHead>(`SELECT ${HEAD_COLUMNS} FROM stories s WHERE s.external_id = $1`, [externalId]);
      return result.rows[0];
    },

    async head(id: string, tx: Queryable = db): Promise<StoryHead | undefined> {
      const result = await tx.query<StoryHead>(`SELECT ${HEAD_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
      return result.rows[0];
    },

    async insert(tx: Queryable, story: NewStory): Promise<string> {
      const result = await tx.query<{ id: string }>(
        `INSERT INTO stories (external_id, kind, status, title, language, body, segments, display_mode, display_name,
                              content_warnings, is_fictional, content_sha256, published_at, source, approved_revision, contributor_themes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $3 = 'published' THEN now() END,
                 $13, CASE WHEN $13 = 'contribution' THEN 1 END, $14)
         RETURNING id`,
        [
          story.externalId, story.kind, story.status, story.title, story.language, story.body, jsonOrNull(story.segments),
          story.displayMode, story.displayName, [...story.contentWarnings], story.isFictional, story.contentSha256,
          story.contribution ? 'contribution' : 'import', [...(story.contribution?.contributorThemes ?? [])],
        ],
      );
      const id = result.rows[0]!.id;
      await insertRevision(tx, id, 1, story);
      return id;
    },

    /** A content change: the next revision, stored alongside the earlier ones. */
    async reviseContent(tx: Queryable, id: string, content: StoryContent & { contentSha256: string }): Promise<number> {
      const result = await tx.query<{ revision: number }>(
        `UPDATE stories SET title = $2, language = $3, body = $4, segments = $5, content_sha256 = $6, kind = $7,
                revision = revision + 1, updated_at = now()
         WHERE id = $1 RETURNING revision`,
        [id, content.title, content.language, content.body, jsonOrNull(content.segments), content.contentSha256, content.kind],
      );
      const revision = result.rows[0]!.revision;
      await insertRevision(tx, id, revision, content);
      return revision;
    },

    async updateDetails(
      tx: Queryable,
      id: string,
      details: { displayMode: DisplayMode; displayName: string | null; contentWarnings: readonly string[]; isFictional: boolean },
    ): Promise<void> {
      await tx.query(
        `UPDATE stories SET display_mode = $2, display_name = $3, content_warnings = $4, is_fictional = $5, updated_at = now() WHERE id = $1`,
        [id, details.displayMode, details.displayName, [...details.contentWarnings], details.isFictional],
      );
    },

    async setStatus(tx: Queryable, id: string, status: Exclude<StoryStatus, 'withdrawn'>): Promise<void> {
      await tx.query(
        `UPDATE stories SET status = $2, updated_at = now(),
                published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
         WHERE id = $1`,
        [id, status],
      );
    },

    async replaceConfirmedThemes(tx: Queryable, id: string, slugs: readonly string[]): Promise<void> {
      await tx.query(`DELETE FROM story_themes WHERE story_id = $1 AND (source = 'confirmed' OR theme_slug = ANY($2))`, [id, [...slugs]]);
      await tx.query(
        `INSERT INTO story_themes (story_id, theme_slug, source) SELECT $1, slug, 'confirmed' FROM unnest($2::text[]) AS slug`,
        [id, [...slugs]],
      );
    },

    /** Every change the engines must reflect bumps this; the returned version goes into the job. */
    async bumpIndexVersion(tx: Queryable, id: string): Promise<number> {
      const result = await tx.query<{ version: number }>(
        `UPDATE stories SET index_version = index_version + 1 WHERE id = $1 RETURNING index_version AS version`,
        [id],
      );
      return result.rows[0]!.version;
    },

    /**
     * Withdrawal of everything: the row stays as a content-free tombstone (consent receipts
     * and the audit trail still name it); text, revisions, chunks (with their embeddings),
     * themes, the pseudonym map and collection items go.
     */
    async eraseContent(tx: Queryable, id: string): Promise<void> {
      await tx.query(`DELETE FROM chunks WHERE story_id = $1`, [id]);
      await tx.query(`DELETE FROM story_revisions WHERE story_id = $1`, [id]);
      await tx.query(`DELETE FROM story_themes WHERE story_id = $1`, [id]);
      await tx.query(`DELETE FROM story_pseudonyms WHERE story_id = $1`, [id]);
      await tx.query(`DELETE FROM collection_items WHERE story_id = $1`, [id]);
      await tx.query(
        `UPDATE stories SET status = 'withdrawn', title = NULL, body = NULL, segments = NULL, display_name = NULL,
                content_sha256 = NULL, content_warnings = '{}', index_error = NULL, index_version = index_version + 1,
                rejection_reason = NULL, contributor_themes = '{}', updated_at = now()
         WHERE id = $1`,
        [id],
      );
    },

    /** A story known only as withdrawn (imported with its consent already withdrawn). */
    async insertTombstone(tx: Queryable, story: { externalId: string; kind: StoryKind; language: string; displayMode: DisplayMode }): Promise<string> {
      const result = await tx.query<{ id: string }>(
        `INSERT INTO stories (external_id, kind, status, language, display_mode) VALUES ($1, $2, 'withdrawn', $3, $4) RETURNING id`,
        [story.externalId, story.kind, story.language, story.displayMode],
      );
      return result.rows[0]!.id;
    },
  };
}

async function insertRevision(tx: Queryable, id: string, revision: number, content: StoryContent & { contentSha256: string }): Promise<void> {
  await tx.query(
    `INSERT INTO story_revisions (story_id, revision, title, language, body, segments, content_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, revision, content.title, content.language, content.body, jsonOrNull(content.segments), content.contentSha256],
  );
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export type StoryRepository = ReturnType<typeof createStoryRepository>;
