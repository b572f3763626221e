import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrator.js';
import { createPgliteDb } from '../../db/pglite-db.js';
import { createReceiptHasher, DEFAULT_SCRYPT, generateReceiptCode, parseReceiptCode } from '../../services/contributions/receipt-code.js';
import { createAppStateRepository } from '../../services/repositories/app-state.repository.js';

/** A fresh, migrated embedded database: one installation. */
async function installation(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-receipt-'));
  const db = await createPgliteDb(dir);
  await migrate(db);
  return { db, cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

const hasherOver = (db: Db) => createReceiptHasher({ appState: createAppStateRepository(db) });

describe('receipt code hashing on PGlite', () => {
  let one: Awaited<ReturnType<typeof installation>>;
  let other: Awaited<ReturnType<typeof installation>>;
  beforeAll(async () => {
    [one, other] = await Promise.all([installation(), installation()]);
  });
  afterAll(async () => {
    await one?.cleanup();
    await other?.cleanup();
  });

  it('two hashers over one database agree, even when both create the pepper at once', async () => {
    const code = generateReceiptCode();
    // Separate repositories and hashers, as two processes would have; their first calls race.
    const [a, b] = await Promise.all([hasherOver(one.db).hash(code), hasherOver(one.db).hash(code)]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(await hasherOver(one.db).hash(code)).toBe(a);
  });

  it('finds the same hash for the code however it was typed, and a different one for another code', async () => {
    const hasher = hasherOver(one.db);
    const code = generateReceiptCode();
    const typed = parseReceiptCode(` ${code.toLowerCase().replace(/-/g, ' ')} `);
    expect(typed.ok).toBe(true);
    if (!typed.ok) return;
    expect(await hasher.hash(typed.code)).toBe(await hasher.hash(code));
    expect(await hasher.hash(generateReceiptCode())).not.toBe(await hasher.hash(code));
  });

  it('two installations hash the same code differently (each has its own pepper)', async () => {
    const code = generateReceiptCode();
    expect(await hasherOver(other.db).hash(code)).not.toBe(await hasherOver(one.db).hash(code));
  });

  it('keeps the pepper and cost in app_state, and never the code', async () => {
    const code = generateReceiptCode();
    await hasherOver(one.db).hash(code);
    const rows = await one.db.query<{ key: string; value: Record<string, unknown> }>(`SELECT key, value FROM app_state`);
    const state = rows.rows.find((r) => r.key === 'receipt_code_hasher')?.value;
    expect(state).toMatchObject({ algorithm: 'scrypt', ...DEFAULT_SCRYPT });
    expect(Buffer.from(String(state?.pepper), 'base64')).toHaveLength(32);
    expect(JSON.stringify(rows.rows)).not.toContain(code.replace(/-/g, '').slice(0, 8));
  });

  it('is slow on purpose, but not too slow for a request', async () => {
    const hasher = hasherOver(one.db);
    await hasher.hash(generateReceiptCode());
    const started = performance.now();
    for (let i = 0; i < 5; i++) await hasher.hash(generateReceiptCode());
    const ms = (performance.now() - started) / 5;
    console.log(`receipt code hash: ${ms.toFixed(1)} ms (scrypt N=${DEFAULT_SCRYPT.N}, r=${DEFAULT_SCRYPT.r}, p=${DEFAULT_SCRYPT.p})`);
    expect(ms).toBeGreaterThan(10);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a corrupted hasher state rather than hashing with a wrong key', async () => {
    const broken = await installation();
    try {
      await createAppStateRepository(broken.db).set('receipt_code_hasher', { algorithm: 'scrypt', pepper: 'short', N: 16384, r: 8, p: 1 });
      await expect(hasherOver(broken.db).hash(generateReceiptCode())).rejects.toThrow(/receipt_code_hasher.*pepper/);
    } finally {
      await broken.cleanup();
    }
  });
});
