import type { Queryable } from '../../db/db.js';

export type AppStateRepository = ReturnType<typeof createAppStateRepository>;

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
    /**
     * The value under `key`, storing `initial` first if there is none. When several processes
     * race, the first insert wins and every caller gets that value: the SELECT is a statement
     * of its own, so it sees the winner's committed row.
     */
    async getOrCreate(key: string, initial: unknown): Promise<unknown> {
      await db.query(`INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, JSON.stringify(initial)]);
      const result = await db.query<{ value: unknown }>(`SELECT value FROM app_state WHERE key = $1`, [key]);
      if (result.rows.length === 0) throw new Error(`app_state "${key}" vanished right after it was created`);
      return result.rows[0]!.value;
    },
  };
}
