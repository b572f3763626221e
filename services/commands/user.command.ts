import type { ReadStream } from 'node:tty';
import { ZodError } from 'zod';
import type { Db } from '../../db/db.js';
import { migrate, pendingMigrations } from '../../db/migrator.js';
import { openDb } from '../../db/open-db.js';
import { StaffAccountConflictError } from '../auth/auth-errors.js';
import { createAuthService, type AuditActor, type AuthService } from '../auth/auth.service.js';
import type { Config } from '../config/config.js';
import type { StaffRole } from '../consent/viewer.js';
import { UserFacingError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { StaffUser } from '../repositories/staff-user.repository.js';

/** `levd user add | list | disable`: staff accounts from the command line (the first admin starts here). */

const ACTOR: AuditActor = 'cli:user';

export interface Terminal {
  readonly stdin: NodeJS.ReadableStream & Partial<Pick<ReadStream, 'isTTY' | 'setRawMode'>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const processTerminal = (): Terminal => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export interface UserAddOptions {
  readonly email: string;
  readonly role: StaffRole;
  readonly name?: string;
}

// Each command opens the database, then runs its step on the auth service. The steps are
// exported so tests can run them on an open runtime (the embedded database admits one process).

/** The password comes from stdin: typed without echo (twice) on a terminal, else the first line. */
export async function userAddCommand(config: Config, log: Logger, options: UserAddOptions, terminal: Terminal = processTerminal()): Promise<number> {
  const password = await readPassword(terminal);
  return withAuth(config, log, (auth) => addStaffUser(auth, options, password, terminal));
}

export function userListCommand(config: Config, log: Logger, terminal: Terminal = processTerminal()): Promise<number> {
  return withAuth(config, log, (auth) => listStaffUsers(auth, terminal));
}

export function userDisableCommand(config: Config, log: Logger, options: { readonly email: string }, terminal: Terminal = processTerminal()): Promise<number> {
  return withAuth(config, log, (auth) => disableStaffUser(auth, options, terminal));
}

export async function addStaffUser(auth: AuthService, options: UserAddOptions, password: string, terminal: Pick<Terminal, 'stdout'>): Promise<number> {
  const displayName = options.name ?? options.email.split('@')[0] ?? options.email;
  const user = await userFacing(() => auth.createStaffUser({ email: options.email, role: options.role, displayName, password }, ACTOR));
  terminal.stdout.write(`Created ${user.role} ${user.email} (${user.id}).\n`);
  return 0;
}

export async function listStaffUsers(auth: AuthService, terminal: Pick<Terminal, 'stdout'>): Promise<number> {
  const users = await auth.listUsers();
  terminal.stdout.write(users.length === 0 ? 'No staff accounts yet: levd user add --email … --role admin\n' : formatUsers(users));
  return 0;
}

export async function disableStaffUser(auth: AuthService, options: { readonly email: string }, terminal: Pick<Terminal, 'stdout'>): Promise<number> {
  const user = await auth.userByEmail(options.email);
  if (!user) throw new UserFacingError(`No staff account has the e-mail ${options.email}.`);
  await userFacing(() => auth.disable(user.id, ACTOR));
  terminal.stdout.write(`Disabled ${user.email}; its sessions have ended.\n`);
  return 0;
}

export function formatUsers(users: readonly StaffUser[]): string {
  const rows = [['E-MAIL', 'ROLE', 'NAME', 'STATUS'], ...users.map((u) => [u.email, u.role, u.displayName, u.disabledAt ? `disabled ${u.disabledAt.toISOString().slice(0, 10)}` : 'active'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

async function withAuth(config: Config, log: Logger, fn: (auth: AuthService) => Promise<number>): Promise<number> {
  const db = await openDb(config.database);
  try {
    await ensureSchema(db, config);
    return await fn(createAuthService({ db, log, sessionTtlHours: config.auth.sessionTtlHours }));
  } finally {
    await db.close();
  }
}

/** Bad input and refused changes become one-line messages naming the flag. */
async function userFacing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ZodError) throw new UserFacingError(error.issues.map((i) => `${flagOf(i.path)}: ${i.message}`).join('; '));
    if (error instanceof StaffAccountConflictError) throw new UserFacingError(error.message);
    throw error;
  }
}

const FLAGS: Readonly<Record<string, string>> = { email: '--email', displayName: '--name', role: '--role', password: 'the password (stdin)' };
const flagOf = (path: readonly PropertyKey[]) => FLAGS[String(path[0])] ?? String(path[0] ?? 'input');

/** Like the server: the embedded database migrates itself; a server's schema is `levd migrate`'s job. */
async function ensureSchema(db: Db, config: Config): Promise<void> {
  if (config.database.kind === 'embedded') {
    await migrate(db);
    return;
  }
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new UserFacingError(`The database needs ${pending.length} migration(s): run \`levd migrate\` first.`);
}

async function readPassword(terminal: Terminal): Promise<string> {
  const { stdin, stderr } = terminal;
  if (stdin.isTTY && stdin.setRawMode) {
    const first = await promptHidden('Password (at least 12 characters): ', terminal);
    const again = await promptHidden('Same password again: ', terminal);
    if (first !== again) throw new UserFacingError('The two passwords differ; nothing was changed.');
    return first;
  }
  const line = (await firstLine(stdin)).replace(/\r$/, '');
  if (line === '') {
    stderr.write('levd user add reads the password from stdin: printf %s "$PASSWORD" | levd user add …\n');
    throw new UserFacingError('No password on stdin.');
  }
  return line;
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stream.off('data', onData).off('end', finish).off('error', reject);
      stream.pause();
      resolve(text.split('\n')[0] ?? '');
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n')) finish();
    };
    stream.on('data', onData).on('end', finish).on('error', reject);
    stream.resume();
  });
}

/** Reads one line in raw mode so nothing typed is echoed. */
function promptHidden(prompt: string, { stdin, stderr }: Terminal): Promise<string> {
  stderr.write(prompt);
  stdin.setRawMode!(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new UserFacingError('Cancelled; nothing was changed.'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}
