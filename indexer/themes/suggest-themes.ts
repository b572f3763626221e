/**
 * Suggests themes for a story from its passages. Pure: vectors and text in, ranked
 * suggestions out.
 *
 * e5 cosines sit in a narrow band (~0.75–0.87, see shared/models/README.md), so a fixed cosine
 * threshold would suggest everything or nothing. Three corrections make the scores mean
 * something (measured with `npm run eval:themes` on the demo corpus):
 * - Centering: every passage of a recovery story leans towards the broad themes («møte med
 *   hjelpeapparatet» above all), so each similarity is taken relative to the archive's
 *   average passage (`centroid`): how much more than a typical story does this one speak of
 *   the theme? Without it the broad themes win everywhere (primary theme ranked first for
 *   49 % of the demo stories; with it 74 %, in the top three 94 %).
 * - Each theme is then scored relative to the other themes for this story (a z-score).
 * - The theme's own vocabulary found in the text adds independent lexical evidence.
 * A theme is suggested when the combined score clears `minScore`, at most `topK` of them.
 */

export interface SuggestOptions {
  /** At most this many suggestions per story. */
  readonly topK: number;
  /** The least combined score (standard deviations above the story's mean theme, plus up to 1 for term evidence). */
  readonly minScore: number;
}

/** On the demo corpus: precision 0.81 and recall 0.60 against the themes its authors gave. */
export const DEFAULT_SUGGEST_OPTIONS: SuggestOptions = { topK: 3, minScore: 1.75 };

export interface SuggestTheme {
  readonly slug: string;
  /** Unit-length description vectors (nb, en). */
  readonly vectors: readonly Float32Array[];
  /** Lower-cased words and phrases people use for the theme. */
  readonly terms: readonly string[];
}

export interface SuggestPassage {
  /** Unit-length passage vector. */
  readonly vector: Float32Array;
  readonly text: string;
}

export interface ThemeScore {
  readonly slug: string;
  readonly score: number;
}

/**
 * Every theme scored for the story, best first; `suggestThemes` keeps the ones that clear the
 * bar. `centroid` is the mean passage vector of the archive (unnormalised); without one,
 * similarities are used as they are.
 */
export function scoreThemes(passages: readonly SuggestPassage[], themes: readonly SuggestTheme[], centroid?: Float32Array): ThemeScore[] {
  if (passages.length === 0 || themes.length === 0) return [];
  const semantic = themes.map((theme) => centeredSimilarity(passages, theme.vectors, centroid));
  const mean = semantic.reduce((a, b) => a + b, 0) / semantic.length;
  const std = Math.sqrt(semantic.reduce((a, b) => a + (b - mean) ** 2, 0) / semantic.length) || 1;
  const text = normaliseForTerms(passages.map((p) => p.text).join('\n'));
  return themes
    .map((theme, i) => ({ slug: theme.slug, score: round((semantic[i]! - mean) / std + termEvidence(text, theme.terms)) }))
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
}

export function suggestThemes(
  passages: readonly SuggestPassage[],
  themes: readonly SuggestTheme[],
  options: SuggestOptions = DEFAULT_SUGGEST_OPTIONS,
  context: {
    readonly centroid?: Float32Array;
    /** Themes already confirmed for the story: scored with the others, never suggested. */
    readonly confirmed?: readonly string[];
  } = {},
): ThemeScore[] {
  const confirmed = context.confirmed ?? [];
  return scoreThemes(passages, themes, context.centroid)
    .filter((s) => s.score >= options.minScore && !confirmed.includes(s.slug))
    .slice(0, options.topK);
}

/**
 * The story's mean similarity to the theme (best of its nb/en descriptions per passage),
 * minus the archive centroid's. The mean over passages beat the best passage or the best
 * two on the demo corpus: a theme a story keeps returning to is what it is about.
 */
function centeredSimilarity(passages: readonly SuggestPassage[], vectors: readonly Float32Array[], centroid?: Float32Array): number {
  const baseline = vectors.map((v) => (centroid ? dot(centroid, v) : 0));
  let sum = 0;
  for (const p of passages) sum += Math.max(...vectors.map((v, i) => dot(p.vector, v) - baseline[i]!));
  return sum / passages.length;
}

/**
 * Distinct theme terms present as whole words (phrases as whole phrases): 0 for none, rising
 * towards 1 with several. Distinct, not counted, so one word repeated does not dominate.
 */
function termEvidence(text: string, terms: readonly string[]): number {
  let distinct = 0;
  for (const term of terms) {
    const t = normaliseForTerms(term).trim();
    if (t.length < 3) continue; // «na», «aa»: too ambiguous as evidence on their own
    if (text.includes(` ${t} `)) distinct++;
  }
  return 1 - Math.exp(-distinct / 2);
}

/** Lower-cased words separated by single spaces, padded, so `includes(' term ')` is a whole-word test. */
function normaliseForTerms(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
