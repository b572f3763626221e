import type { Db } from '../../db/db.js';
import { createChunkRepository } from '../repositories/chunk.repository.js';
import { createPassageTextRepository } from '../repositories/passage-text.repository.js';
import { MARK_END, MARK_START, markedRanges, mergeRanges } from './highlight-ranges.js';
import type { LexicalEngine, TextRange } from './lexical-engine.js';
import { contentWords, letterCount } from './query-words.js';

/**
 * PostgreSQL full-text search over `chunks.tsv` (+ pg_trgm): the embedded default. The
 * `chunks` table is both the source of truth and this engine's index, so there is nothing to
 * prepare, copy or remove: the indexing methods are no-ops and the passages it holds are the chunks.
 *
 * Search is an OR of the query's content words, each parsed in the passage's own
 * configuration, so a paraphrase that shares most words still matches; quality is the share
 * of words matched. Expansions (theme vocabulary) match as phrases with a fixed, lower
 * quality. A word of 5+ letters that no visible passage contains is looked for by spelling
 * (pg_trgm word similarity) in a second query, worth less than the word itself.
 */
export const POSTGRES_TEXT_WEIGHTS = {
  /** Quality of a passage that matches an expansion phrase but fewer of the user's own words. */
  expansion: 0.7,
  /** A similarly spelt word counts as this share of the word, times its similarity (≥ 0.6). */
  similar: 0.75,
} as const;

/** Shorter words are too often a different word when spelt a little differently. */
export const MIN_SIMILAR_WORD_LETTERS = 5;

export function createPostgresTextEngine(db: Db): LexicalEngine {
  const chunks = createChunkRepository(db);
  const passages = createPassageTextRepository(db);
  const similarCandidates = (words: readonly string[]) => words.filter((word) => letterCount(word) >= MIN_SIMILAR_WORD_LETTERS);

  return {
    kind: 'postgres',
    async health() {
      await db.query(`SELECT to_tsvector('norwegian', 'helse')`);
    },
    async prepare() {},
    async replacePassages() {},
    async removeStory() {},
    passageIds: (storyId) => chunks.ids(storyId),

    async search(query) {
      const words = contentWords(query.text);
      if (words.length === 0 && query.expansions.length === 0) return [];
      const base = { words, expansions: query.expansions, filter: query.filter, limit: query.limit, weights: POSTGRES_TEXT_WEIGHTS };
      const first = await passages.search({ ...base, similarWords: [] });
      // Only words that found nothing are tried by spelling: the trigram probe costs far more than the GIN lookup.
      const found = new Set(first.foundWords);
      const misspelt = similarCandidates(words.filter((word) => !found.has(word)));
      if (misspelt.length === 0) return first.hits;
      return (await passages.search({ ...base, similarWords: misspelt })).hits;
    },

    async highlight(query, passageIds) {
      const ranges = new Map<string, readonly TextRange[]>();
      const words = contentWords(query.text);
      if (passageIds.length === 0 || (words.length === 0 && query.expansions.length === 0)) return ranges;
      const rows = await passages.headlines({
        words,
        similarWords: similarCandidates(words),
        expansions: query.expansions,
        passageIds,
        marks: { start: MARK_START, end: MARK_END },
      });
      for (const { id, text, marked } of rows) {
        const found = markedRanges(marked, text);
        if (found && found.length > 0) ranges.set(id, mergeRanges(found));
      }
      return ranges;
    },
  };
}
