import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../services/consent/viewer.js';
import { RECEIPT_CODE_HEADER } from '../../services/http/access-control.js';
import { API_ENDPOINTS, type ApiEndpoint } from '../../services/http/api-contract.js';
import { createHttpApp } from '../../services/http/app.js';
import { createLogger } from '../../services/platform/logger.js';
import { aSubmission } from '../support/consent-fixtures.js';
import { FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';
import { PASSWORDS, addUserViaCli, asSession, emailOf, startApi, type HttpSession, type RunningApi } from '../support/staff-http.js';

/**
 * Every endpoint of the registry × every kind of caller, with real sessions and real CSRF
 * tokens: a caller the endpoint does not admit gets 401 (not signed in) or 403 (wrong role);
 * one it admits gets neither. Derived from API_ENDPOINTS, so a new endpoint is covered the
 * moment it is declared; and every route the app registers must be declared.
 */

type Caller = 'anonymous' | StaffRole;
const CALLERS: readonly Caller[] = ['anonymous', ...STAFF_ROLES];
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/** What the registry says this caller may do here (contributor endpoints: see the receipt-code tests). */
function expectedFor(endpoint: ApiEndpoint, caller: Caller): 'allowed' | 401 | 403 {
  const { access } = endpoint;
  switch (access.kind) {
    case 'public':
      return 'allowed';
    case 'contributor':
      return 401;
    case 'staff':
      if (caller === 'anonymous') return 401;
      return access.roles.includes(caller) ? 'allowed' : 403;
  }
}

/** The endpoint's path with each {param} filled: its first example if it has one, else a random UUID (routing matches either). */
function concretePath(endpoint: ApiEndpoint): string {
  return endpoint.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(endpoint.examples?.[name]?.[0] ?? randomUUID())));
}

/** A request to the endpoint as `session` (none: anonymous), with a JSON body on state-changing methods. */
function call(base: string, endpoint: ApiEndpoint, session: HttpSession | undefined, options: { csrf?: 'send' | 'omit'; headers?: Record<string, string> } = {}) {
  return asSession(base, session, endpoint.method, concretePath(endpoint), {
    ...(STATE_CHANGING.has(endpoint.method) ? { body: {} } : {}),
    ...options,
  });
}

/**
 * The contributor column: a request carrying `code` in X-Receipt-Code. Once submissions exist,
 * call this with a real receipt code and assert the answer is neither 401 nor 403.
 */
export function callAsContributor(base: string, endpoint: ApiEndpoint, code: string | undefined): Promise<Response> {
  return call(base, endpoint, undefined, code === undefined ? {} : { headers: { [RECEIPT_CODE_HEADER]: code } });
}

/** Every (METHOD, path) the Express app routes, walking its router stack and the routers mounted in it. */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return out;
}

