import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService } from '../../services/auth/auth.service.js';
import { tokenDigest } from '../../services/auth/session-token.js';
import { disableStaffUser, listStaffUsers, userAddCommand } from '../../services/commands/user.command.js';
import { migrate } from '../../db/migrator.js';
import { openDb } from '../../db/open-db.js';
import { loadConfig } from '../../services/config/config.js';
import type { ApiServices } from '../../services/http/app.js';
import { WRONG_CREDENTIALS } from '../../services/http/session.routes.js';
import { createLogger } from '../../services/platform/logger.js';
import { UserFacingError } from '../../services/platform/errors.js';
import { openRuntime } from '../../services/runtime.js';
import { EMBEDDED, FULL_STACK, stackEnvironment, type StackShape, type TestStack } from '../support/stack.js';
import {
  PASSWORDS,
  addUserViaCli,
  asSession,
  emailOf,
  pipedTerminal,
  postSignIn,
  sessionCookieOf,
  signInOverHttp,
  startApi,
  type HttpSession,
  type RunningApi,
} from '../support/staff-http.js';

/**
 * Staff accounts end to end, on the real PostgreSQL and on embedded PGlite: accounts made by
 * `levd user add`, sessions as cookies, CSRF, disabling, expiry, sign-out, the sign-in rate
 * limit and the audit trail.
 */
