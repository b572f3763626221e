import type { Db } from '../../db/db.js';
import type { PassageFilter } from '../search/passage-filter.js';
import { vectorFromSql, vectorToSql } from './vector-codec.js';
import { storyFilter, visibleStory } from './visibility.js';

/** How many index tuples an HNSW scan may visit looking for passages that pass the filter. */
const MAX_SCAN_TUPLES = 40_000;
/** pgvector's ceiling for hnsw.ef_search; the iterative scan goes past it when a query wants more. */
const MAX_EF_SEARCH = 1_000;

/** A passage found by meaning: cosine distance (0 = same direction, 2 = opposite). */
export interface VectorHit {
  readonly passageId: string;
  readonly storyId: string;
  readonly ordinal: number;
  readonly distance: number;
}

export interface NearestOptions {
  readonly model: string;
  readonly limit: number;
  /** hnsw.ef_search for this query. */
  readonly efSearch: number;
}

/**
 * The vector side of search, in pgvector. Every query carries the caller's filter inside its
 * WHERE clause, so the HNSW scan keeps going until enough *visible* passages are found
 * (hnsw.iterative_scan) instead of returning the nearest ones and leaving too few after a filter.
 */
export function createPassageVectorRepository(db: Db) {
  return {
    /** The passages nearest to `vector` within `filter`, nearest first (approximate: HNSW). */
    async nearest(vector: ArrayLike<number>, filter: PassageFilter, options: NearestOptions): Promise<VectorHit[]> {
      const params: unknown[] = [vectorToSql(vector), options.model, options.limit];
      const where = storyFilter('s', filter, params);
      const efSearch = wholeNumber(options.efSearch, 'efSearch');
      return db.transaction(async (tx) => {
        // SET LOCAL, in one round trip: set_config(name, value, true) is its function form.
        // relaxed_order: the scan may return a slightly unordered stream; rows are re-sorted below.
        // max_scan_tuples: how far the scan may go to find enough passages that pass a selective
        // filter (one language, a rare theme) before it settles for fewer: pgvector's default is
        // 20,000, which starved an English query filtered to Nynorsk at 100,000 passages; twice
        // that keeps the worst case bounded.
        await tx.query(
          `SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),
                  set_config('hnsw.max_scan_tuples', $2, true)`,
          [String(Math.min(MAX_EF_SEARCH, Math.max(efSearch, options.limit))), String(MAX_SCAN_TUPLES)],
        );
        const result = await tx.query<VectorHit>(
          `SELECT c.id AS "passageId", c.story_id AS "storyId", c.ordinal, c.embedding <=> $1::vector AS distance
           FROM chunks c JOIN stories s ON s.id = c.story_id
           WHERE c.model = $2 AND ${where}
           ORDER BY c.embedding <=> $1::vector
           LIMIT $3`,
          params,
        );
        return result.rows.map(numeric).sort(byDistance);
      });
    },

    /**
     * For each story within `filter`, its `perStory` passages nearest to `vector`, all of them
     * nearest first, at most `limit`. Exact, not HNSW: the filter (a theme) is selective and
     * every story that has the theme must get its chance, which a graph walk cannot promise
     * (and the planner walks the theme's stories rather than the graph anyway). It costs ~130 ms
     * for a common theme at 100,000 passages, which is why the search service caches it.
     */
    async nearestPerStory(vector: ArrayLike<number>, filter: PassageFilter, options: { model: string; perStory: number; limit: number }): Promise<VectorHit[]> {
      const params: unknown[] = [vectorToSql(vector), options.model, options.perStory, options.limit];
      const where = storyFilter('s', filter, params);
      const result = await db.query<VectorHit>(
        `SELECT "passageId", "storyId", ordinal, distance FROM (
           SELECT c.id AS "passageId", c.story_id AS "storyId", c.ordinal, c.embedding <=> $1::vector AS distance,
                  row_number() OVER (PARTITION BY c.story_id ORDER BY (c.embedding <=> $1::vector) + 0) AS nth
           FROM chunks c JOIN stories s ON s.id = c.story_id
           WHERE c.model = $2 AND ${where}) ranked
         WHERE nth <= $3
         ORDER BY distance, "passageId"
         LIMIT $4`,
        params,
      );
      return result.rows.map(numeric);
    },

    /** The mean of a visible story's passage vectors (what "stories like this one" compares with). */
    async storyCentroid(storyId: string, audiences: readonly string[], model: string): Promise<Float32Array | undefined> {
      const result = await db.query<{ vector: string | null }>(
        `SELECT avg(c.embedding)::text AS vector
         FROM chunks c JOIN stories s ON s.id = c.story_id
         WHERE c.story_id = $1 AND c.model = $3 AND ${visibleStory('s', 2)}`,
        [storyId, [...audiences], model],
      );
      const vector = result.rows[0]?.vector;
      return vector ? vectorFromSql(vector) : undefined;
    },
  };
}

export type PassageVectorRepository = ReturnType<typeof createPassageVectorRepository>;

function numeric(row: VectorHit): VectorHit {
  return { ...row, ordinal: Number(row.ordinal), distance: Number(row.distance) };
}

function byDistance(a: VectorHit, b: VectorHit): number {
  return a.distance - b.distance || (a.passageId < b.passageId ? -1 : a.passageId > b.passageId ? 1 : 0);
}

function wholeNumber(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not ${value}`);
  return value;
}
