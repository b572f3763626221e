import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { anySignal, ApiError, apiRequest, currentCsrfToken, isAbort, onSessionAnswer, rememberSession } from '../../web/src/api/client.js';

/**
 * The web UI's fetch client against a real HTTP server on localhost (the browser's relative URLs
 * are resolved against it): abort and time-out handling, also while the body is still arriving,
 * and the one re-read of the session when a change is refused for a stale CSRF token.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base = '';
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, base), init));
});

afterAll(async () => {
  vi.unstubAllGlobals();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  rememberSession({ user: null, csrfToken: null });
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Sends the headers and half a JSON body, then nothing more. */
const stallInBody: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"results": [');
};

describe('web API client: aborts and time-outs', () => {
  it('refuses at once, without a request, when the signal was aborted before the call', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests += 1;
      json(res, 200, {});
    };
    const controller = new AbortController();
    controller.abort();
    const error = await apiRequest('/api/x', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(requests).toBe(0);
  });

  it('reports a caller abort during the body as an abort, not as an invalid answer', async () => {
    handler = stallInBody;
    const controller = new AbortController();
    const pending = apiRequest('/api/x', { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(isAbort(await pending)).toBe(true);
  });

  it('reports a time-out during the body as a time-out', async () => {
    handler = stallInBody;
    const error = await apiRequest('/api/x', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('timeout');
  });

  it('reports a time-out before any answer as a time-out, and a non-JSON answer as invalid', async () => {
    handler = () => undefined; // never answers
    const timedOut = await apiRequest('/api/x', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect((timedOut as ApiError).kind).toBe('timeout');
    handler = (_req, res) => res.end('<html>');
    const invalid = await apiRequest('/api/x').catch((e: unknown) => e);
    expect((invalid as ApiError).kind).toBe('invalid-response');
  });

  it('anySignal aborts with whichever signal aborts first, also one already aborted', () => {
    const done = new AbortController();
    done.abort('first');
    expect(anySignal([new AbortController().signal, done.signal]).aborted).toBe(true);
    const later = new AbortController();
    const combined = anySignal([new AbortController().signal, later.signal]);
    expect(combined.aborted).toBe(false);
    later.abort();
    expect(combined.aborted).toBe(true);
  });
});

describe('web API client: a stale CSRF token', () => {
  it('re-reads the session once after a 403 on a change, and retries with the new token', async () => {
    const seen: (string | undefined)[] = [];
    handler = (req, res) => {
      if (req.url === '/api/session') return json(res, 200, { user: { id: 'u1', email: 'e@x', displayName: 'E', role: 'editor' }, csrfToken: 'fresh' });
      seen.push(req.headers['x-csrf-token'] as string | undefined);
      if (req.headers['x-csrf-token'] !== 'fresh') return json(res, 403, { error: { status: 403, message: 'Wrong X-CSRF-Token header' } });
      json(res, 200, { ok: true });
    };
    rememberSession({ user: null, csrfToken: 'stale' });
    const answers: (string | null)[] = [];
    const stop = onSessionAnswer((session) => answers.push(session.csrfToken));
    try {
      await expect(apiRequest('/api/things', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ ok: true });
    } finally {
      stop();
    }
    expect(seen).toEqual(['stale', 'fresh']);
    expect(currentCsrfToken()).toBe('fresh');
    expect(answers).toEqual(['fresh']);
  });

  it('shows a real refusal (the token did not change) without retrying, and never retries reads', async () => {
    let changes = 0;
    let reads = 0;
    handler = (req, res) => {
      if (req.url === '/api/session') return json(res, 200, { user: null, csrfToken: 'same' });
      if (req.method === 'GET') reads += 1;
      else changes += 1;
      json(res, 403, { error: { status: 403, message: 'Not for your role' } });
    };
    rememberSession({ user: null, csrfToken: 'same' });
    const refused = await apiRequest('/api/things', { method: 'DELETE' }).catch((e: unknown) => e);
    expect((refused as ApiError).status).toBe(403);
    expect((refused as ApiError).message).toBe('Not for your role');
    expect(changes).toBe(1);
    const read = await apiRequest('/api/things').catch((e: unknown) => e);
    expect((read as ApiError).status).toBe(403);
    expect(reads).toBe(1);
  });
});
