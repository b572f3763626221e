import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../../services/cli-commands.js';
import { REPO_ROOT, exited, freePort, runLevd, spawnLevd, waitForHttp } from '../support/cli.js';
import { freshServerDatabase } from '../support/databases.js';
import { testServices } from '../support/services.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const modelEnv = (): Record<string, string> => ({ MODEL_DIR: testServices().modelDir });

/** What the person sees: exactly one line, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('levd CLI', () => {
  it('lists its commands, and explains each with --help', async () => {
    const help = await runLevd(['--help']);
    expect(help.code).toBe(0);
    for (const command of CLI_COMMANDS) expect(help.stdout).toContain(command);
    const startHelp = await runLevd(['start', '--help']);
    expect(startHelp.code).toBe(0);
    expect(startHelp.stdout).toMatch(/Usage: levd start/);
  });

  it('refuses an unknown flag or command with a clear message and a non-zero exit', async () => {
    const flag = await runLevd(['start', '--frobnicate']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toMatch(/unknown option '--frobnicate'/);
    const command = await runLevd(['frobnicate']);
    expect(command.code).not.toBe(0);
    expect(command.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('names every invalid environment variable in one line', async () => {
    const result = await runLevd(['migrate'], { PORT: 'eighty', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^levd: invalid environment: .*DATABASE_URL.*PORT.*LOG_LEVEL|^levd: invalid environment: .*PORT/);
    for (const name of ['DATABASE_URL', 'PORT', 'LOG_LEVEL']) expect(result.stderr).toContain(name);
  });

  it('says in one line when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const result = await runLevd(['migrate'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/levd` });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /Cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/levd \(connection refused\)/);
  });

  it('refuses `levd worker` without Redis', async () => {
    const result = await runLevd(['worker'], { DATA_DIR: tempDir(), ...modelEnv() });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /levd worker needs REDIS_URL/);
  });

  it('names the missing file of an incomplete model folder', async () => {
    const modelDir = tempDir();
    fs.mkdirSync(path.join(modelDir, 'Xenova/multilingual-e5-small'), { recursive: true });
    const result = await runLevd(['start'], { DATA_DIR: tempDir(), PORT: String(await freePort()), MODEL_DIR: modelDir });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /multilingual-e5-small\/config\.json is missing/);
  });

  it('says in one line that the port is taken', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runLevd(['start'], { DATA_DIR: tempDir(), PORT: String(port), ...modelEnv() });
      expect(result.code).toBe(1);
      expectOneLine(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      blocker.close();
    }
  });

  it('`levd start` runs the embedded default until ready, keeps its data folder to itself, and stops cleanly', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const levd = spawnLevd(['start'], { DATA_DIR: dataDir, PORT: String(port), ...modelEnv() });
    try {
      const ready = await waitForHttp(`http://127.0.0.1:${port}/readyz`, (res) => res.status === 200, 90_000);
      const body = (await ready.json()) as { status: string; components: Record<string, { state: string }> };
      expect(body.status).toBe('ready');
      expect(Object.keys(body.components).sort()).toEqual(['database', 'lexical', 'model', 'queue']);

      const second = await runLevd(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()), ...modelEnv() });
      expect(second.code).toBe(1);
      expectOneLine(second.stderr, /embedded database in .* is in use: another Levd process \(pid \d+\)/);
    } finally {
      levd.kill('SIGTERM');
    }
    expect(await exited(levd), levd.output()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'levd.lock'))).toBe(false);
  });

  it('runs the scaled-out stack: serve waits for `levd migrate`, then serve and worker share the servers', async () => {
    const services = testServices();
    const database = await freshServerDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: services.redisUrl,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliMasterKey,
      DATA_DIR: tempDir(),
      ...modelEnv(),
    };
    try {
      const early = await runLevd(['serve'], { ...env, PORT: String(await freePort()) });
      expect(early.code).toBe(1);
      const files = fs.readdirSync(path.join(REPO_ROOT, 'db/migrations')).filter((f) => f.endsWith('.sql')).sort();
      expect(early.stderr.trim()).toBe(`levd: The database needs ${files.length} migration(s) (${files.join(', ')}): run \`levd migrate\` first.`);

      const migrated = await runLevd(['migrate'], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toMatch(/Applied 0001_schema\.sql, 0002_seed_themes\.sql/);
      expect((await runLevd(['migrate'], env)).stdout).toMatch(/up to date/);

      const port = await freePort();
      const api = spawnLevd(['serve'], { ...env, PORT: String(port) });
      const worker = spawnLevd(['worker'], { ...env, LOG_LEVEL: 'info' });
      try {
        const ready = await waitForHttp(`http://127.0.0.1:${port}/readyz`, (res) => res.status === 200, 90_000);
        expect(((await ready.json()) as { status: string }).status).toBe('ready');
        await expect.poll(() => worker.output(), { timeout: 60_000 }).toMatch(/"msg":"worker running"/);
      } finally {
        api.kill('SIGTERM');
        worker.kill('SIGTERM');
      }
      expect(await exited(api), api.output()).toBe(0);
      expect(await exited(worker), worker.output()).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
