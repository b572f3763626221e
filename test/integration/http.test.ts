import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config/config.js';
import { createHttpApp } from '../../services/http/app.js';
import { closeServer, listen } from '../../services/http/listen.js';
import { createLogger } from '../../services/platform/logger.js';
import { openRuntime, type Runtime } from '../../services/runtime.js';
import { freePort, waitForHttp } from '../support/cli.js';
import { testServices } from '../support/services.js';

interface Running {
  readonly base: string;
  stop(): Promise<void>;
}

/** The API in this process on the given environment (embedded database in a temp folder). */
async function startApi(env: Record<string, string>): Promise<Running & { runtime: Runtime }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-http-'));
  const services = testServices();
  const config = loadConfig({ DATA_DIR: dataDir, PORT: String(await freePort()), MODEL_DIR: services.modelDir, ...env });
  const log = createLogger('silent');
  const runtime = await openRuntime(config, log, 'all');
  const server: Server = await listen(createHttpApp({ log, readiness: runtime.readiness }), '127.0.0.1', config.http.port);
  return {
    runtime,
    base: `http://127.0.0.1:${config.http.port}`,
    stop: async () => {
      await closeServer(server);
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('HTTP surface (embedded database, real Meilisearch)', () => {
  let api: Running;
  beforeAll(async () => {
    const { meiliUrl, meiliMasterKey } = testServices();
    api = await startApi({ MEILI_URL: meiliUrl, MEILI_MASTER_KEY: meiliMasterKey });
  });
  afterAll(async () => api?.stop());

  it('answers /healthz at once and /readyz with every component named', async () => {
    const health = await fetch(`${api.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await waitForHttp(`${api.base}/readyz`, (res) => res.status === 200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      ready: true,
      components: { database: { state: 'ready' }, queue: { state: 'ready' }, lexical: { state: 'ready' }, model: { state: 'ready' } },
    });
  });

  it('gives unknown API routes a JSON 404 and a request id', async () => {
    const res = await fetch(`${api.base}/api/nothing-here`, { headers: { 'X-Request-Id': 'trace-12345678' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    expect(await res.json()).toEqual({ error: { status: 404, message: 'No route for GET /api/nothing-here', requestId: 'trace-12345678' } });
  });

  it('refuses a malformed JSON body with a 400 that says so', async () => {
    const res = await fetch(`${api.base}/api/anything`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it('refuses an oversized body with a 413', async () => {
    const res = await fetch(`${api.base}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('sends security headers and serves the web UI', async () => {
    const res = await fetch(`${api.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).toContain('<html lang="nb">');
  });

  it('answers the web UI\'s page URLs with index.html, revalidated; hashed assets are kept a year', async () => {
    const page = await fetch(`${api.base}/stories/00000000-0000-4000-8000-000000000000?passage=x`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${api.base}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${api.base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${api.base}/api/no-such-endpoint`)).status).toBe(404);
  });
});

describe('/readyz when a component is down', () => {
  it('answers 503 and names the lexical engine when Meilisearch cannot be reached', async () => {
    const api = await startApi({ MEILI_URL: `http://127.0.0.1:${await freePort()}`, MEILI_MASTER_KEY: 'nope' });
    try {
      const res = await waitForHttp(`${api.base}/readyz`, (r) => r.status === 503);
      const body = (await res.json()) as { status: string; components: Record<string, { state: string; error?: string }> };
      expect(body.status).toBe('not_ready');
      expect(body.components.lexical?.state).toBe('failed');
      expect(body.components.lexical?.error).toMatch(/Meilisearch at http:\/\/127\.0\.0\.1:\d+/);
      expect(body.components.database?.state).toBe('ready');
    } finally {
      await api.stop();
    }
  });

  it('reports a wrong Meilisearch key as a failed lexical engine', async () => {
    const api = await startApi({ MEILI_URL: testServices().meiliUrl, MEILI_MASTER_KEY: 'not-the-key-0000000000000000' });
    try {
      const res = await waitForHttp(`${api.base}/readyz`, (r) => r.status === 503);
      const body = (await res.json()) as { components: Record<string, { state: string }> };
      expect(body.components.lexical?.state).toBe('failed');
    } finally {
      await api.stop();
    }
  });
});
