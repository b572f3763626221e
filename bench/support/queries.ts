/**
 * What the benchmark asks: the kind of queries clinicians type (one or two words in Bokmål,
 * Nynorsk or English, and sentence-long paraphrases), and a way to make each one new so the
 * query-embedding cache misses.
 */
import { random } from '../../test/support/seeded-random.js';

export const QUERIES: readonly string[] = [
  // one or two words, nb / nn
  'tvangsinnleggelse', 'belter', 'tvangsmedisinering', 'skjerming', 'medisinfri behandling', 'nedtrapping',
  'bli rusfri', 'avrusning', 'tilbakefall', 'pårørende', 'erfaringskonsulent', 'brukermedvirkning', 'stigma',
  'selvmordstanker', 'traumer', 'NAV', 'bostedsløs', 'ensomhet', 'fastlege', 'samisk', 'fengsel', 'BUP',
  'tvangsinleggelse', // misspelled on purpose: typo tolerance is part of the cost
  // one or two words, en
  'detox', 'forced admission', 'restraint', 'relapse', 'tapering antipsychotics', 'peer support', 'homelessness',
  // sentences, nb / nn / en
  'hvordan bli rusfri uten medisiner',
  'å bli holdt fast og lagt i belter på akuttposten',
  'mor som ringte legevakten da sønnen ble psykotisk',
  'jeg ville trappe ned på medisinene men legen sa nei',
  'korleis det var å kome heim etter innlegging',
  'what helped me stay sober after rehab',
  'being taken seriously by the doctor when I was young',
  'losing my job and dealing with the welfare office',
  'a nurse who explained my rights after a compulsory order',
  'finding hope after years of addiction and psychosis',
];

/** Words that change a query without changing what it is about (the cache sees a new key). */
const EXTRA_WORDS: readonly string[] = [
  'erfaring', 'historie', 'hjelp', 'familie', 'behandling', 'hverdag', 'frykt', 'håp', 'mestring', 'samtale',
  'experience', 'story', 'help', 'family', 'treatment', 'everyday', 'fear', 'hope', 'coping', 'talk',
];

/**
 * `count` queries, none seen before in this process: each of QUERIES with one to three extra
 * words, in a seeded order. Throws rather than repeat one (a repeat would hit the cache).
 */
export function uniqueQueries(count: number, seen: Set<string>, seed = 1): string[] {
  const out: string[] = [];
  const rng = random(seed);
  for (let tries = 0; out.length < count; tries++) {
    if (tries > count * 100) throw new Error(`could not make ${count} unseen queries from the word pool`);
    const base = rng.pick(QUERIES);
    const words = Array.from({ length: rng.int(1, 3) }, () => rng.pick(EXTRA_WORDS));
    const query = `${base} ${words.join(' ')}`;
    if (seen.has(query)) continue;
    seen.add(query);
    out.push(query);
  }
  return out;
}

/** Theme browsing: no text, a theme (or two). */
export const THEME_BROWSES: readonly string[][] = [['tvang'], ['medisinfri-behandling'], ['rusfrihet'], ['parorende'], ['unge'], ['tvang', 'parorende']];