describe('the access matrix: every endpoint × every caller', () => {
  let stack: TestStack;
  let api: RunningApi;
  /** A real contributor's code (the matrix's requests to contributor endpoints change nothing: their bodies are empty). */
  let receiptCode: string;

  /** A new session per request: signing out (DELETE /api/session) must not spoil the next cell. */
  const sessionOf = async (caller: Caller): Promise<HttpSession | undefined> => {
    if (caller === 'anonymous') return undefined;
    const session = await stack.runtime.auth.signIn(emailOf(caller), PASSWORDS[caller]);
    if (!session) throw new Error(`cannot sign in as ${caller}`);
    return { cookie: `levd_session=${session.token}`, csrfToken: session.csrfToken };
  };

  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    for (const role of STAFF_ROLES) await addUserViaCli(stack.runtime.auth, role, emailOf(role));
    // The matrix makes many wrong sign-ins and receipt codes on purpose: the per-address limits are out of the way (they have tests of their own).
    const { config } = stack.runtime;
    const limits = { auth: { ...config.auth, signInAttemptsPer15Min: 10_000 }, submissions: { ...config.submissions, perHour: 10_000, receiptAttemptsPer15Min: 10_000 } };
    api = await startApi({ ...stack.runtime, config: { ...config, ...limits } }, stack.runtime.readiness);
    const submission = aSubmission({
      title: 'Tilgangstest',
      text: 'En kort historie som bare finnes for å prøve tilgangen.',
      scopes: { public: true, clinicians: false, teaching: false, research: false, quote: false },
    });
    ({ receiptCode } = await stack.runtime.contributions.submit(submission, { kind: 'written', body: submission.text! }));
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await stack?.cleanup();
  });

  it('covers a registry that declares access for every endpoint', () => {
    expect(API_ENDPOINTS.length).toBeGreaterThan(10);
    for (const endpoint of API_ENDPOINTS) {
      const where = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
      expect(['public', 'contributor', 'staff'], where).toContain(endpoint.access?.kind);
      if (endpoint.access.kind === 'staff') {
        expect(endpoint.access.roles.length, `${where} admits at least one role`).toBeGreaterThan(0);
        expect(endpoint.errors, `${where} declares 401 and 403`).toEqual(expect.arrayContaining([401, 403]));
      }
      if (endpoint.access.kind === 'contributor') expect(endpoint.errors, `${where} declares 401`).toContain(401);
    }
    // The matrix below has every kind of cell: something each caller may and may not do.
    expect(API_ENDPOINTS.some((e) => e.access.kind === 'staff' && e.access.roles.length < STAFF_ROLES.length)).toBe(true);
  });

  it('routes nothing the registry does not declare, and declares nothing it does not route', () => {
    const app = createHttpApp({ log: createLogger('silent'), readiness: stack.runtime.readiness, api: stack.runtime });
    const routed = registeredRoutes(app);
    const declared = API_ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.expressPath}`);
    expect(new Set(routed).size, `a route registered twice: ${routed.join(', ')}`).toBe(routed.length);
    expect([...routed].sort()).toEqual([...declared].sort());
  });

  describe.each(API_ENDPOINTS.filter((e) => e.access.kind !== 'contributor').map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))(
    '%s',
    (_label, endpoint) => {
      it.each(CALLERS.map((caller) => [caller, expectedFor(endpoint, caller)] as const))('as %s: %s', async (caller, expected) => {
        const res = await call(api.base, endpoint, await sessionOf(caller));
        const body = await res.text();
        if (expected === 'allowed') {
          expect([401, 403], `${caller} is let through (got ${res.status}: ${body.slice(0, 200)})`).not.toContain(res.status);
          expect(res.status, body.slice(0, 200)).toBeLessThan(500);
        } else {
          expect(res.status, body.slice(0, 200)).toBe(expected);
          // Refused before the route parsed anything: the message is about access, not about the (empty) input.
          expect(body).not.toMatch(/must be|expected|Required/i);
        }
      });
    },
  );

  describe.each(API_ENDPOINTS.filter((e) => e.access.kind === 'contributor').map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))(
    '%s (contributor)',
    (_label, endpoint) => {
      it('refuses a caller without a receipt code, staff included', async () => {
        expect((await callAsContributor(api.base, endpoint, undefined)).status).toBe(401);
        for (const role of STAFF_ROLES) expect((await call(api.base, endpoint, await sessionOf(role))).status, role).toBe(401);
      });
      it('refuses a wrong receipt code', async () => {
        expect((await callAsContributor(api.base, endpoint, 'LEVD-WRONG-CODE-0000')).status).toBe(401);
      });
      it('admits a valid receipt code (neither 401 nor 403)', async () => {
        const res = await callAsContributor(api.base, endpoint, receiptCode);
        const body = await res.text();
        expect([401, 403], body.slice(0, 200)).not.toContain(res.status);
        expect(res.status, body.slice(0, 200)).toBeLessThan(500);
      });
    },
  );

  it('refuses every change made with a session cookie but no CSRF token, whatever the endpoint', async () => {
    const changes = API_ENDPOINTS.filter((e) => STATE_CHANGING.has(e.method) && e.operationId !== 'signIn');
    expect(changes.length).toBeGreaterThan(0);
    for (const endpoint of changes) {
      const res = await call(api.base, endpoint, await sessionOf('admin'), { csrf: 'omit' });
      expect(res.status, `${endpoint.method.toUpperCase()} ${endpoint.path}`).toBe(403);
      expect(await res.text()).toMatch(/X-CSRF-Token/);
    }
  });
});
