import type { Queryable } from '../../db/db.js';
import type { TextSearchConfig } from '../lexical/text-search-config.js';
import type { PassageFilter } from '../search/passage-filter.js';
import { storyFilter } from './visibility.js';

/*
 * Full-text search over `chunks` for the PostgreSQL lexical adapter (services/lexical/
 * postgres-text.ts). User text arrives here only as an array of plain words and is only
 * ever a parameter: each word is parsed with plainto_tsquery / phraseto_tsquery, never
 * to_tsquery, so no word can be tsquery or SQL syntax.
 */

/** Every configuration the indexer gives chunks (text-search-config.ts): one OR-branch each, so the GIN index serves each. */
const CONFIGS = ['norwegian', 'english', 'simple'] as const satisfies readonly TextSearchConfig[];
// Compile-time check that a new configuration is not forgotten here (its chunks would never be found).
const _allConfigs: [Exclude<TextSearchConfig, (typeof CONFIGS)[number]>] extends [never] ? true : false = true;

export interface PassageTextQuery {
  /** Distinct, lower-cased content words (no stop words), as services/lexical/query-words.ts makes them. */
  readonly words: readonly string[];
  /** Words (a subset of `words`) to look for by spelling too, with pg_trgm: those that matched nothing. */
  readonly similarWords: readonly string[];
  /** Phrases that count as alternative matches (theme vocabulary). */
  readonly expansions: readonly string[];
  readonly filter: PassageFilter;
  readonly limit: number;
  /** What a phrase match of an expansion is worth, and a misspelt word's share of a word (× its similarity). */
  readonly weights: { readonly expansion: number; readonly similar: number };
}

export interface PassageTextHit {
  readonly passageId: string;
  readonly storyId: string;
  readonly ordinal: number;
  readonly quality: number;
}

export interface PassageTextResult {
  readonly hits: PassageTextHit[];
  /** The `words` some passage within the filter contains (stemmed): the others may be misspelt. */
  readonly foundWords: string[];
}

