import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { createPgliteDb } from '../../db/pglite-db.js';
import { UserFacingError } from '../../services/platform/errors.js';
import { DB_BACKENDS, type TestDb } from '../support/databases.js';

describe.each(DB_BACKENDS)('Db on %s', (_name, open) => {
  let handle: TestDb;
  let db: Db;
  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await db.exec('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL); CREATE TABLE other (id int);');
  });
  afterAll(async () => handle?.cleanup());

  it('reports rows returned and rows written the same way on both backends', async () => {
    expect((await db.query(`INSERT INTO items VALUES (1, 'a'), (2, 'b')`)).rowCount).toBe(2);
    expect((await db.query(`SELECT * FROM items`)).rowCount).toBe(2);
    expect((await db.query(`UPDATE items SET label = 'c' WHERE id = 1`)).rowCount).toBe(1);
    expect((await db.query(`UPDATE items SET label = 'c' WHERE id = 99`)).rowCount).toBe(0);
    expect((await db.query<{ id: number }>(`SELECT id FROM items WHERE label = $1`, ['c'])).rows).toEqual([{ id: 1 }]);
  });

  it('commits a transaction as a whole and rolls back a failing one completely', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO items VALUES (10, 'x')`);
      await tx.query(`INSERT INTO other VALUES (10)`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO items VALUES (11, 'y')`);
        await tx.query(`INSERT INTO items VALUES (10, 'duplicate')`);
      }),
    ).rejects.toThrow(/duplicate key/);
    const ids = await db.query<{ id: number }>(`SELECT id FROM items WHERE id >= 10 ORDER BY id`);
    expect(ids.rows).toEqual([{ id: 10 }]);
  });

  it('lets a query from elsewhere wait for an open transaction instead of seeing half of it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const firstInsert = new Promise<void>((resolve) => (inserted = resolve));
    const writer = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO items VALUES (20, 'first')`);
      inserted();
      await held;
      await tx.query(`INSERT INTO items VALUES (21, 'second')`);
    });
    await firstInsert;
    const reader = db.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE id IN (20, 21)`);
    release();
    await writer;
    // PostgreSQL reads the committed state (0 or 2, never 1); PGlite queues the read until the commit (2).
    expect([0, 2]).toContain((await reader).rows[0]!.n);
  });
});

describe('the embedded data folder', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('is opened by one Db at a time, and reopens with its data after close', async () => {
    const dir = tempDir();
    const first = await createPgliteDb(dir);
    await first.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
    await expect(createPgliteDb(dir)).rejects.toThrow(UserFacingError);
    await expect(createPgliteDb(dir)).rejects.toThrow(/is in use: this process already has it open/);
    await first.close();
    const again = await createPgliteDb(dir);
    expect((await again.query<{ v: string }>('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    // A pid that cannot be running: above Linux's pid_max.
    fs.writeFileSync(path.join(dir, 'levd.lock'), '4194305');
    const db = await createPgliteDb(dir);
    expect(fs.readFileSync(path.join(dir, 'levd.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(path.join(dir, 'levd.lock'))).toBe(false);
  });
});
