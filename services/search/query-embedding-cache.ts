/**
 * Query embeddings by query text, least recently used out first. Clinicians repeat the same
 * few words («tvang», «rusfri»), and embedding a query is the largest single cost of a search
 * (~3 ms against ~1 ms for the rest); a hit skips the model altogether. Keys are the query
 * as normalised by the request schema; nothing here is logged.
 */
export interface QueryEmbeddingCache {
  get(query: string, embed: (query: string) => Promise<Float32Array>): Promise<Float32Array>;
  readonly size: number;
}

export function createQueryEmbeddingCache(capacity: number): QueryEmbeddingCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest first.
  const entries = new Map<string, Promise<Float32Array>>();
  return {
    get size() {
      return entries.size;
    },
    async get(query, embed) {
      if (capacity === 0) return embed(query);
      const cached = entries.get(query);
      if (cached) {
        entries.delete(query);
        entries.set(query, cached);
        return cached;
      }
      // The promise is cached, so concurrent requests for one query embed it once.
      const pending = embed(query);
      entries.set(query, pending);
      pending.catch(() => entries.delete(query));
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return pending;
    },
  };
}
