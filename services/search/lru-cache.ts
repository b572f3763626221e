/**
 * A small LRU cache of computed values, optionally expiring after `ttlMs`. The promise is
 * cached, so concurrent requests for one key compute it once; a failed computation is
 * forgotten at once. Keys are never logged.
 */
export interface LruCache<V> {
  get(key: string, compute: (key: string) => Promise<V>): Promise<V>;
  /** Forgets every entry (a computation under way still resolves for its callers). */
  clear(): void;
  readonly size: number;
}

export function createLruCache<V>(options: { capacity: number; ttlMs?: number; now?: () => number }): LruCache<V> {
  const { capacity, ttlMs = Infinity, now = Date.now } = options;
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest first.
  const entries = new Map<string, { value: Promise<V>; expires: number }>();
  return {
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
    async get(key, compute) {
      if (capacity === 0) return compute(key);
      const cached = entries.get(key);
      entries.delete(key);
      if (cached && cached.expires > now()) {
        entries.set(key, cached);
        return cached.value;
      }
      const entry = { value: compute(key), expires: now() + ttlMs };
      entries.set(key, entry);
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return entry.value;
    },
  };
}
