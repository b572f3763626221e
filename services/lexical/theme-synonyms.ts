import type { ThemeVocabulary } from './passage-document.js';

/* The theme vocabulary as Meilisearch synonyms (pure; meilisearch.ts puts them in the index settings). */

/**
 * Meilisearch's synonym limits (milli `search/new/limits.rs`, 1.21): one query word expands to
 * at most 50 synonym phrases holding at most 100 words in all, and only query terms of 1–3
 * words are looked up. Meilisearch sorts each word's synonyms alphabetically before applying
 * the limits, so an over-long list would lose an arbitrary alphabetical tail; we trim instead,
 * keeping the labels and the first-listed terms; `themeSynonyms` returns what it trimmed.
 */
export const SYNONYM_LIMITS = { phrases: 50, words: 100, keyWords: 3 } as const;

interface Term {
  readonly text: string;
  /** Roughly Meilisearch's normalization (lower case, accents folded, split on punctuation): the identity of a term. */
  readonly key: string;
  readonly words: number;
}

/**
 * Each theme's labels and terms (nb and en together) are mutually synonymous: every term of
 * 1–3 words maps to all the others, lower-cased, labels first, then nb and en terms alternating
 * so a trimmed list keeps both languages. A term in several themes (e.g. «recovery») gets the
 * union, alternating between its themes. Single words under 3 letters (NA, AA) are left out:
 * Meilisearch folds «nå» to «na», so they would match nearly every Norwegian passage.
 */
export function themeSynonyms(themes: readonly ThemeVocabulary[]): { synonyms: Record<string, string[]>; trimmed: Record<string, number> } {
  const groups = themes.map(themeGroup);
  const terms = new Map<string, Term>();
  for (const group of groups) for (const term of group) if (!terms.has(term.key)) terms.set(term.key, term);

  const synonyms: Record<string, string[]> = {};
  const trimmed: Record<string, number> = {};
  for (const term of terms.values()) {
    if (term.words > SYNONYM_LIMITS.keyWords) continue;
    const candidates = dedupe(interleave(groups.filter((g) => g.some((t) => t.key === term.key)))).filter((t) => t.key !== term.key);
    const kept: Term[] = [];
    let words = 0;
    for (const candidate of candidates) {
      if (kept.length === SYNONYM_LIMITS.phrases || words + candidate.words > SYNONYM_LIMITS.words) continue;
      kept.push(candidate);
      words += candidate.words;
    }
    if (kept.length === 0) continue;
    synonyms[term.text] = kept.map((t) => t.text);
    if (kept.length < candidates.length) trimmed[term.text] = candidates.length - kept.length;
  }
  return { synonyms, trimmed };
}

function themeGroup(theme: ThemeVocabulary): Term[] {
  // «Rus og psykisk lidelse (ROP)» is two things a reader types, not one phrase.
  const labels = [theme.labelNb, theme.labelEn].flatMap((label) => label.split(/[()]/));
  return dedupe([...labels, ...interleave([theme.termsNb, theme.termsEn])].map(toTerm).filter((t): t is Term => t !== undefined));
}

function toTerm(raw: string): Term | undefined {
  const text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  const tokens = text.normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 3)) return undefined;
  return { text, key: tokens.join(' '), words: tokens.length };
}

function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((list) => i < list.length); i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

function dedupe(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.key) && seen.add(t.key));
}
