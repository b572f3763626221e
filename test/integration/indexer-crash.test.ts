import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { createPgDb } from '../../db/pg-db.js';
import { chunkId } from '../../indexer/indexing/chunk-id.js';
import { importStories } from '../../indexer/ingest/import-stories.js';
import { createLogger } from '../../services/platform/logger.js';
import { exited, runLevd, spawnLevd } from '../support/cli.js';
import { EMBEDDED, FULL_STACK, openTestStack, stackEnvironment } from '../support/stack.js';
import { longStory, tempFolder, writtenRecord } from '../support/story-fixtures.js';

/**
 * A worker killed with SIGKILL in the middle of indexing loses nothing and duplicates
 * nothing: after another worker picks the work up, PostgreSQL and Meilisearch hold exactly
 * the passages a clean run produces.
 */
type PassageRow = { externalId: string; id: string; storyId: string; ordinal: number; textSha256: string; startChar: number; endChar: number };

const STORIES = 14;
const files = tempFolder();
const corpus = files.jsonl(
  'corpus.jsonl',
  Array.from({ length: STORIES }, (_, i) => writtenRecord(`crash-${String(i).padStart(2, '0')}`, { text: longStory(7, 6, i) })),
);

const PASSAGES_SQL = `SELECT s.external_id AS "externalId", c.id, c.story_id AS "storyId", c.ordinal, c.text_sha256 AS "textSha256",
  c.start_char AS "startChar", c.end_char AS "endChar"
  FROM chunks c JOIN stories s ON s.id = c.story_id ORDER BY s.external_id, c.ordinal`;

describe('a worker killed mid-batch', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let db: Db;

  beforeAll(async () => {
    ({ env, cleanup } = await stackEnvironment(FULL_STACK, { QUEUE_CONCURRENCY: '1', LOG_LEVEL: 'warn' }));
    db = createPgDb(env.DATABASE_URL!);
    expect((await runLevd(['migrate'], env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
    files.remove();
  });

  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  it('leaves nothing half-written, and the next worker produces exactly the rows of a clean run', async () => {
    const imported = await runLevd(['import', corpus, '--publish'], env, 120_000);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/14 new/);
    expect(await count(`SELECT count(*)::int AS n FROM chunks`)).toBe(0); // queued, not yet indexed

    const first = spawnLevd(['worker'], env);
    // Kill once some stories are indexed and others are not: mid-batch.
    const deadline = Date.now() + 120_000;
    while ((await count(`SELECT count(*)::int AS n FROM stories WHERE indexed_version > 0`)) < 3) {
      if (Date.now() > deadline) throw new Error(`the worker indexed nothing: ${first.output()}`);
      await sleep(50);
    }
    first.kill('SIGKILL');
    await exited(first);
    const indexedAtKill = await count(`SELECT count(*)::int AS n FROM stories WHERE indexed_version > 0`);
    expect(indexedAtKill).toBeLessThan(STORIES);

    // Nothing half-written: a story has all of a clean run's passages or none.
    const clean = strip(await cleanRun());
    const { rows: atKill } = await db.query<PassageRow>(PASSAGES_SQL);
    const storiesAtKill = new Set(atKill.map((r) => r.externalId));
    expect(storiesAtKill.size).toBeGreaterThanOrEqual(indexedAtKill);
    expect(strip(atKill)).toEqual(clean.filter((r) => storiesAtKill.has(r.externalId)));

    const second = spawnLevd(['worker'], env);
    try {
      // The killed worker's job becomes stalled and is taken over after its lock expires (~30 s);
      // done when Meilisearch (synced after PostgreSQL) holds every story too.
      const until = Date.now() + 150_000;
      while ((await count(`SELECT count(*)::int AS n FROM stories WHERE lexical_version = index_version`)) < STORIES) {
        if (Date.now() > until) throw new Error(`not every story was indexed after the restart: ${second.output()}`);
        await sleep(250);
      }
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }

    const { rows: recovered } = await db.query<PassageRow>(PASSAGES_SQL);
    // No duplicates, ids derived from content, and the same passages as a clean run.
    expect(new Set(recovered.map((r) => r.id)).size).toBe(recovered.length);
    for (const row of recovered) expect(row.id).toBe(chunkId(row.storyId, row.ordinal, row.textSha256));
    expect(strip(recovered)).toEqual(clean);

    // Meilisearch holds the same passage ids as PostgreSQL.
    const meili = await fetch(`${env.MEILI_URL}/indexes/${env.MEILI_INDEX}/documents/fetch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: ['id'], limit: 10_000 }),
    }).then((res) => res.json() as Promise<{ results: { id: string }[] }>);
    expect(meili.results.map((d) => d.id).sort()).toEqual(recovered.map((r) => r.id).sort());
  }, 420_000);
});

/** The same corpus imported into a fresh embedded archive without any crash. */
async function cleanRun(): Promise<PassageRow[]> {
  const stack = await openTestStack(EMBEDDED);
  try {
    await importStories(
      { db: stack.runtime.db, queue: stack.runtime.queue, log: createLogger('silent') },
      { paths: [corpus], publish: true, wait: true, maxStoryChars: 200_000, actor: 'test' },
    );
    return (await stack.runtime.db.query<PassageRow>(PASSAGES_SQL)).rows;
  } finally {
    await stack.cleanup();
  }
}

/** Story ids differ between databases; everything else must match. */
function strip(rows: readonly PassageRow[]) {
  return rows.map(({ externalId, ordinal, textSha256, startChar, endChar }) => ({ externalId, ordinal, textSha256, startChar, endChar }));
}
