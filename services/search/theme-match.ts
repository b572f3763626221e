/**
 * Recognises themes in what a clinician typed. One or two words («tvangsinnleggelse», «belter»,
 * "detox") carry too little meaning for the embedding model on its own (see
 * shared/models/README.md, "Where it is weak"), but they are often exactly a theme's label or
 * one of its terms: then the theme's vocabulary and description can speak for the query.
 *
 * Pure. Matching is forgiving in the ways people type: case, a Norwegian inflection
 * («tvangsinnleggelsen», «beltene»), one typo in a long word («tvangsinleggelse»).
 */
import { isStopWord } from '../lexical/stop-words.js';

export interface ThemeWords {
  readonly slug: string;
  readonly labelNb: string;
  readonly labelEn: string;
  readonly termsNb: readonly string[];
  readonly termsEn: readonly string[];
}

export interface RecognisedTheme {
  readonly slug: string;
  /** The theme's labels and terms, for lexical expansion. */
  readonly vocabulary: readonly string[];
}

export interface ThemeRecognition {
  readonly themes: readonly RecognisedTheme[];
  /**
   * The share of the query's words that belong to a recognised theme phrase, 0–1: 1 when the
   * query is nothing but theme words (the theme should lead), small for a long sentence that
   * merely mentions one (the sentence's own meaning should).
   */
  readonly coverage: number;
}

// Endings a Norwegian (or English) word takes after the form listed in a theme's terms.
const INFLECTIONS = ['', 'e', 'en', 'et', 'er', 'ene', 'a', 'ne', 'n', 'r', 't', 's', 'es', 'ed', 'ing', 'ingen', 'ingene'];
export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** Themes whose label or terms occur in `query`, in taxonomy order, with how much of the query they cover. */
export function recogniseThemes(query: string, themes: readonly ThemeWords[]): ThemeRecognition {
  const words = tokenize(query);
  const content = words.filter((word) => !isStopWord(word));
  if (content.length === 0) return { themes: [], coverage: 0 };
  const covered = new Set<number>();
  const recognised: RecognisedTheme[] = [];
  for (const theme of themes) {
    const vocabulary = vocabularyOf(theme);
    let found = false;
    for (const phrase of vocabulary) {
      const tokens = tokenize(phrase);
      if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 4)) continue;
      for (const start of occurrences(words, tokens)) {
        found = true;
        for (let i = start; i < start + tokens.length; i++) covered.add(i);
      }
    }
    if (found) recognised.push({ slug: theme.slug, vocabulary });
  }
  const coveredContent = [...covered].filter((i) => !isStopWord(words[i]!)).length;
  return { themes: recognised, coverage: Math.min(1, coveredContent / content.length) };
}

/** Labels (a label like «Rus og psykisk lidelse (ROP)» is two things people type) and terms, deduplicated. */
export function vocabularyOf(theme: ThemeWords): string[] {
  const labels = [theme.labelNb, theme.labelEn].flatMap((label) => label.split(/[()]/)).map((l) => l.trim());
  const all = [...labels, ...theme.termsNb, ...theme.termsEn].map((t) => t.toLowerCase().trim()).filter((t) => t.length > 0);
  return [...new Set(all)];
}

/** Start indices where `phrase` occurs in `words`, word by word. */
function occurrences(words: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((token, i) => sameWord(words[start + i]!, token))) starts.push(start);
  }
  return starts;
}

/** `typed` is `term`, another inflection of the same stem, or (for long words) one or two typos away. */
export function sameWord(typed: string, term: string): boolean {
  if (typed === term) return true;
  const termStems = stems(term);
  if (stems(typed).some((stem) => termStems.includes(stem))) return true;
  const allowed = term.length >= 12 ? 2 : term.length >= 7 ? 1 : 0;
  return allowed > 0 && Math.abs(typed.length - term.length) <= allowed && editDistance(typed, term, allowed) <= allowed;
}

/** The word with each known ending taken off, keeping stems of at least 4 letters («beltene», «belter» → «belte», «belt»). */
function stems(word: string): string[] {
  return INFLECTIONS.filter((ending) => word.endsWith(ending) && word.length - ending.length >= 4).map((ending) => word.slice(0, word.length - ending.length));
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return rowMin;
  }
  return d[rows - 1]![cols - 1]!;
}
