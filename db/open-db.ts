import type { Config } from '../services/config/config.js';
import { UserFacingError, errorMessage } from '../services/platform/errors.js';
import type { Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { createPgliteDb } from './pglite-db.js';

/** Opens the configured database and proves it answers, or fails with one clear line. */
export async function openDb(config: Config['database']): Promise<Db> {
  if (config.kind === 'embedded') {
    try {
      return await createPgliteDb(config.dir);
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      throw new UserFacingError(`Cannot open the embedded database in ${config.dir}: ${errorMessage(error)}`, { cause: error });
    }
  }
  const db = createPgDb(config.url);
  try {
    await db.query('SELECT 1');
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new UserFacingError(describeConnectionFailure(config.url, error), { cause: error });
  }
}

function describeConnectionFailure(rawUrl: string, error: unknown): string {
  const url = new URL(rawUrl);
  const where = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where} (connection refused). Start it, or unset DATABASE_URL to use the embedded database.`;
    case 'ENOTFOUND':
      return `Cannot reach PostgreSQL: host ${url.hostname} not found. Check DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the credentials in DATABASE_URL.`;
    case '3D000':
      return `PostgreSQL at ${where}: the database does not exist. Create it (createdb ${url.pathname.slice(1)}) or fix DATABASE_URL.`;
    default:
      return `Cannot use PostgreSQL at ${where}: ${errorMessage(error)}`;
  }
}
