import type { Queryable } from '../../db/db.js';

/** Small facts about this installation (e.g. `demo_corpus_loaded`), as JSON values. */
export function createAppStateRepository(db: Queryable) {
  return {
    async get<T = unknown>(key: string): Promise<T | undefined> {
      const result = await db.query<{ value: T }>(`SELECT value FROM app_state WHERE key = $1`, [key]);
      return result.rows[0]?.value;
    },
    async set(key: string, value: unknown): Promise<void> {
      await db.query(
        `INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [key, JSON.stringify(value)],
      );
    },
  };
}
