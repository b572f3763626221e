import type { PassageSource } from './fusion.js';

/**
 * How much each engine's list counts for this query: fusion that notices when a side has
 * nothing to say. Pure. The figures in DEFAULT_FUSION_POLICY were chosen with
 * `npm run tune:fusion` (bench/tune-fusion.ts) on the labelled demo queries, on both lexical
 * engines; each rule is there because a group of those queries needed it.
 */
export interface QuerySignals {
  /** Words in the query other than stop words. */
  readonly contentWords: number;
  /** The share of the query's words that are a recognised theme's label or terms (0–1). */
  readonly themeCoverage: number;
  /** The best lexical hit's quality (0–1), 0 when there was none. */
  readonly lexicalTopQuality: number;
  readonly lexicalHits: number;
}

export interface FusionPolicy {
  /** At most this many content words make a short query. */
  readonly shortWords: number;
  /** A lexical top hit of at least this quality means the words themselves were found. */
  readonly strongLexical: number;
  /** The lexical list's weight when its best hit is only a scrap of a match. */
  readonly weakLexicalWeight: number;
  /** The lexical list's weight for a short query whose words were found. */
  readonly shortLexicalWeight: number;
  /** The vector list's weight for a short query whose words were found lexically. */
  readonly shortVectorWeight: number;
  /** The theme list's weight is base + slope × coverage … */
  readonly themeBase: number;
  readonly themeSlope: number;
  /** … times this for a short query whose words were found lexically (the exact word beats the theme at large). */
  readonly themeDampWhenFound: number;
}

export const DEFAULT_FUSION_POLICY: FusionPolicy = {
  shortWords: 2,
  strongLexical: 0.65,
  weakLexicalWeight: 0.5,
  shortLexicalWeight: 1.5,
  shortVectorWeight: 0.15,
  themeBase: 0.25,
  themeSlope: 1,
  themeDampWhenFound: 0.25,
};

export type FusionWeights = Readonly<Record<PassageSource, number>>;

export function fusionWeights(signals: QuerySignals, policy: FusionPolicy = DEFAULT_FUSION_POLICY): FusionWeights {
  const { contentWords, themeCoverage, lexicalTopQuality, lexicalHits } = signals;
  const short = contentWords <= policy.shortWords;
  const found = lexicalHits > 0 && lexicalTopQuality >= policy.strongLexical;
  // The lexical side has nothing to say when nothing matched, and little when only scraps
  // did (an English query against Norwegian text matching a stray word).
  const lexical = lexicalHits === 0 ? 0 : !found ? policy.weakLexicalWeight : short ? policy.shortLexicalWeight : 1;
  // One or two words mean little to the model (narrow cosine band): when the words
  // themselves were found, let them lead.
  const vector = short && found ? policy.shortVectorWeight : 1;
  // A query that is a theme's own words: the theme (its description, matched by meaning
  // against its stories' passages) is a good reading of it; a sentence that mentions a
  // theme word in passing gets less of it.
  const theme = themeCoverage > 0 ? (policy.themeBase + policy.themeSlope * themeCoverage) * (short && found ? policy.themeDampWhenFound : 1) : 0;
  return { vector, lexical, theme };
}
