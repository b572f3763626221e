import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStories } from '../../indexer/ingest/import-stories.js';
import { API, API_ENDPOINTS } from '../../services/http/api-contract.js';
import { createHttpApp } from '../../services/http/app.js';
import { closeServer, listen } from '../../services/http/listen.js';
import { createLogger } from '../../services/platform/logger.js';
import { waitForHttp } from '../support/cli.js';
import { FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';
import { CONSENT, interviewRecord, longStory, tempFolder, writtenRecord } from '../support/story-fixtures.js';

/**
 * The API against its own OpenAPI document: schemathesis (PyPI) reads /api/openapi.json from
 * a running server on the full stack, generates valid and invalid requests for every
 * operation and checks that none gets a 5xx and every answer matches the documented status,
 * content type and schema. Bounded and seeded, so a run is reproducible.
 */

// Same place scripts/services/install.sh puts it.
// eslint-disable-next-line no-restricted-properties -- the installer's cache override, not app configuration
const CACHE_DIR = process.env.LEVD_CACHE_DIR || path.join(os.homedir(), '.cache', 'levd');
const SCHEMATHESIS = path.join(CACHE_DIR, 'schemathesis-venv', 'bin', 'schemathesis');

const SEED = 20_260_406;
const MAX_EXAMPLES = 60;
// What the issue asks (no 5xx, every response as documented) plus: documented headers are sent, and
// requests the document calls invalid are refused (so a route cannot quietly skip its zod parse).
// Not `positive_data_acceptance`: /api/search rightly refuses some schema-valid requests (no q and
// no theme, an unknown theme slug, a cursor it did not give out), rules a parameter schema cannot state.
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
];

const ENGLISH = [
  'The first night on the ward the doors were locked behind me and nobody told me why.',
  'Weeks later a nurse sat down and asked what had helped me before, and we made a plan together.',
  'Today I work part time and walk by the river most mornings; it was the people who made the difference.',
].join('\n\n');

interface HarEntry {
  readonly request: { readonly url: string };
  readonly response: { readonly status: number; readonly content: { readonly text?: string } };
}

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(command)} did not finish within ${timeoutMs / 1000} s; output so far:\n${output}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the API against its OpenAPI document (schemathesis, full stack)', () => {
  let stack: TestStack;
  let server: Server | undefined;
  let base: string;
  let storyIds: Map<string, string>;
  const files = tempFolder('levd-contract-');
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-schemathesis-'));

  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    const log = createLogger('silent');
    const file = files.jsonl('stories.jsonl', [
      writtenRecord('contract-tvang', { themes: ['tvang'], contentWarnings: ['tvangsmidler'] }),
      writtenRecord('contract-rus', { title: 'Veien ut av rusen', text: longStory(6, 5, 3), themes: ['rusfrihet'] }),
      writtenRecord('contract-en', { title: 'Locked doors', language: 'en', text: ENGLISH, themes: ['tvang', 'vendepunkt-og-hap'] }),
      // Clinicians only (not public): anonymous callers must never see it, whatever they send.
      interviewRecord('contract-klinikere', { themes: ['medisinfri-behandling'], consent: { ...CONSENT, public: false } }),
    ]);
    const summary = await importStories(
      { db: stack.runtime.db, queue: stack.runtime.queue, log },
      { paths: [file], publish: true, wait: true, maxStoryChars: stack.config.indexing.maxStoryChars, actor: 'test' },
    );
    expect(summary.refused).toEqual([]);
    expect(summary.jobs.failed).toEqual([]);
    expect(summary.created).toBe(4);
    const { rows } = await stack.runtime.db.query<{ id: string; external_id: string }>(`SELECT id, external_id FROM stories`);
    storyIds = new Map(rows.map((r) => [r.external_id, r.id]));

    const app = createHttpApp({ log, readiness: stack.runtime.readiness, api: stack.runtime });
    server = await listen(app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await waitForHttp(`${base}/readyz`, (res) => res.status === 200);
  }, 300_000);

  afterAll(async () => {
    if (server) await closeServer(server);
    await stack?.cleanup();
    files.remove();
    fs.rmSync(reports, { recursive: true, force: true });
  });

  it('serves the document it is checked against', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.status, 'GET /api/openapi.json: is openApiRoutes() mounted in services/http/app.ts?').toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(API_ENDPOINTS.map((e) => e.path))].sort());
  });

  it('answers every generated request without a 5xx and as documented', async () => {
    expect(
      fs.existsSync(SCHEMATHESIS),
      `schemathesis is not installed at ${SCHEMATHESIS}: run \`bash scripts/services/install.sh schemathesis\` (npm test does)`,
    ).toBe(true);
    const junit = path.join(reports, 'junit.xml');
    const har = path.join(reports, 'requests.har');
    const args = [
      'run',
      `${base}/api/openapi.json`,
      '--checks',
      CHECKS.join(','),
      // Stateful: follows the document's links (search → story → similar) to reach real stories.
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--max-examples',
      String(MAX_EXAMPLES),
      '--seed',
      String(SEED),
      // No example database: each run starts from the seed alone, as CI does.
      '--generation-database',
      'none',
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--report',
      'junit,har',
      '--report-junit-path',
      junit,
      '--report-har-path',
      har,
      '--no-color',
    ];
    const result = await run(SCHEMATHESIS, args, reports, 540_000);
    expect(result.code, `schemathesis ${args.join(' ')}\n\n${result.output}`).toBe(0);

    // A run that tested nothing would also exit 0: every operation must have been exercised
    // (except the document's own URL, which schemathesis leaves out of what it tests).
    const report = fs.readFileSync(junit, 'utf8');
    for (const endpoint of API_ENDPOINTS.filter((e) => e !== API.openapi)) {
      expect(report, `no test case for ${endpoint.method.toUpperCase()} ${endpoint.path} in ${junit}`).toContain(
        `${endpoint.method.toUpperCase()} ${endpoint.path}`,
      );
    }
    expect(report).not.toMatch(/<failure|<error/);

    // Every request was anonymous: across all of them the clinicians-only story never showed up,
    // while the public ones did (so the look was not at empty answers).
    const entries = (JSON.parse(fs.readFileSync(har, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
    const bodies = entries.map((e) => `${e.request.url}\n${e.response.content.text ?? ''}`);
    const hidden = storyIds.get('contract-klinikere')!;
    expect(bodies.filter((b) => b.includes('contract-klinikere') || b.split('\n')[1]!.includes(hidden))).toEqual([]);
    expect(bodies.filter((b) => b.split('\n')[1]!.includes(storyIds.get('contract-tvang')!)).length).toBeGreaterThan(10);
  }, 600_000);
});
