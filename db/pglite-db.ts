import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, Queryable, QueryResult } from './db.js';
import { lockDataDir } from './data-dir-lock.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in a data folder: the no-servers default.
 * One session: PGlite queues a query issued while a transaction is open until it ends,
 * so callers can share this Db freely. `dir` undefined keeps the database in memory.
 */
export async function createPgliteDb(dir: string | undefined): Promise<Db> {
  const lock = dir ? lockDataDir(dir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), extensions: { vector, pg_trgm } });
  } catch (error) {
    lock?.release();
    throw error;
  }

  const wrap = (client: PGlite | Transaction): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await client.query<Row>(sql, params as unknown[] | undefined);
      // Match pg: rowCount is the rows returned, else the rows a write touched.
      return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      await client.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => pglite.transaction((tx) => fn(wrap(tx))),
    async close(): Promise<void> {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
