import { Command, CommanderError, Option } from 'commander';
import { IMPORT_FORMATS, type ImportFormat } from '../indexer/ingest/sources.js';
import { evalCommand } from './commands/eval.command.js';
import { importCommand } from './commands/import.command.js';
import { reindexCommand } from './commands/reindex.command.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { STAFF_ROLES, VIEWER_ROLES, type StaffRole, type ViewerRole } from './consent/viewer.js';
import { fetchModelCommand } from './commands/fetch-model.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { serveCommand } from './commands/serve.command.js';
import { verifyErasureCommand } from './commands/verify-erasure.command.js';
import { userAddCommand, userDisableCommand, userListCommand } from './commands/user.command.js';
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
  // A command may return an exit code (import: 1 when anything was refused).
  let exitCode = 0;
  // A command whose stdout is its result (levd eval --json) logs to stderr instead.
  const run =
    <Args extends unknown[]>(fn: (config: Config, log: Logger, ...args: Args) => Promise<number | void>, logTo?: NodeJS.WritableStream) =>
    async (...args: Args) => {
      const config = loadConfig();
      exitCode = (await fn(config, createLogger(config.logLevel, logTo), ...args)) ?? 0;
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
    .command('import')
    .description('Import stories and interview transcripts (JSONL, CSV, Markdown/text, WebVTT, SRT) and index them')
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .addOption(new Option('--format <format>', 'read every file as this format instead of going by its extension').choices(IMPORT_FORMATS))
    .option('--publish', 'publish the imported stories at once (otherwise they wait for review)', false)
    .option('--wait', 'with REDIS_URL: wait until the workers have indexed them (embedded, import always waits)', false)
    .action(
      run((config, log, paths: string[], options: { format?: ImportFormat; publish: boolean; wait: boolean }) =>
        importCommand(config, log, paths, options),
      ),
    );
  program
    .command('reindex')
    .description('Re-embed and re-index stories: those made by another model (--changed-model) or all (--all)')
    .option('--changed-model', 'only passages embedded by a model other than EMBEDDING_MODEL (or not embedded yet)')
    .option('--all', 'every story')
    .option('--wait', 'with REDIS_URL: wait until the workers have finished (embedded, reindex always waits)', false)
    .action(
      run(async (config, log, options: { changedModel?: boolean; all?: boolean; wait: boolean }) => {
        if (Boolean(options.changedModel) === Boolean(options.all)) {
          throw new UserFacingError('levd reindex needs exactly one of --changed-model or --all');
        }
        return reindexCommand(config, log, { mode: options.all ? 'all' : 'changed-model', wait: options.wait });
      }),
    );
  program
    .command('eval')
    .description('Score search on labelled queries: Recall@10, MRR@10 and nDCG@10 per mode (hybrid, vector, lexical) and query group')
    .argument('<file>', 'JSON Lines, one labelled query a line: {"query": …, "relevant": [externalIds], "lang"?: "nb"|"nn"|"en", "note"?: …}')
    .addOption(
      new Option('--as <role>', 'search as this viewer (relevant stories the role may not see still count)').choices(VIEWER_ROLES).default('editor'),
    )
    .option('--json', 'print the results as JSON on stdout', false)
    .action(run((config, log, file: string, options: { as: ViewerRole; json: boolean }) => evalCommand(config, log, file, options), process.stderr));
  const user = program.command('user').description('Staff accounts: add (the first admin too), list, disable');
  user
    .command('add')
    .description('Create a staff account; the password is read from stdin (typed without echo, or the first line piped in)')
    .requiredOption('--email <email>', 'the e-mail address to sign in with')
    .addOption(new Option('--role <role>', 'what the account may do').choices(STAFF_ROLES).makeOptionMandatory())
    .option('--name <name>', 'the name shown in the UI and audit views (default: the part of the e-mail before @)')
    .action(run((config, log, options: { email: string; role: StaffRole; name?: string }) => userAddCommand(config, log, options)));
  user
    .command('list')
    .description('List the staff accounts')
    .action(run((config, log) => userListCommand(config, log)));
  user
    .command('disable')
    .description('Disable a staff account and end its sessions')
    .requiredOption('--email <email>', 'the account\'s e-mail address')
    .action(run((config, log, options: { email: string }) => userDisableCommand(config, log, options)));
  program
    .command('verify-erasure')
    .description('Check every store (PostgreSQL, pgvector, collections, the lexical engine, the job queue) for anything left of a withdrawn story')
    .argument('<story-id>', 'the withdrawn story\'s id (a UUID)')
    .option('--json', 'print the report as JSON on stdout', false)
    .action(run((config, log, storyId: string, options: { json: boolean }) => verifyErasureCommand(config, log, storyId, options), process.stderr));
  program
    .command('fetch-model')
    .description('Download the embedding model into DATA_DIR/models (or check the one in MODEL_DIR) and exit')
    .action(run(fetchModelCommand));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
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
