import type { Queryable } from '../../db/db.js';
import type { Segment } from '../../indexer/ingest/story-record.js';
import type { PseudonymEntry } from '../moderation/redaction.js';
import type { DisplayMode, StoryKind, StoryStatus } from './story.repository.js';

/**
 * Stories on their way to publication, as their contributor and the editors see them: the
 * current revision in full, whatever the consent's audience (these readers are the teller and
 * the people who publish). Nothing here is reachable through search.
 */
export interface ReviewedStory {
  readonly id: string;
  readonly status: StoryStatus;
  readonly source: 'import' | 'contribution';
  readonly kind: StoryKind;
  readonly language: string;
  readonly title: string | null;
  readonly body: string | null;
  readonly segments: readonly Segment[] | null;
  readonly revision: number;
  readonly approvedRevision: number | null;
  readonly indexVersion: number;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly contributorThemes: readonly string[];
  readonly confirmedThemes: readonly string[];
  readonly suggestedThemes: readonly { readonly slug: string; readonly score: number }[];
  readonly rejectionReason: string | null;
  readonly indexError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
}

/** A line of the moderation queue: no text but the title. */
export type QueueEntry = Pick<ReviewedStory, 'id' | 'status' | 'source' | 'kind' | 'language' | 'title' | 'revision' | 'approvedRevision' | 'createdAt' | 'updatedAt'>;


const REVIEW_COLUMNS = `s.id, s.status, s.source, s.kind, s.language, s.title, s.body, s.segments, s.revision,
  s.approved_revision AS "approvedRevision", s.index_version AS "indexVersion", s.display_mode AS "displayMode",
  s.display_name AS "displayName", s.content_warnings AS "contentWarnings", s.contributor_themes AS "contributorThemes",
  ARRAY(SELECT theme_slug FROM story_themes t WHERE t.story_id = s.id AND t.source = 'confirmed' ORDER BY theme_slug) AS "confirmedThemes",
  coalesce((SELECT json_agg(json_build_object('slug', theme_slug, 'score', score) ORDER BY score DESC)
            FROM story_themes t WHERE t.story_id = s.id AND t.source = 'suggested'), '[]'::json) AS "suggestedThemes",
  s.rejection_reason AS "rejectionReason", s.index_error AS "indexError",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.published_at AS "publishedAt"`;

export function createReviewRepository(db: Queryable) {
  const get = async (id: string, tx: Queryable = db): Promise<ReviewedStory | undefined> => {
    const result = await tx.query<ReviewedStory>(`SELECT ${REVIEW_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
    return result.rows[0];
  };
  return {
    get,

    /** Locks the story for a state change; the transaction re-reads what it decides on. */
    async lock(tx: Queryable, id: string): Promise<ReviewedStory | undefined> {
      await tx.query(`SELECT 1 FROM stories WHERE id = $1 FOR UPDATE`, [id]);
      return get(id, tx);
    },

    /** The moderation queue: oldest first, so nobody waits behind later arrivals. */
    async queue(statuses: readonly StoryStatus[], limit: number): Promise<QueueEntry[]> {
      const result = await db.query<QueueEntry>(
        `SELECT id, status, source, kind, language, title, revision, approved_revision AS "approvedRevision",
                created_at AS "createdAt", updated_at AS "updatedAt"
         FROM stories WHERE status = ANY($1::text[]) ORDER BY created_at, id LIMIT $2`,
        [[...statuses], limit],
      );
      return result.rows;
    },

    async setStatus(
      tx: Queryable,
      id: string,
      change: { status: Exclude<StoryStatus, 'withdrawn'>; rejectionReason?: string | null; approvedRevision?: number },
    ): Promise<number> {
      const result = await tx.query<{ indexVersion: number }>(
        `UPDATE stories SET status = $2, rejection_reason = $3, approved_revision = coalesce($4, approved_revision),
                published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END,
                index_version = index_version + 1, updated_at = now()
         WHERE id = $1 RETURNING index_version AS "indexVersion"`,
        [id, change.status, change.rejectionReason ?? null, change.approvedRevision ?? null],
      );
      return result.rows[0]!.indexVersion;
    },

    async pseudonyms(storyId: string, tx: Queryable = db): Promise<PseudonymEntry[]> {
      const result = await tx.query<PseudonymEntry>(
        `SELECT original, replacement, category FROM story_pseudonyms WHERE story_id = $1 ORDER BY created_at, original`,
        [storyId],
      );
      return result.rows;
    },

    async savePseudonyms(tx: Queryable, storyId: string, entries: readonly PseudonymEntry[]): Promise<void> {
      for (const entry of entries) {
        await tx.query(
          `INSERT INTO story_pseudonyms (story_id, original, replacement, category) VALUES ($1, $2, $3, $4)
           ON CONFLICT (story_id, original) DO UPDATE SET replacement = EXCLUDED.replacement, category = EXCLUDED.category`,
          [storyId, entry.original, entry.replacement, entry.category],
        );
      }
    },

    /** Number of revisions kept (the contributor's and each edit). */
    async revisions(storyId: string): Promise<{ revision: number; createdAt: Date }[]> {
      const result = await db.query<{ revision: number; createdAt: Date }>(
        `SELECT revision, created_at AS "createdAt" FROM story_revisions WHERE story_id = $1 ORDER BY revision`,
        [storyId],
      );
      return result.rows;
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
