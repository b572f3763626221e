/**
 * The PostgreSQL full-text configuration for a story language: Snowball's norwegian stemmer
 * serves Bokmål and Nynorsk alike (it knows both spellings of common endings), english for
 * English, and `simple` (no stemming, no stop words) for anything else, which still matches
 * exact words. The indexer stores it with each chunk; search uses it for the query side.
 */
export type TextSearchConfig = 'norwegian' | 'english' | 'simple';

const BY_LANGUAGE: Readonly<Record<string, TextSearchConfig>> = { nb: 'norwegian', nn: 'norwegian', no: 'norwegian', en: 'english' };

export function textSearchConfig(language: string): TextSearchConfig {
  return BY_LANGUAGE[language] ?? 'simple';
}
