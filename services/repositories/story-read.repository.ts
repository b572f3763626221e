import type { Queryable } from '../../db/db.js';
import type { Audience } from '../consent/audience.js';
import { visibleStory } from './visibility.js';
import { shownDisplayName, themeSlugs } from './story-columns.js';

/**
 * What readers are shown of stories and passages, always through the visibility predicate:
 * a story the caller may not see does not exist for these queries (it is not fetched and
 * dropped afterwards).
 */
export interface StoryCardRow {
  readonly id: string;
  readonly externalId: string | null;
  readonly title: string;
  readonly language: string;
  readonly kind: 'written' | 'interview';
  /** Confirmed themes first, then suggested, each in taxonomy order. */
  readonly themes: string[];
  readonly contentWarnings: string[];
  /** null when the teller chose to be anonymous. */
  readonly displayName: string | null;
}

export interface StoryPageRow extends StoryCardRow {
  readonly body: string | null;
  readonly segments: { speaker?: string; start?: number; end?: number; text: string }[] | null;
  readonly publishedAt: Date | string | null;
}

export interface PassageRow {
  readonly id: string;
  readonly storyId: string;
  readonly ordinal: number;
  readonly text: string;
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker: string | null;
  readonly startSeconds: number | null;
  readonly endSeconds: number | null;
}

const CARD_COLUMNS = `
  s.id, s.external_id AS "externalId", s.title, s.language, s.kind, s.content_warnings AS "contentWarnings",
  ${shownDisplayName('s')} AS "displayName", ${themeSlugs('s')} AS themes`;

const PASSAGE_COLUMNS = `
  c.id, c.story_id AS "storyId", c.ordinal, c.text, c.start_char AS "startChar", c.end_char AS "endChar",
  c.speaker, c.start_seconds AS "startSeconds", c.end_seconds AS "endSeconds"`;

export function createStoryReadRepository(db: Queryable) {
  return {
    /** Cards of those of `ids` the audiences may see, in no particular order. */
    async cards(ids: readonly string[], audiences: readonly Audience[]): Promise<StoryCardRow[]> {
      if (ids.length === 0) return [];
      const result = await db.query<StoryCardRow>(
        `SELECT ${CARD_COLUMNS} FROM stories s WHERE s.id = ANY($1::uuid[]) AND ${visibleStory('s', 2)}`,
        [[...ids], [...audiences]],
      );
      return result.rows;
    },

    /** A story in full, if the audiences may see it. */
    async page(id: string, audiences: readonly Audience[]): Promise<StoryPageRow | undefined> {
      const result = await db.query<StoryPageRow>(
        `SELECT ${CARD_COLUMNS}, s.body, s.segments, s.published_at AS "publishedAt"
         FROM stories s WHERE s.id = $1 AND ${visibleStory('s', 2)}`,
        [id, [...audiences]],
      );
      return result.rows[0];
    },

    /** These passages, of stories the audiences may see. */
    async passages(ids: readonly string[], audiences: readonly Audience[]): Promise<PassageRow[]> {
      if (ids.length === 0) return [];
      const result = await db.query<PassageRow>(
        `SELECT ${PASSAGE_COLUMNS} FROM chunks c JOIN stories s ON s.id = c.story_id
         WHERE c.id = ANY($1::uuid[]) AND ${visibleStory('s', 2)}`,
        [[...ids], [...audiences]],
      );
      return result.rows.map(numericPassage);
    },

    /** A visible story's passages in story order, without their text (the story page marks them). */
    async passageMarks(storyId: string, audiences: readonly Audience[]): Promise<Omit<PassageRow, 'text'>[]> {
      const result = await db.query<Omit<PassageRow, 'text'>>(
        `SELECT c.id, c.story_id AS "storyId", c.ordinal, c.start_char AS "startChar", c.end_char AS "endChar",
                c.speaker, c.start_seconds AS "startSeconds", c.end_seconds AS "endSeconds"
         FROM chunks c JOIN stories s ON s.id = c.story_id
         WHERE c.story_id = $1 AND ${visibleStory('s', 2)}
         ORDER BY c.ordinal`,
        [storyId, [...audiences]],
      );
      return result.rows.map(numericPassage);
    },

    /** Visible stories per theme (confirmed or suggested). */
    async themeCounts(audiences: readonly Audience[]): Promise<Map<string, number>> {
      const result = await db.query<{ slug: string; n: number }>(
        `SELECT st.theme_slug AS slug, count(*)::int AS n
         FROM story_themes st JOIN stories s ON s.id = st.story_id
         WHERE ${visibleStory('s', 1)}
         GROUP BY st.theme_slug`,
        [[...audiences]],
      );
      return new Map(result.rows.map((row) => [row.slug, Number(row.n)]));
    },
  };
}

export type StoryReadRepository = ReturnType<typeof createStoryReadRepository>;

function numericPassage<T extends Omit<PassageRow, 'text'>>(row: T): T {
  return {
    ...row,
    ordinal: Number(row.ordinal),
    startChar: Number(row.startChar),
    endChar: Number(row.endChar),
    startSeconds: row.startSeconds === null ? null : Number(row.startSeconds),
    endSeconds: row.endSeconds === null ? null : Number(row.endSeconds),
  };
}
