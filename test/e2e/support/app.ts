import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCatalogue } from '../../support/demo-stack.js';
import { REPO_ROOT, freePort, waitForHttp } from '../../support/cli.js';
import { STAFF, type StaffAccount } from './accounts.js';
import { ensureWebBuild } from './web-build.js';
import { childEnv, modelDir } from './env.js';

/**
 * Levd as its user runs it: `levd start` in the embedded default (no servers) on a fresh
 * DATA_DIR, so the first start loads and indexes the demo corpus. Staff accounts are made
 * with `levd user add` first: the embedded database admits one process at a time.
 */

const LEVD = path.join(REPO_ROOT, 'bin/levd.mjs');

export interface RunningApp {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Everything the app wrote to stdout and stderr (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL to the process group if it has not exited in time; removes DATA_DIR. */
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** How long the first start may take to be ready with the demo corpus indexed (default 5 minutes). */
  readonly readyTimeoutMs?: number;
  readonly accounts?: readonly StaffAccount[];
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  await ensureWebBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-e2e-'));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    MODEL_DIR: modelDir(),
    LOG_LEVEL: 'warn',
    DEMO_CORPUS: 'auto',
  };
  try {
    for (const account of options.accounts ?? Object.values(STAFF)) await addStaffUser(env, account);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(process.execPath, [LEVD, 'start'], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    // Its own process group, so a stuck app can be killed with everything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // If the test worker dies before afterAll, do not leave a Levd holding the port and the data folder.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const baseUrl = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const app: RunningApp = {
    baseUrl,
    dataDir,
    output: () => output,
    stop: () =>
      (stopped ??= (async () => {
        process.off('exit', killOnExit);
        await stopChild(child);
        fs.rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
  try {
    await untilReady(app, child, options.readyTimeoutMs ?? 300_000);
    return app;
  } catch (error) {
    await app.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- levd start output ---\n${output}`, { cause: error });
  }
}

/** `levd user add`, the password piped on stdin as a person would pipe it. */
function addStaffUser(env: Record<string, string>, account: StaffAccount): Promise<void> {
  const args = [LEVD, 'user', 'add', '--email', account.email, '--role', account.role, '--name', account.name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdin.end(`${account.password}\n`);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`levd user add --role ${account.role} exited ${code}: ${output.trim()}`));
    });
  });
}

/** Ready means: /readyz says so, and every public demo story can be found (its indexing jobs are done). */
async function untilReady(app: RunningApp, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exitedEarly = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`levd start exited (${signal ?? `code ${code}`}) before it was ready`))),
  );
  exitedEarly.catch(() => {});
  const remaining = () => Math.max(1_000, deadline - Date.now());
  await Promise.race([
    (async () => {
      await waitForHttp(`${app.baseUrl}/readyz`, (res) => res.status === 200, remaining());
      await waitForHttp(`${app.baseUrl}/api/search?q=tvang`, (res) => res.status === 200, remaining());
      await untilDemoIndexed(app.baseUrl, deadline);
    })(),
    exitedEarly,
  ]);
}

/**
 * The demo corpus is indexed in the background after the first start. Its public stories are
 * read from the corpus files (never a hard-coded count), and each is looked for through the
 * search API by the taxonomy's themes, as an anonymous visitor. A request that fails while the
 * app is busy is retried until the deadline; the last failure is reported.
 */
async function untilDemoIndexed(baseUrl: string, deadline: number): Promise<void> {
  const catalogue = [...(await demoCatalogue()).values()];
  let problem = 'not checked yet';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/themes`);
      if (res.status !== 200) throw new Error(`GET /api/themes: HTTP ${res.status}`);
      const taxonomy = new Set(((await res.json()) as { themes: { slug: string }[] }).themes.map((t) => t.slug));
      const expected = catalogue.filter((s) => s.scopes.public && !s.withdrawn && s.themes.some((t) => taxonomy.has(t))).map((s) => s.externalId);
      if (expected.length === 0) throw new Error('the demo corpus has no public story with a theme: nothing to wait for, which is wrong');
      const found = new Set<string>();
      for (const theme of taxonomy) for (const id of await externalIdsWithTheme(baseUrl, theme)) found.add(id);
      const missing = expected.filter((id) => !found.has(id));
      // The query the tests start from answers too.
      const tvang = await fetch(`${baseUrl}/api/search?q=tvang`);
      const answered = tvang.status === 200 && ((await tvang.json()) as { results: unknown[] }).results.length > 0;
      if (missing.length === 0 && answered) return;
      problem = missing.length > 0 ? `${missing.length} of ${expected.length} public demo stories not searchable yet (${missing.slice(0, 5).join(', ')})` : 'GET /api/search?q=tvang found nothing';
    } catch (error) {
      problem = `${error instanceof Error ? error.message : String(error)}${error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''}`;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the demo corpus was not searchable in time: ${problem}`);
}

async function externalIdsWithTheme(baseUrl: string, theme: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL('/api/search', baseUrl);
    url.searchParams.set('theme', theme);
    url.searchParams.set('limit', '50');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`GET ${url.pathname}${url.search}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { results: { story: { externalId: string | null } }[]; nextCursor: string | null };
    for (const result of body.results) if (result.story.externalId) ids.push(result.story.externalId);
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM (Levd shuts down cleanly, releasing the embedded database's lock); SIGKILL the group after 20 s. */
async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
