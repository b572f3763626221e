import { migrate } from '../../db/migrator.js';
import { openDb } from '../../db/open-db.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';

/** `levd migrate`: applies pending migrations and says which. */
export async function migrateCommand(config: Config, log: Logger): Promise<void> {
  const db = await openDb(config.database);
  try {
    const { applied } = await migrate(db);
    log.info({ applied }, applied.length ? 'migrations applied' : 'schema is up to date');
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The schema is up to date.\n');
  } finally {
    await db.close();
  }
}
