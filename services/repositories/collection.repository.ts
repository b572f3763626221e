import type { Queryable } from '../../db/db.js';
import type { Audience } from '../consent/audience.js';
import type { Segment } from '../../indexer/ingest/story-record.js';
import { quoteAllowed, visibleStory } from './visibility.js';
import { shownDisplayName, themeSlugs } from './story-columns.js';

/**
 * Educators' collections and their items. Every read names the owner, so a collection that
 * is not the caller's does not exist for these queries; every read of items goes through the
 * visibility predicate with the teaching audience, so an item whose story no longer allows
 * teaching is not fetched (and returns if the teller widens consent again).
 *
 * The repository is bound to one connection: the service makes one per transaction (over `tx`)
 * and every query of that repository runs in it.
 */

/** Collections are teaching material: only the `teaching` scope lets a passage into one. */
const TEACHING: readonly Audience[] = ['teaching'];

export interface CollectionRow {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly itemCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What the range of an item is cut from: the story's text, as the story page lays it out. */
export interface StorySource {
  readonly storyId: string;
  readonly body: string | null;
  readonly segments: readonly Segment[] | null;
  readonly revision: number;
}

export interface ItemRow extends StorySource {
  readonly id: string;
  readonly startChar: number;
  readonly endChar: number;
  readonly note: string;
  readonly position: number;
  /** null for items made before revisions were recorded. */
  readonly storyRevision: number | null;
  readonly storyTitle: string;
  readonly displayName: string | null;
  readonly themes: string[];
  readonly quoteAllowed: boolean;
}

const SUMMARY_COLUMNS = `c.id, c.title, c.description, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM collection_items i JOIN stories s ON s.id = i.story_id
   WHERE i.collection_id = c.id AND ${visibleStory('s', 2)}) AS "itemCount"`;

export function createCollectionRepository(db: Queryable) {
  return {
    async listOwned(ownerId: string): Promise<CollectionRow[]> {
      const result = await db.query<CollectionRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM collections c WHERE c.owner_id = $1 ORDER BY c.updated_at DESC, c.id`,
        [ownerId, [...TEACHING]],
      );
      return result.rows;
    },

    async findOwned(ownerId: string, id: string): Promise<CollectionRow | undefined> {
      const result = await db.query<CollectionRow>(`SELECT ${SUMMARY_COLUMNS} FROM collections c WHERE c.owner_id = $1 AND c.id = $3`, [
        ownerId,
        [...TEACHING],
        id,
      ]);
      return result.rows[0];
    },

    /** Locks the collection (FOR UPDATE): changes to one collection and its items serialise. */
    async lockOwned(ownerId: string, id: string): Promise<boolean> {
      const result = await db.query(`SELECT 1 FROM collections WHERE owner_id = $1 AND id = $2 FOR UPDATE`, [ownerId, id]);
      return result.rowCount > 0;
    },

    async insert(ownerId: string, fields: { title: string; description: string }): Promise<string> {
      const result = await db.query<{ id: string }>(`INSERT INTO collections (owner_id, title, description) VALUES ($1, $2, $3) RETURNING id`, [
        ownerId,
        fields.title,
        fields.description,
      ]);
      return result.rows[0]!.id;
    },

    /** Title and description; `updated_at` is the caller's to set with `touch` (every change does, once). */
    async update(id: string, fields: { title?: string | undefined; description?: string | undefined }): Promise<void> {
      await db.query(
        `UPDATE collections SET title = coalesce($2, title), description = coalesce($3, description) WHERE id = $1`,
        [id, fields.title ?? null, fields.description ?? null],
      );
    },

    async touch(id: string): Promise<void> {
      await db.query(`UPDATE collections SET updated_at = now() WHERE id = $1`, [id]);
    },

    async delete(id: string): Promise<void> {
      await db.query(`DELETE FROM collections WHERE id = $1`, [id]);
    },

    /** The collection's items whose stories allow teaching now, in order, with what the reader shows of each story. */
    async visibleItems(collectionId: string): Promise<ItemRow[]> {
      const result = await db.query<ItemRow>(
        `SELECT i.id, i.story_id AS "storyId", i.start_char AS "startChar", i.end_char AS "endChar", i.note, i.position,
                i.story_revision AS "storyRevision", s.revision, s.title AS "storyTitle", s.body, s.segments,
                ${shownDisplayName('s')} AS "displayName", ${themeSlugs('s')} AS themes,
                ${quoteAllowed('s')} AS "quoteAllowed"
         FROM collection_items i JOIN stories s ON s.id = i.story_id
         WHERE i.collection_id = $1 AND ${visibleStory('s', 2)}
         ORDER BY i.position, i.created_at, i.id`,
        [collectionId, [...TEACHING]],
      );
      return result.rows;
    },

    /** Whether the collection holds this item and its story allows teaching now (one row checked, no text read). */
    async visibleItemExists(collectionId: string, itemId: string): Promise<boolean> {
      const result = await db.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM collection_items i JOIN stories s ON s.id = i.story_id
                        WHERE i.collection_id = $1 AND i.id = $3 AND ${visibleStory('s', 2)}) AS found`,
        [collectionId, [...TEACHING], itemId],
      );
      return result.rows[0]?.found === true;
    },

    /** The ids of the items `visibleItems` returns, in the same order, without reading any story. */
    async visibleItemIds(collectionId: string): Promise<string[]> {
      const result = await db.query<{ id: string }>(
        `SELECT i.id FROM collection_items i JOIN stories s ON s.id = i.story_id
         WHERE i.collection_id = $1 AND ${visibleStory('s', 2)}
         ORDER BY i.position, i.created_at, i.id`,
        [collectionId, [...TEACHING]],
      );
      return result.rows.map((row) => row.id);
    },

    /** Every item id of the collection, hidden ones too, in order (a reorder keeps hidden ones after the rest). */
    async allItemIds(collectionId: string): Promise<string[]> {
      const result = await db.query<{ id: string }>(`SELECT id FROM collection_items WHERE collection_id = $1 ORDER BY position, created_at, id`, [
        collectionId,
      ]);
      return result.rows.map((row) => row.id);
    },

    async countItems(collectionId: string): Promise<number> {
      const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_items WHERE collection_id = $1`, [collectionId]);
      return result.rows[0]!.n;
    },

    /**
     * The story's text if it allows teaching now, locked FOR SHARE until the transaction ends:
     * a withdrawal (which locks the row FOR UPDATE and deletes the story's items) waits for the
     * new item to commit and then deletes it too, instead of missing it.
     */
    async teachingSourceForShare(storyId: string): Promise<StorySource | undefined> {
      const result = await db.query<StorySource>(
        `SELECT s.id AS "storyId", s.body, s.segments, s.revision FROM stories s
         WHERE s.id = $1 AND ${visibleStory('s', 2)} FOR SHARE OF s`,
        [storyId, [...TEACHING]],
      );
      return result.rows[0];
    },

    async insertItem(
      item: { collectionId: string; storyId: string; startChar: number; endChar: number; note: string; storyRevision: number },
    ): Promise<string> {
      const result = await db.query<{ id: string }>(
        `INSERT INTO collection_items (collection_id, story_id, start_char, end_char, note, story_revision, position)
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT coalesce(max(position) + 1, 0) FROM collection_items WHERE collection_id = $1))
         RETURNING id`,
        [item.collectionId, item.storyId, item.startChar, item.endChar, item.note, item.storyRevision],
      );
      return result.rows[0]!.id;
    },

    async updateNote(collectionId: string, itemId: string, note: string): Promise<boolean> {
      const result = await db.query(`UPDATE collection_items SET note = $3 WHERE collection_id = $1 AND id = $2`, [collectionId, itemId, note]);
      return result.rowCount > 0;
    },

    async deleteItem(collectionId: string, itemId: string): Promise<boolean> {
      const result = await db.query(`DELETE FROM collection_items WHERE collection_id = $1 AND id = $2`, [collectionId, itemId]);
      return result.rowCount > 0;
    },

    /** Positions 0…n-1 in this order (the unique position constraint is checked at commit). */
    async setOrder(collectionId: string, itemIds: readonly string[]): Promise<void> {
      await db.query(
        `UPDATE collection_items i SET position = o.ordinality - 1
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ordinality)
         WHERE i.collection_id = $1 AND i.id = o.id`,
        [collectionId, [...itemIds]],
      );
    },
  };
}

export type CollectionRepository = ReturnType<typeof createCollectionRepository>;
