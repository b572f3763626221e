import type { Queryable } from '../../db/db.js';
import type { Segment } from '../../indexer/ingest/story-record.js';
import type { ConsentScopes } from '../consent/audience.js';
import type { StoryKind, StoryStatus } from './story.repository.js';

/** Where a story stands: which version each engine holds. */
export interface StoryIndexState {
  readonly status: StoryStatus;
  readonly indexVersion: number;
  readonly indexedVersion: number;
  readonly lexicalVersion: number;
}

/** Everything the engines filter on, without the text: what a lexical sync sends beside each passage. */
export interface StoryFields extends StoryIndexState {
  readonly id: string;
  readonly revision: number;
  readonly kind: StoryKind;
  readonly language: string;
  readonly title: string | null;
  readonly contentWarnings: readonly string[];
  readonly confirmedThemes: readonly string[];
  /** The current consent receipt's scopes; null only for a story without one (never imported so). */
  readonly scopes: ConsentScopes | null;
}

/** What the index-story job reads: the fields and the content it chunks. */
export interface IndexableStory extends StoryFields {
  readonly body: string | null;
  readonly segments: readonly Segment[] | null;
}

export interface ThemeSuggestionRow {
  readonly slug: string;
  readonly score: number;
}

const STATE_COLUMNS = `s.status, s.index_version AS "indexVersion", s.indexed_version AS "indexedVersion", s.lexical_version AS "lexicalVersion"`;

const FIELD_COLUMNS = `s.id, ${STATE_COLUMNS}, s.revision, s.kind, s.language, s.title, s.content_warnings AS "contentWarnings",
    ARRAY(SELECT theme_slug FROM story_themes t WHERE t.story_id = s.id AND t.source = 'confirmed' ORDER BY theme_slug) AS "confirmedThemes",
    (SELECT json_build_object('public', c.scope_public, 'clinicians', c.scope_clinicians, 'teaching', c.scope_teaching,
                              'research', c.scope_research, 'quote', c.scope_quote)
       FROM consent_receipts c WHERE c.story_id = s.id AND c.superseded_at IS NULL AND c.withdrawn_at IS NULL) AS scopes`;

