import { Meilisearch } from 'meilisearch';
import type { LexicalEngine } from './lexical-engine.js';

/** The one module that talks to Meilisearch. */
export function createMeilisearchEngine(config: { url: string; masterKey: string }): LexicalEngine {
  const client = new Meilisearch({ host: config.url, apiKey: config.masterKey, timeout: 5_000 });
  return {
    kind: 'meilisearch',
    async health() {
      // /version needs the key, unlike /health: a wrong MEILI_MASTER_KEY shows up here.
      try {
        await client.getVersion();
      } catch (error) {
        throw new Error(`Meilisearch at ${config.url} did not answer: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
