import type { LexicalQuery } from './lexical-engine.js';
import { queryWords } from './query-words.js';
import { isStopWord } from './stop-words.js';

/* Which queries the Meilisearch adapter sends for one search (pure; meilisearch.ts sends them). */

/**
 * An expansion (theme vocabulary) match weighs this much of a match of the user's words.
 * At most MAX_EXPANSION_QUERIES are sent, each a query of its own (the theme's labels and
 * first-listed terms come first): each costs a query, and the index has no synonyms to
 * widen them (they made multi-word queries 20-50x slower; see wantedSettings).
 */
export const EXPANSION_WEIGHT = 0.7;
export const MAX_EXPANSION_QUERIES = 8;
/** Content words also searched one by one (the first ones of a longer query). */
export const MAX_WORD_QUERIES = 6;

export interface PlannedQuery {
  readonly q: string;
  readonly matchingStrategy: 'frequency' | 'all';
  readonly weight: number;
}

/**
 * What to ask Meilisearch, as plain words only (query-words.ts: quotes and a leading `-`
 * would be phrase and negation syntax). No content word and no expansion: nothing.
 *
 * 1. The user's words, matchingStrategy `frequency`: when no passage has every word, the
 *    most common words are dropped first and words found nowhere at once, so a paraphrase
 *    keeps its rare, telling word («slutte med heroin» → heroin; `last` drops «heroin» and
 *    returns passages about «slutte med»).
 * 2. With two or more content words, each one alone, weighted 1/(content words): neither
 *    strategy is an OR. Both drop words in a fixed order down to a single last word, so
 *    passages holding only another word are never returned. `last` loses the passages of
 *    the last word, `frequency` those of the commonest. Alone, a word found by one of two words
 *    scores about half, as in the PostgreSQL adapter.
 * 3. Each expansion not already asked, matchingStrategy `all`, weighted EXPANSION_WEIGHT.
 */
export function searchPlan(query: Pick<LexicalQuery, 'text' | 'expansions'>): PlannedQuery[] {
  const words = queryWords(query.text);
  const content = words.filter((word) => !isStopWord(word));
  const plan: PlannedQuery[] = [];
  const seen = new Set<string>();
  const add = (q: string, matchingStrategy: PlannedQuery['matchingStrategy'], weight: number) => {
    if (q === '' || seen.has(q)) return false;
    seen.add(q);
    plan.push({ q, matchingStrategy, weight });
    return true;
  };
  if (content.length > 0) add(words.join(' '), 'frequency', 1);
  if (content.length > 1) for (const word of content.slice(0, MAX_WORD_QUERIES)) add(word, 'all', 1 / content.length);
  let expansions = 0;
  for (const expansion of query.expansions) {
    if (expansions === MAX_EXPANSION_QUERIES) break;
    if (add(queryWords(expansion).join(' '), 'all', EXPANSION_WEIGHT)) expansions++;
  }
  return plan;
}