export function createPassageTextRepository(db: Queryable) {
  return {
    /**
     * Passages within the filter matching any word (in the passage's own configuration),
     * expansion phrase or, for `similarWords`, a similarly spelt word; best first.
     * quality = (words matched + similar × Σ similarity of misspelt words found) / words,
     * at least `weights.expansion` when an expansion phrase matches, at most 1;
     * ties are broken by ts_rank_cd, then by id so pages are stable.
     */
    async search(query: PassageTextQuery): Promise<PassageTextResult> {
      const params: unknown[] = [[...query.words], [...query.similarWords], [...query.expansions], query.limit, query.weights.expansion, query.weights.similar, [...CONFIGS]];
      const filter = storyFilter('s', query.filter, params);
      const branches = CONFIGS.map((cfg) => `(c.ts_config = '${cfg}'::regconfig AND c.tsv @@ (SELECT q FROM queries WHERE cfg = '${cfg}'::regconfig))`);
      const result = await db.query<PassageTextHit & { found: number[] }>(
        `WITH words AS (
           SELECT w.word, w.i::int AS i FROM unnest($1::text[]) WITH ORDINALITY AS w(word, i)
         ),
         -- Each word parsed in each configuration (stemmed there). A word that yields no lexeme
         -- there gets no row (plainto_tsquery would accept it but raise a NOTICE).
         terms AS (
           SELECT cfg, words.i, plainto_tsquery(cfg, words.word) AS q
           FROM words CROSS JOIN unnest($7::regconfig[]) AS cfg
           WHERE to_tsvector(cfg, words.word) <> ''::tsvector
         ),
         phrases AS (
           SELECT cfg, phraseto_tsquery(cfg, e) AS q
           FROM unnest($3::text[]) AS e CROSS JOIN unnest($7::regconfig[]) AS cfg
           WHERE to_tsvector(cfg, e) <> ''::tsvector
         ),
         -- All alternatives of one configuration as one OR query, the GIN index probe. tsquery has
         -- no OR aggregate; the text form of a tsquery reads back as the same tsquery.
         queries AS (
           SELECT cfg, string_agg('(' || q::text || ')', ' | ')::tsquery AS q
           FROM (SELECT cfg, q FROM terms UNION ALL SELECT cfg, q FROM phrases) AS alternatives
           GROUP BY cfg
         ),
         -- Passages holding a word spelt like a misspelt one (word_similarity ≥ pg_trgm's
         -- threshold), one trigram-index probe per word: nothing at all when there are none.
         lookalikes AS (
           SELECT c.id, sum(word_similarity(f, c.text))::float8 AS similarity
           FROM unnest($2::text[]) AS f
           JOIN chunks c ON c.text %> f
           JOIN stories s ON s.id = c.story_id
           WHERE ${filter}
           GROUP BY c.id
         ),
         candidates AS (
           SELECT c.id FROM chunks c JOIN stories s ON s.id = c.story_id
           WHERE (${branches.join('\n              OR ')})
             AND ${filter}
           UNION
           SELECT id FROM lookalikes
         ),
         scored AS (
           SELECT c.id, c.story_id, c.ordinal,
                  ARRAY(SELECT t.i FROM terms t WHERE t.cfg = c.ts_config AND c.tsv @@ t.q) AS matched,
                  (SELECT count(*) FROM terms t WHERE t.cfg = c.ts_config)::int AS term_count,
                  coalesce((SELECT l.similarity FROM lookalikes l WHERE l.id = c.id), 0) AS misspelt,
                  EXISTS (SELECT 1 FROM phrases p WHERE p.cfg = c.ts_config AND c.tsv @@ p.q) AS expanded,
                  coalesce(ts_rank_cd(c.tsv, (SELECT q FROM queries WHERE queries.cfg = c.ts_config), 32), 0)::float8 AS rank
           FROM candidates JOIN chunks c USING (id)
         ),
         graded AS (
           SELECT id, story_id, ordinal, matched, rank,
                  LEAST(1, GREATEST(
                    (cardinality(matched) + $6::float8 * misspelt) / NULLIF(term_count, 0),
                    CASE WHEN expanded THEN $5::float8 ELSE 0 END))::float8 AS quality
           FROM scored
         )
         SELECT id AS "passageId", story_id AS "storyId", ordinal, quality,
                (SELECT coalesce(array_agg(DISTINCT i), '{}'::int[]) FROM graded, unnest(matched) AS i) AS found
         FROM graded
         ORDER BY quality DESC, rank DESC, id
         LIMIT $4`,
        params,
      );
      const found = new Set(result.rows[0]?.found ?? []);
      return {
        hits: result.rows.map(({ passageId, storyId, ordinal, quality }) => ({ passageId, storyId, ordinal, quality })),
        foundWords: query.words.filter((_, index) => found.has(index + 1)),
      };
    },

    /**
     * Each passage's text and the same text with its matches between `marks.start` and
     * `marks.end` (ts_headline over the whole text, in the passage's configuration): the
     * words, the expansion phrases, and the passage's own spelling of any `similarWords` it
     * does not contain as such. Passages without a match are absent.
     */
    async headlines(query: {
      readonly words: readonly string[];
      readonly similarWords: readonly string[];
      readonly expansions: readonly string[];
      readonly passageIds: readonly string[];
      readonly marks: { readonly start: string; readonly end: string };
    }): Promise<{ id: string; text: string; marked: string }[]> {
      const options = `HighlightAll=true, StartSel=${query.marks.start}, StopSel=${query.marks.end}`;
      const result = await db.query<{ id: string; text: string; marked: string }>(
        `SELECT c.id, c.text, ts_headline(c.ts_config, c.text, a.q, $5) AS marked
         FROM chunks c
         CROSS JOIN LATERAL (
           SELECT string_agg('(' || x.q::text || ')', ' | ')::tsquery AS q
           FROM (
             SELECT plainto_tsquery(c.ts_config, w) AS q FROM unnest($1::text[]) AS w
             WHERE to_tsvector(c.ts_config, w) <> ''::tsvector
             UNION ALL
             SELECT phraseto_tsquery(c.ts_config, e) FROM unnest($3::text[]) AS e
             WHERE to_tsvector(c.ts_config, e) <> ''::tsvector
             UNION ALL
             SELECT plainto_tsquery(c.ts_config, t.token)
             FROM (SELECT DISTINCT lower(token) AS token FROM ts_parse('default', c.text) WHERE tokid IN (1, 2, 3, 7, 8, 9)) AS t
             WHERE to_tsvector(c.ts_config, t.token) <> ''::tsvector
               AND EXISTS (
                 SELECT 1 FROM unnest($2::text[]) AS f
                 WHERE f <% t.token AND to_tsvector(c.ts_config, f) <> ''::tsvector AND NOT (c.tsv @@ plainto_tsquery(c.ts_config, f)))
           ) AS x
         ) AS a
         WHERE c.id = ANY ($4::uuid[]) AND a.q IS NOT NULL`,
        [[...query.words], [...query.similarWords], [...query.expansions], [...query.passageIds], options],
      );
      return result.rows;
    },
  };
}

export type PassageTextRepository = ReturnType<typeof createPassageTextRepository>;
