/** The commands `levd` knows; docker-compose and the Dockerfile are checked against this list. */
export const CLI_COMMANDS = ['start', 'serve', 'worker', 'migrate', 'import', 'reindex', 'fetch-model', 'eval', 'user', 'verify-erasure'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];