describe.each([
  ['full stack', FULL_STACK],
  ['embedded', EMBEDDED],
] as Array<[string, StackShape]>)('staff accounts and sessions (%s)', (_name, shape) => {
  let stack: TestStack;
  let api: RunningApi;
  const apis: RunningApi[] = [];
  const start = async (services: ApiServices) => {
    const running = await startApi(services, stack.runtime.readiness);
    apis.push(running);
    return running;
  };
  const withAuthSettings = (settings: Partial<ApiServices['config']['auth']>): ApiServices => ({
    ...stack.runtime,
    config: { ...stack.runtime.config, auth: { ...stack.runtime.config.auth, ...settings } },
  });
  let admin: HttpSession;
  let adminId = '';

  beforeAll(async () => {
    // The first admin is made the way an operator makes it: `levd migrate` (server) and
    // `levd user add` before the server starts (the embedded database admits one process at a time).
    const environment = await stackEnvironment(shape, { SIGN_IN_ATTEMPTS_PER_15_MIN: '5' });
    const config = loadConfig(environment.env);
    if (config.database.kind === 'server') {
      const db = await openDb(config.database);
      await migrate(db).finally(() => db.close());
    }
    expect(await addUserViaCli(config, 'admin', emailOf('admin'))).toMatch(/^Created admin admin\.main@levd\.test \([0-9a-f-]{36}\)\.\n$/);
    const runtime = await openRuntime(config, createLogger('silent'), 'all');
    stack = { env: environment.env, config, runtime, cleanup: async () => (await runtime.close(), await environment.cleanup()) };
    // The main server's limit is out of the way; the rate-limit test starts its own.
    api = await start(withAuthSettings({ signInAttemptsPer15Min: 10_000 }));
    for (const role of ['clinician', 'educator', 'editor'] as const) await addUserViaCli(stack.runtime.auth, role, emailOf(role));
    admin = await signInOverHttp(api.base, emailOf('admin'), PASSWORDS.admin);
    adminId = (await stack.runtime.auth.userByEmail(emailOf('admin')))!.id;
  }, 300_000);

  afterAll(async () => {
    for (const running of apis) await running.close();
    await stack?.cleanup();
  });

  it('levd user add stores the account with an argon2id hash; a short password or a taken e-mail stores nothing', async () => {
    const { rows } = await stack.runtime.db.query<{ email: string; role: string; password_hash: string }>(
      `SELECT email, role, password_hash FROM staff_users WHERE email = $1`,
      [emailOf('admin')],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('admin');
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain(PASSWORDS.admin);

    const count = async () => (await stack.runtime.auth.listUsers()).length;
    const before = await count();
    await expect(addUserViaCli(stack.runtime.auth, 'editor', 'kort@levd.test', 'for-kort')).rejects.toThrow(
      'the password (stdin): must be at least 12 characters long',
    );
    // E-mail addresses are one account whatever their case.
    await expect(addUserViaCli(stack.runtime.auth, 'editor', 'ADMIN.main@Levd.test')).rejects.toThrow(UserFacingError);
    expect(await count()).toBe(before);
    // A piped stdin without a password stores nothing either.
    await expect(userAddCommand(stack.config, createLogger('silent'), { email: 'tom@levd.test', role: 'editor' }, pipedTerminal(''))).rejects.toThrow('No password on stdin');

    const list = pipedTerminal('');
    await listStaffUsers(stack.runtime.auth, list);
    expect(list.out()).toMatch(/^E-MAIL\s+ROLE\s+NAME\s+STATUS\n/);
    for (const role of ['admin', 'editor', 'clinician', 'educator']) expect(list.out()).toContain(emailOf(role as 'admin'));
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie that lasts the session TTL, Secure only over TLS', async () => {
    const res = await postSignIn(api.base, emailOf('clinician'), PASSWORDS.clinician);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toEqual({ id: expect.any(String), email: emailOf('clinician'), displayName: 'Test clinician', role: 'clinician' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = sessionCookieOf(res)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.value).not.toBe(body.csrfToken);
    expect(cookie.attributes.get('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.get('path')).toBe('/');
    expect(cookie.attributes.get('max-age')).toBe(String(12 * 3600));
    expect(cookie.attributes.has('secure'), 'plain HTTP: not Secure').toBe(false);

    // Only the token's SHA-256 is stored.
    const stored = await stack.runtime.db.query(`SELECT 1 FROM staff_sessions WHERE token_sha256 = $1`, [tokenDigest(cookie.value)]);
    expect(stored.rowCount).toBe(1);
    const leaked = await stack.runtime.db.query(`SELECT 1 FROM staff_sessions WHERE token_sha256 = $1 OR csrf_token = $1`, [cookie.value]);
    expect(leaked.rowCount).toBe(0);

    // Behind the TLS-terminating proxy (trusted: loopback), `auto` marks it Secure.
    const viaTls = await postSignIn(api.base, emailOf('clinician'), PASSWORDS.clinician, { 'X-Forwarded-Proto': 'https' });
    expect(sessionCookieOf(viaTls)!.attributes.get('secure')).toBe(true);
    const always = await start(withAuthSettings({ cookieSecure: 'always', signInAttemptsPer15Min: 10_000 }));
    expect(sessionCookieOf(await postSignIn(always.base, emailOf('clinician'), PASSWORDS.clinician))!.attributes.get('secure')).toBe(true);
    const never = await start(withAuthSettings({ cookieSecure: 'never', signInAttemptsPer15Min: 10_000 }));
    const neverRes = await postSignIn(never.base, emailOf('clinician'), PASSWORDS.clinician, { 'X-Forwarded-Proto': 'https' });
    expect(sessionCookieOf(neverRes)!.attributes.has('secure')).toBe(false);
  });

  it('tells who is signed in, and nobody without a (valid) cookie', async () => {
    const session = await signInOverHttp(api.base, emailOf('educator'), PASSWORDS.educator);
    const me = await asSession(api.base, session, 'get', '/api/session');
    expect(await me.json()).toEqual({ user: expect.objectContaining({ email: emailOf('educator'), role: 'educator' }), csrfToken: session.csrfToken });
    expect(await (await fetch(`${api.base}/api/session`)).json()).toEqual({ user: null, csrfToken: null });
    const forged = await fetch(`${api.base}/api/session`, { headers: { Cookie: 'levd_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(await forged.json()).toEqual({ user: null, csrfToken: null });
    expect(forged.headers.getSetCookie().join()).toMatch(/levd_session=;/);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrong = await postSignIn(api.base, emailOf('editor'), 'not-the-password-at-all');
    const unknown = await postSignIn(api.base, 'nobody@levd.test', 'not-the-password-at-all');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(WRONG_CREDENTIALS);
      expect(sessionCookieOf(res)).toBeUndefined();
    }
  });

  it('accepts sign-in only as same-site JSON', async () => {
    const form = await fetch(`${api.base}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(emailOf('editor'))}&password=${PASSWORDS.editor}`,
    });
    expect(form.status).toBe(415);
    const crossSite = await postSignIn(api.base, emailOf('editor'), PASSWORDS.editor, { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(sessionCookieOf(crossSite)).toBeUndefined();
    const bad = await fetch(`${api.base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"x"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/email: must be an e-mail address.*password/);
  });

  it('refuses changes made with the session cookie unless they carry its CSRF token', async () => {
    const editor = (await stack.runtime.auth.userByEmail(emailOf('editor')))!;
    const patch = (csrf: 'send' | 'omit' | string) =>
      asSession(api.base, admin, 'patch', `/api/admin/users/${editor.id}`, { body: { role: 'editor' }, csrf });
    const missing = await patch('omit');
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/Missing X-CSRF-Token header/);
    const wrong = await patch(admin.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/Wrong X-CSRF-Token header/);
    // Another session's token is no good either.
    const other = await signInOverHttp(api.base, emailOf('admin'), PASSWORDS.admin);
    expect((await patch(other.csrfToken)).status).toBe(403);
    const right = await patch('send');
    expect(right.status).toBe(200);
    expect(((await right.json()) as { user: { role: string } }).user.role).toBe('editor');
    // Reads need no token.
    expect((await asSession(api.base, admin, 'get', '/api/admin/users', { csrf: 'omit' })).status).toBe(200);
  });

  it('lets an admin create accounts and change roles, which apply to sessions at once; never leaves no admin', async () => {
    const create = (body: unknown) => asSession(api.base, admin, 'post', '/api/admin/users', { body });
    const created = await create({ email: 'Ny.Redaktor@Levd.test', displayName: 'Ny redaktør', role: 'editor', password: 'et-langt-passord-1' });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; email: string; disabledAt: null } };
    expect(user).toMatchObject({ email: 'ny.redaktor@levd.test', disabledAt: null });
    expect((await create({ email: 'ny.redaktor@levd.test', displayName: 'x', role: 'editor', password: 'et-langt-passord-1' })).status).toBe(409);
    const short = await create({ email: 'kort@levd.test', displayName: 'x', role: 'editor', password: 'kort' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { message: string } }).error.message).toBe('password: must be at least 12 characters long');

    const session = await signInOverHttp(api.base, 'ny.redaktor@levd.test', 'et-langt-passord-1');
    expect((await asSession(api.base, session, 'get', '/api/admin/users')).status).toBe(403);
    expect((await asSession(api.base, admin, 'patch', `/api/admin/users/${user.id}`, { body: { role: 'admin' } })).status).toBe(200);
    expect((await asSession(api.base, session, 'get', '/api/admin/users')).status).toBe(200);
    expect((await asSession(api.base, admin, 'patch', `/api/admin/users/${user.id}`, { body: { role: 'clinician' } })).status).toBe(200);
    expect((await asSession(api.base, session, 'get', '/api/admin/users')).status).toBe(403);

    const lastAdmin = await asSession(api.base, admin, 'patch', `/api/admin/users/${adminId}`, { body: { role: 'editor' } });
    expect(lastAdmin.status).toBe(409);
    expect((await asSession(api.base, admin, 'patch', `/api/admin/users/${crypto.randomUUID()}`, { body: { disabled: true } })).status).toBe(404);
  });

  it('stops a disabled account from signing in, and its open sessions from working', async () => {
    const email = 'disable.me@levd.test';
    await addUserViaCli(stack.runtime.auth, 'editor', email, 'snart-deaktivert-1');
    const session = await signInOverHttp(api.base, email, 'snart-deaktivert-1');
    const user = (await stack.runtime.auth.userByEmail(email))!;
    const disabled = await asSession(api.base, admin, 'patch', `/api/admin/users/${user.id}`, { body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as { user: { disabledAt: string | null } }).user.disabledAt).toEqual(expect.any(String));
    expect(await (await asSession(api.base, session, 'get', '/api/session')).json()).toEqual({ user: null, csrfToken: null });
    const again = await postSignIn(api.base, email, 'snart-deaktivert-1');
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(WRONG_CREDENTIALS);

    // And from the command line: a session open at the time stops working.
    await asSession(api.base, admin, 'patch', `/api/admin/users/${user.id}`, { body: { disabled: false } });
    const reopened = await signInOverHttp(api.base, email, 'snart-deaktivert-1');
    expect((await (await asSession(api.base, reopened, 'get', '/api/session')).json()) as object).toMatchObject({ user: { email } });
    await disableStaffUser(stack.runtime.auth, { email }, pipedTerminal(''));
    expect(await (await asSession(api.base, reopened, 'get', '/api/session')).json()).toEqual({ user: null, csrfToken: null });
  });

  it('ends a session when it expires', async () => {
    const session = await signInOverHttp(api.base, emailOf('admin'), PASSWORDS.admin);
    const later = (hours: number) => createAuthService({ db: stack.runtime.db, log: createLogger('silent'), sessionTtlHours: 12, clock: () => new Date(Date.now() + hours * 3_600_000) });
    const almost = await start({ ...withAuthSettings({}), auth: later(11.9) });
    const past = await start({ ...withAuthSettings({}), auth: later(12.1) });
    expect((await asSession(almost.base, session, 'get', '/api/admin/users')).status).toBe(200);
    const expired = await asSession(past.base, session, 'get', '/api/admin/users');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/Sign in first/);
  });

  it('signs out on the server: the same cookie no longer works anywhere', async () => {
    const session = await signInOverHttp(api.base, emailOf('admin'), PASSWORDS.admin);
    const token = session.cookie.slice('levd_session='.length);
    expect((await asSession(api.base, session, 'delete', '/api/session', { csrf: 'omit' })).status).toBe(403);
    const out = await asSession(api.base, session, 'delete', '/api/session');
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ user: null, csrfToken: null });
    expect(out.headers.getSetCookie().join()).toMatch(/levd_session=;.*Expires=Thu, 01 Jan 1970/);
    const left = await stack.runtime.db.query(`SELECT 1 FROM staff_sessions WHERE token_sha256 = $1`, [tokenDigest(token)]);
    expect(left.rowCount).toBe(0);
    // A copy of the cookie kept by someone else is worthless now.
    expect((await asSession(api.base, session, 'get', '/api/admin/users')).status).toBe(401);
    // Signing out again, or without a session, is harmless.
    expect((await fetch(`${api.base}/api/session`, { method: 'DELETE' })).status).toBe(200);
  });

  it('limits failed sign-ins per address (429 with Retry-After); successful ones do not count', async () => {
    const limited = await start(stack.runtime); // SIGN_IN_ATTEMPTS_PER_15_MIN=5 from the environment
    for (let i = 0; i < 3; i++) expect((await postSignIn(limited.base, emailOf('educator'), PASSWORDS.educator)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await postSignIn(limited.base, emailOf('educator'), `wrong-password-${i}`)).status).toBe(401);
    const blocked = await postSignIn(limited.base, emailOf('educator'), 'wrong-password-6');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toMatch(/Too many failed sign-ins/);
    // Even the right password waits now.
    expect((await postSignIn(limited.base, emailOf('educator'), PASSWORDS.educator)).status).toBe(429);
  });

  it('audits sign-ins, failures, account changes and sign-outs by id, with no e-mail or password in them', async () => {
    const { rows } = await stack.runtime.db.query<{ actor: string; action: string; subject_type: string; subject_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor, action, subject_type, subject_id, details FROM audit_log WHERE action LIKE 'staff.%' ORDER BY id`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['staff.user_created', 'staff.signed_in', 'staff.sign_in_failed', 'staff.role_changed', 'staff.disabled', 'staff.enabled', 'staff.signed_out']) {
      expect(actions, action).toContain(action);
    }
    const editorId = (await stack.runtime.auth.userByEmail(emailOf('editor')))!.id;
    expect(rows).toContainEqual(expect.objectContaining({ action: 'staff.sign_in_failed', subject_id: editorId, details: { reason: 'wrong_password' } }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'staff.sign_in_failed', subject_id: null, details: { reason: 'unknown_account' } }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'staff.user_created', actor: 'cli:user', subject_id: adminId }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'staff.signed_in', actor: `staff:${adminId}`, subject_id: adminId }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'staff.role_changed', actor: `staff:${adminId}`, details: { from: 'editor', to: 'admin' } }));
    const all = JSON.stringify((await stack.runtime.db.query(`SELECT * FROM audit_log`)).rows);
    expect(all).not.toMatch(/@/);
    for (const password of [...Object.values(PASSWORDS), 'snart-deaktivert-1', 'et-langt-passord-1', 'wrong-password-1']) expect(all).not.toContain(password);
  });

  it('sends the security headers (helmet) with API answers', async () => {
    const res = await asSession(api.base, admin, 'get', '/api/session');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