/** The indexing side of stories: what jobs read, and the state they record. */
export function createStoryIndexRepository(db: Queryable) {
  return {
    async load(id: string): Promise<IndexableStory | undefined> {
      const result = await db.query<IndexableStory>(`SELECT ${FIELD_COLUMNS}, s.body, s.segments FROM stories s WHERE s.id = $1`, [id]);
      return result.rows[0];
    },

    /** The fields of many stories, without their text (a lexical sync reads passages from chunks). */
    async fieldsOf(ids: readonly string[]): Promise<StoryFields[]> {
      const result = await db.query<StoryFields>(`SELECT ${FIELD_COLUMNS} FROM stories s WHERE s.id = ANY($1::uuid[]) ORDER BY s.id`, [[...ids]]);
      return result.rows;
    },

    /** Versions and status only: the cheap check jobs make before and after their work. */
    async state(id: string): Promise<StoryIndexState | undefined> {
      const result = await db.query<StoryIndexState>(`SELECT ${STATE_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
      return result.rows[0];
    },

    /** Locks the story row for the rest of the caller's transaction and returns its current version. */
    async lockVersion(id: string): Promise<StoryIndexState | undefined> {
      const result = await db.query<StoryIndexState>(`SELECT ${STATE_COLUMNS} FROM stories s WHERE s.id = $1 FOR UPDATE`, [id]);
      return result.rows[0];
    },

    /** Suggested theme slugs of each of these stories (for the lexical engine's theme filter). */
    async suggestedThemeSlugs(ids: readonly string[]): Promise<Map<string, string[]>> {
      const result = await db.query<{ storyId: string; slugs: string[] }>(
        `SELECT story_id AS "storyId", array_agg(theme_slug ORDER BY theme_slug) AS slugs FROM story_themes
         WHERE story_id = ANY($1::uuid[]) AND source = 'suggested' GROUP BY story_id`,
        [[...ids]],
      );
      return new Map(result.rows.map((row) => [row.storyId, row.slugs]));
    },

    /** Suggestions are recomputed on every indexing; a confirmed theme is never overwritten. */
    async replaceSuggestedThemes(tx: Queryable, id: string, suggestions: readonly ThemeSuggestionRow[]): Promise<void> {
      await tx.query(`DELETE FROM story_themes WHERE story_id = $1 AND source = 'suggested'`, [id]);
      if (suggestions.length === 0) return;
      await tx.query(
        `INSERT INTO story_themes (story_id, theme_slug, source, score)
         SELECT $1, slug, 'suggested', score FROM unnest($2::text[], $3::real[]) AS s(slug, score)
         ON CONFLICT (story_id, theme_slug) DO NOTHING`,
        [id, suggestions.map((s) => s.slug), suggestions.map((s) => s.score)],
      );
    },

    /**
     * PostgreSQL now holds `version` (and so does the lexical engine when it is PostgreSQL's
     * own full-text search); an older job finishing late never moves either back.
     */
    async markIndexed(id: string, version: number, options: { lexicalToo: boolean }): Promise<void> {
      await db.query(
        `UPDATE stories SET indexed_version = GREATEST(indexed_version, $2), index_error = NULL,
                lexical_version = CASE WHEN $3 THEN GREATEST(lexical_version, $2) ELSE lexical_version END
         WHERE id = $1`,
        [id, version, options.lexicalToo],
      );
    },

    /** Purged everywhere: nothing of `version` or before is left to index or sync. */
    async markPurged(id: string, version: number): Promise<void> {
      await db.query(
        `UPDATE stories SET indexed_version = GREATEST(indexed_version, $2), lexical_version = GREATEST(lexical_version, $2) WHERE id = $1`,
        [id, version],
      );
    },

    /**
     * Locks up to `limit` stories whose lexical engine lags behind PostgreSQL, for the rest of
     * the caller's transaction. Locked in id order, so two syncs never deadlock; a sync that
     * finds rows locked waits for the other and then sees what is still behind.
     */
    async claimLexicalBacklog(limit: number): Promise<{ id: string; indexedVersion: number }[]> {
      const result = await db.query<{ id: string; indexedVersion: number }>(
        `SELECT id, indexed_version AS "indexedVersion" FROM stories
         WHERE lexical_version < indexed_version AND status <> 'withdrawn' ORDER BY id LIMIT $1 FOR UPDATE`,
        [limit],
      );
      return result.rows;
    },

    async markLexicalSynced(synced: readonly { id: string; indexedVersion: number }[]): Promise<void> {
      if (synced.length === 0) return;
      await db.query(
        `UPDATE stories s SET lexical_version = GREATEST(s.lexical_version, v.version)
         FROM unnest($1::uuid[], $2::int[]) AS v(id, version) WHERE s.id = v.id`,
        [synced.map((x) => x.id), synced.map((x) => x.indexedVersion)],
      );
    },

    /** Of these stories, the live ones whose lexical engine still lags behind PostgreSQL. */
    async lexicalBacklogAmong(ids: readonly string[]): Promise<{ id: string; indexedVersion: number }[]> {
      const result = await db.query<{ id: string; indexedVersion: number }>(
        `SELECT id, indexed_version AS "indexedVersion" FROM stories
         WHERE id = ANY($1::uuid[]) AND lexical_version < indexed_version AND status <> 'withdrawn'`,
        [[...ids]],
      );
      return result.rows;
    },

    async needingLexicalSync(limit = 10_000): Promise<{ id: string; indexedVersion: number }[]> {
      const result = await db.query<{ id: string; indexedVersion: number }>(
        `SELECT id, indexed_version AS "indexedVersion" FROM stories
         WHERE lexical_version < indexed_version AND status <> 'withdrawn' ORDER BY id LIMIT $1`,
        [limit],
      );
      return result.rows;
    },

    /** The dead letter: indexing gave up; the reason stays on the story until a later success. */
    async recordFailure(id: string, reason: string): Promise<void> {
      await db.query(`UPDATE stories SET index_error = $2 WHERE id = $1`, [id, reason.slice(0, 2000)]);
    },

    /** Stories whose engines lag behind (a lost job, a crash between commit and enqueue). */
    async needingIndexing(limit = 10_000): Promise<{ id: string; indexVersion: number }[]> {
      const result = await db.query<{ id: string; indexVersion: number }>(
        `SELECT id, index_version AS "indexVersion" FROM stories
         WHERE indexed_version < index_version AND status <> 'withdrawn' ORDER BY created_at, id LIMIT $1`,
        [limit],
      );
      return result.rows;
    },

    /** Withdrawn stories whose passages may still sit in the lexical engine. */
    async withdrawnNeedingPurge(limit = 10_000): Promise<{ id: string; indexVersion: number }[]> {
      const result = await db.query<{ id: string; indexVersion: number }>(
        `SELECT id, index_version AS "indexVersion" FROM stories
         WHERE lexical_version < index_version AND status = 'withdrawn' ORDER BY id LIMIT $1`,
        [limit],
      );
      return result.rows;
    },

    /**
     * A reindex is a change every engine must reflect (new embeddings): each story gets a new
     * version, so its index-story and sync-lexical jobs are new jobs, not repeats of done ones.
     */
    async bumpForReindex(ids: readonly string[]): Promise<{ id: string; indexVersion: number }[]> {
      const result = await db.query<{ id: string; indexVersion: number }>(
        `UPDATE stories SET index_version = index_version + 1 WHERE id = ANY($1::uuid[]) AND status <> 'withdrawn'
         RETURNING id, index_version AS "indexVersion"`,
        [[...ids]],
      );
      return result.rows;
    },

    /** For `levd reindex`: every live story, or those with a passage made by another model (or none yet). */
    async forReindex(mode: 'all' | 'changed-model', model: string): Promise<string[]> {
      const result = await db.query<{ id: string }>(
        mode === 'all'
          ? `SELECT id FROM stories WHERE status <> 'withdrawn' ORDER BY created_at, id`
          : `SELECT s.id FROM stories s
             WHERE s.status <> 'withdrawn'
               AND (EXISTS (SELECT 1 FROM chunks c WHERE c.story_id = s.id AND c.model IS DISTINCT FROM $1)
                    OR NOT EXISTS (SELECT 1 FROM chunks c WHERE c.story_id = s.id))
             ORDER BY s.created_at, s.id`,
        mode === 'all' ? [] : [model],
      );
      return result.rows.map((row) => row.id);
    },
  };
}

export type StoryIndexRepository = ReturnType<typeof createStoryIndexRepository>;
