import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { StaffRole } from '../../services/consent/viewer.js';
import type { AuthService } from '../../services/auth/auth.service.js';
import { addStaffUser, userAddCommand, type Terminal } from '../../services/commands/user.command.js';
import type { Config } from '../../services/config/config.js';
import { createHttpApp, type ApiServices, type HttpDeps } from '../../services/http/app.js';
import { closeServer, listen } from '../../services/http/listen.js';
import { createLogger } from '../../services/platform/logger.js';

/** Staff accounts and HTTP sessions for tests: real accounts (made by the CLI function), real cookies, real CSRF tokens. */

export const PASSWORDS: Readonly<Record<StaffRole, string>> = {
  clinician: 'klinikar-passord-123',
  educator: 'underviser-passord-123',
  editor: 'redaktor-passord-123',
  admin: 'administrator-passord-123',
};

export const emailOf = (role: StaffRole, tag = 'main') => `${role}.${tag}@levd.test`;

/** A terminal whose stdin is `input` (not a TTY, like a pipe) and whose output is collected. */
export function pipedTerminal(input: string): Terminal & { readonly out: () => string } {
  const stdin = new PassThrough();
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (out += chunk));
  return { stdin, stdout, stderr, out: () => out };
}

/**
 * `levd user add` as the CLI runs it, password piped in: with a Config, the whole command
 * (it opens the database itself, so an embedded one must not be open elsewhere); with an
 * AuthService, the command's step on an already open runtime.
 */
export async function addUserViaCli(target: Config | AuthService, role: StaffRole, email: string, password = PASSWORDS[role]): Promise<string> {
  const terminal = pipedTerminal(`${password}\n`);
  const options = { email, role, name: `Test ${role}` };
  const code = 'createStaffUser' in target ? await addStaffUser(target, options, password, terminal) : await userAddCommand(target, createLogger('silent'), options, terminal);
  if (code !== 0) throw new Error(`levd user add exited ${code}: ${terminal.out()}`);
  return terminal.out();
}

export interface RunningApi {
  readonly base: string;
  close(): Promise<void>;
}

export async function startApi(api: ApiServices, readiness: HttpDeps['readiness']): Promise<RunningApi & { server: Server }> {
  const app = createHttpApp({ log: createLogger('silent'), readiness, api });
  const server = await listen(app, '127.0.0.1', 0);
  const { port } = server.address() as { port: number };
  return { server, base: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

export interface HttpSession {
  /** `levd_session=…`, ready for a Cookie header. */
  readonly cookie: string;
  readonly csrfToken: string;
}

/** The Set-Cookie attributes of the session cookie, lower-cased names. */
export function sessionCookieOf(res: Response): { value: string; attributes: Map<string, string | true> } | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('levd_session='));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return {
    value: pair!.slice('levd_session='.length),
    attributes: new Map(
      attributes.map((a): [string, string | true] => {
        const at = a.indexOf('=');
        return at < 0 ? [a.toLowerCase(), true] : [a.slice(0, at).toLowerCase(), a.slice(at + 1)];
      }),
    ),
  };
}

export function postSignIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

export async function signInOverHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const res = await postSignIn(base, email, password);
  if (res.status !== 200) throw new Error(`sign-in as ${email}: HTTP ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `levd_session=${sessionCookieOf(res)!.value}`, csrfToken };
}

/** A request with the session's cookie, and its CSRF token unless `csrf` says otherwise. */
export function asSession(
  base: string,
  session: HttpSession | undefined,
  method: string,
  path: string,
  options: { body?: unknown; csrf?: 'send' | 'omit' | string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const csrf = options.csrf ?? 'send';
  const headers: Record<string, string> = { ...options.headers };
  if (session) headers.Cookie = session.cookie;
  if (session && csrf !== 'omit') headers['X-CSRF-Token'] = csrf === 'send' ? session.csrfToken : csrf;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${base}${path}`, { method: method.toUpperCase(), headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
}
