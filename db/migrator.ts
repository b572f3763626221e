import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserFacingError, errorMessage } from '../services/platform/errors.js';
import type { Db, Queryable } from './db.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant shared by every migrator: concurrent `levd migrate` runs queue on it.
const MIGRATION_LOCK_KEY = 7_318_114;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

/** Reads db/migrations: numbered SQL files, applied in order, never edited once applied. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file ${file} must be named NNNN_lower_snake_name.sql`);
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(match[1]), name: file, sql, sha256: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps or repeats; found ${migration.name}`);
    }
  });
  return migrations;
}

/**
 * Applies every pending migration in one transaction under an advisory lock, so a
 * half-applied schema is impossible and two processes starting at once don't race.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = readMigrations()): Promise<{ applied: string[] }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await appliedMigrations(tx);
    const applied: string[] = [];
    for (const migration of migrations) {
      const existing = done.get(migration.version);
      if (existing) {
        if (existing !== migration.sha256) {
          throw new UserFacingError(
            `Migration ${migration.name} was changed after it was applied. Restore it and add a new migration instead.`,
          );
        }
        continue;
      }
      await applyOne(tx, migration);
      applied.push(migration.name);
    }
    return { applied };
  });
}

/** The migrations not yet applied (for `levd serve` / `levd worker` against a server). */
export async function pendingMigrations(db: Db, migrations: readonly Migration[] = readMigrations()): Promise<string[]> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const done = exists.rows[0]?.present ? await appliedMigrations(db) : new Map<number, string>();
  return migrations.filter((migration) => !done.has(migration.version)).map((migration) => migration.name);
}

async function appliedMigrations(db: Queryable): Promise<Map<number, string>> {
  const result = await db.query<{ version: number; sha256: string }>('SELECT version, sha256 FROM schema_migrations');
  return new Map(result.rows.map((row) => [row.version, row.sha256]));
}

async function applyOne(tx: Queryable, migration: Migration): Promise<void> {
  try {
    await tx.exec(migration.sql);
  } catch (error) {
    throw explainMigrationFailure(migration, error);
  }
  await tx.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [
    migration.version,
    migration.name,
    migration.sha256,
  ]);
}

/** A missing extension is an installation problem, not a bug: say what to install. */
export function explainMigrationFailure(migration: Migration, error: unknown): Error {
  const message = errorMessage(error);
  const missing = /extension "?([a-z_0-9]+)"? is not available|extension control file "[^"]*\/([a-z_0-9]+)\.control"/.exec(message);
  const extension = missing?.[1] ?? missing?.[2];
  if (extension === 'vector') {
    return new UserFacingError(
      'The PostgreSQL server has no pgvector extension, which Levd needs for embeddings. Install pgvector on the server ' +
        '(e.g. use the pgvector/pgvector image, or `bash scripts/services/install.sh postgres` on Debian), ' +
        'or unset DATABASE_URL to use the embedded database.',
      { cause: error },
    );
  }
  if (extension) {
    return new UserFacingError(
      `The PostgreSQL server has no ${extension} extension (in postgresql-contrib). Install it on the server.`,
      { cause: error },
    );
  }
  return new Error(`Migration ${migration.name} failed: ${message}`, { cause: error });
}
