import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { fetchModelCommand } from './commands/fetch-model.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { serveCommand } from './commands/serve.command.js';
import { workerCommand } from './commands/worker.command.js';
import { UserFacingError } from './platform/errors.js';
import { createLogger, type Logger } from './platform/logger.js';

/** `levd`: the one entry point. Each command is a thin call into services/commands. */

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('levd')
    .description('Levd: an archive of consented lived-experience stories, with semantic search.')
    .exitOverride()
    .showHelpAfterError('(levd --help lists the commands; levd <command> --help explains one)');

  // Configuration is read when a command runs, so `--help` works with a broken environment.
  const run = (fn: (config: Config, log: Logger) => Promise<void>) => async () => {
    const config = loadConfig();
    await fn(config, createLogger(config.logLevel));
  };

  program
    .command('start')
    .description('Run everything in one process: API, web UI and indexing worker (the embedded default needs no servers)')
    .action(run((config, log) => serveCommand(config, log, 'all')));
  program
    .command('serve')
    .description('Run the API and web UI (with REDIS_URL set, indexing jobs go to `levd worker` processes)')
    .action(run((config, log) => serveCommand(config, log, 'api')));
  program
    .command('worker')
    .description('Run an indexing worker that takes jobs from Redis (needs REDIS_URL)')
    .action(run(workerCommand));
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(run(migrateCommand));
  program
    .command('fetch-model')
    .description('Download the embedding model into DATA_DIR/models (or check the one in MODEL_DIR) and exit')
    .action(run(fetchModelCommand));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help text).
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`levd: invalid environment: ${error.problems.join('; ')}\n`);
    return 2;
  }
  if (error instanceof UserFacingError) {
    process.stderr.write(`levd: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`levd: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
