import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '../../db/pg-db.js';
import { exited, runLevd, spawnLevd, waitForHttp, freePort } from '../support/cli.js';
import { EMBEDDED, stackEnvironment } from '../support/stack.js';
import { interviewRecord, tempFolder, writtenRecord } from '../support/story-fixtures.js';

/** `levd import` and `levd reindex` as a person runs them, on the embedded default. */
describe('levd import (embedded)', () => {
  const files = tempFolder();
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, cleanup } = await stackEnvironment(EMBEDDED));
  });
  afterAll(async () => {
    await cleanup?.();
    files.remove();
  });

  it('imports, indexes before it returns, and exits 1 naming what it refused', async () => {
    const file = files.jsonl('mixed.jsonl', [writtenRecord('cli-1'), { ...interviewRecord('cli-2'), consent: undefined }]);
    const result = await runLevd(['import', file], env, 180_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/1 new, 0 updated, 0 unchanged, 0 withdrawn, 1 refused/);
    expect(result.stdout).toMatch(/Indexed 1 of 1 job\(s\); the imported stories hold \d+ passages/);
    expect(result.stdout).toContain(`refused ${file}:2 (cli-2): has no consent record`);
    // No story text in the output or the logs.
    expect(result.stdout + result.stderr).not.toMatch(/akuttposten/);
  }, 180_000);

  it('exits 0 when everything imports, and changes nothing the second time', async () => {
    const file = files.jsonl('good.jsonl', [writtenRecord('cli-1')]);
    const result = await runLevd(['import', file], env, 180_000);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/0 new, 0 updated, 1 unchanged/);
  }, 180_000);

  it('re-embeds everything with reindex --all, and nothing with --changed-model when the model is the same', async () => {
    const all = await runLevd(['reindex', '--all'], env, 180_000);
    expect(all.stdout).toMatch(/Reindexed 1 of 1 stories \(all\)/);
    expect(all.code).toBe(0);
    const changed = await runLevd(['reindex', '--changed-model'], env, 180_000);
    expect(changed.stdout).toMatch(/Reindexed 0 of 0 stories \(changed-model\)/);
    const neither = await runLevd(['reindex'], env);
    expect(neither).toMatchObject({ code: 1 });
    expect(neither.stderr.trim()).toBe('levd: levd reindex needs exactly one of --changed-model or --all');
  }, 360_000);

  it('says in one line that the data folder is in use instead of opening it twice', async () => {
    const port = await freePort();
    const server = spawnLevd(['start'], { ...env, PORT: String(port) });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, (res) => res.ok);
      const result = await runLevd(['import', files.jsonl('late.jsonl', [writtenRecord('cli-3')])], env);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/is in use: another Levd process \(pid \d+\) has it open/);
    } finally {
      server.kill('SIGTERM');
      await exited(server);
    }
  }, 120_000);

  it('refuses an unknown --format and a missing path clearly', async () => {
    const badFormat = await runLevd(['import', '--format', 'docx', 'x'], env);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toMatch(/--format.*docx.*Allowed choices are jsonl, csv/s);
    const missing = await runLevd(['import', `${files.dir}/nope.jsonl`], env, 120_000);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/refused .*nope\.jsonl: /);
  }, 180_000);
});

describe('levd import with Redis unreachable', () => {
  const files = tempFolder();
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, cleanup } = await stackEnvironment({ database: 'server', queue: 'redis', lexical: 'postgres' }));
    expect((await runLevd(['migrate'], env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
    files.remove();
  });

  it('saves the stories, says they could not be queued, and exits 1', async () => {
    const closed = await freePort();
    const file = files.jsonl('stories.jsonl', [writtenRecord('down-1'), writtenRecord('down-2'), writtenRecord('down-3')]);
    const result = await runLevd(['import', file, '--wait'], { ...env, REDIS_URL: `redis://127.0.0.1:${closed}` }, 120_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/3 new, 0 updated, 0 unchanged, 0 withdrawn, 0 refused/);
    expect(result.stdout).toMatch(/3 saved stories were not queued \(queue unreachable\); the next worker start queues them/);
    // Saved whole: importing again changes nothing.
    const again = await runLevd(['import', file], { ...env, REDIS_URL: `redis://127.0.0.1:${closed}` }, 120_000);
    expect(again.stdout).toMatch(/0 new, 0 updated, 3 unchanged/);

    // The first worker to start with Redis back finds them behind and indexes them.
    const db = createPgDb(env.DATABASE_URL!);
    const worker = spawnLevd(['worker'], env);
    try {
      const indexed = async () =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stories WHERE indexed_version = index_version`)).rows[0]!.n;
      const deadline = Date.now() + 120_000;
      while ((await indexed()) < 3) {
        if (Date.now() > deadline) throw new Error(`the worker did not index the saved stories: ${worker.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chunks`);
      expect(rows[0]!.n).toBeGreaterThan(3);
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
      await db.close();
    }
  }, 240_000);
});
