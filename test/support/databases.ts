import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../../db/db.js';
import { createPgDb } from '../../db/pg-db.js';
import { createPgliteDb } from '../../db/pglite-db.js';
import { testServices } from './services.js';

/** A new, empty database on the test PostgreSQL server, dropped by `drop()`. */
export async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = testServices().databaseUrl;
  const name = `levd_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDb {
  readonly db: Db;
  cleanup(): Promise<void>;
}

/** Both backends, fresh and empty, so a test can run the same case on each. */
export const DB_BACKENDS: ReadonlyArray<readonly [name: 'postgres' | 'pglite', open: () => Promise<TestDb>]> = [
  [
    'postgres',
    async () => {
      const database = await freshServerDatabase();
      const db = createPgDb(database.url);
      return { db, cleanup: async () => { await db.close(); await database.drop(); } };
    },
  ],
  [
    'pglite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-pglite-'));
      const db = await createPgliteDb(dir);
      return { db, cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  ],
];
