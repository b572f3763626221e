import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStories, type ImportSummary } from '../../indexer/ingest/import-stories.js';
import { REINDEX, reindexJobId } from '../../indexer/jobs/reindex.job.js';
import { createChunkRepository } from '../../services/repositories/chunk.repository.js';
import { createLogger } from '../../services/platform/logger.js';
import { openTestStack, type StackShape, type TestStack } from '../support/stack.js';
import { CONSENT, interviewRecord, longStory, tempFolder, writtenRecord } from '../support/story-fixtures.js';

/**
 * Import → chunk → embed → PostgreSQL + lexical engine, on the embedded default and on the
 * full stack (PostgreSQL server, BullMQ on Redis, Meilisearch), with the real model.
 */
const SHAPES: ReadonlyArray<readonly [string, StackShape]> = [
  ['embedded (PGlite, in-process queue, PostgreSQL full-text)', { database: 'embedded', queue: 'in-process', lexical: 'postgres' }],
  ['full stack (PostgreSQL, Redis, Meilisearch)', { database: 'server', queue: 'redis', lexical: 'meilisearch' }],
];

describe.each(SHAPES)('levd import on the %s', (_name, shape) => {
  let stack: TestStack;
  const files = tempFolder();
  const log = createLogger('silent');

  beforeAll(async () => {
    stack = await openTestStack(shape);
  }, 120_000);
  afterAll(async () => {
    await stack?.cleanup();
    files.remove();
  });

  const run = (paths: string[], publish = true): Promise<ImportSummary> =>
    importStories(
      { db: stack.runtime.db, queue: stack.runtime.queue, log },
      { paths, publish, wait: true, maxStoryChars: stack.config.indexing.maxStoryChars, actor: 'test' },
    );
  const storyId = async (externalId: string) =>
    (await stack.runtime.db.query<{ id: string }>(`SELECT id FROM stories WHERE external_id = $1`, [externalId])).rows[0]!.id;
  const pgIds = (id?: string) => createChunkRepository(stack.runtime.db).ids(id);
  const lexicalIds = async (id?: string) => (await stack.runtime.lexical.passageIds(id)).sort();

  it('imports stories and transcripts, refuses what it must with file and line, and indexes into both engines', async () => {
    const file = files.jsonl('stories.jsonl', [
      writtenRecord('t-long'),
      { ...writtenRecord('t-no-consent'), consent: undefined },
      interviewRecord('t-interview'),
      '{"externalId": "t-broken", "title": ',
      writtenRecord('t-empty', { text: '   \n  ' }),
    ]);
    const summary = await run([file]);

    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, withdrawn: 0 });
    expect(summary.refused.map((r) => [r.at.line, r.externalId])).toEqual([
      [2, 't-no-consent'],
      [4, undefined],
      [5, 't-empty'],
    ]);
    expect(summary.refused[0]!.reason).toMatch(/consent/);
    expect(summary.refused[2]!.reason).toMatch(/empty/);
    expect(summary.jobs.failed).toEqual([]);
    const { rows: refusedRows } = await stack.runtime.db.query(`SELECT 1 FROM stories WHERE external_id IN ('t-no-consent', 't-broken', 't-empty')`);
    expect(refusedRows).toEqual([]);

    const long = await createChunkRepository(stack.runtime.db).forStory(await storyId('t-long'));
    expect(long.length).toBeGreaterThan(2);
    expect(long.every((c) => c.model === stack.runtime.embedder.profile.id)).toBe(true);
    const { rows: story } = await stack.runtime.db.query<{ body: string }>(`SELECT body FROM stories WHERE external_id = 't-long'`);
    for (const chunk of long) expect(story[0]!.body.slice(chunk.startChar, chunk.endChar)).toBe(chunk.text);

    const interview = await createChunkRepository(stack.runtime.db).forStory(await storyId('t-interview'));
    expect(interview.length).toBeGreaterThan(0);
    expect(interview[0]!.speaker).toBe('R'); // the short question merges into the answer that follows
    expect(interview[0]!.startSeconds).toBe(0);
    expect(interview.at(-1)!.endSeconds).toBe(90);

    expect(await lexicalIds()).toEqual(await pgIds());
    expect(summary.passages).toBe(long.length + interview.length);
  }, 300_000);

  it('changes nothing when the same file is imported again', async () => {
    const before = await stack.runtime.db.query(`SELECT id, text, embedding::text FROM chunks ORDER BY id`);
    const summary = await run([`${files.dir}/stories.jsonl`]);
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(summary.jobs.enqueued).toBe(0);
    const after = await stack.runtime.db.query(`SELECT id, text, embedding::text FROM chunks ORDER BY id`);
    expect(after.rows).toEqual(before.rows);
    const { rows } = await stack.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM story_revisions`);
    expect(rows[0]!.n).toBe(2);
  }, 300_000);

  it('updates a re-imported story as a new revision and keeps the passages whose text did not change', async () => {
    const id = await storyId('t-long');
    const before = await createChunkRepository(stack.runtime.db).forStory(id);
    const changed = `${longStory()}\n\nEt nytt avsnitt om hvordan det gikk etterpå, skrevet et år senere.`;
    const summary = await run([files.jsonl('update.jsonl', [writtenRecord('t-long', { text: changed })])]);
    expect(summary).toMatchObject({ updated: 1, created: 0 });

    const after = await createChunkRepository(stack.runtime.db).forStory(id);
    const kept = after.filter((c) => before.some((b) => b.id === c.id));
    expect(kept.length).toBeGreaterThanOrEqual(before.length - 1);
    expect(after.length).toBeGreaterThan(kept.length);
    const { rows } = await stack.runtime.db.query<{ revision: number; revisions: number }>(
      `SELECT revision, (SELECT count(*)::int FROM story_revisions WHERE story_id = $1) AS revisions FROM stories WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ revision: 2, revisions: 2 });
    expect(await lexicalIds(id)).toEqual(await pgIds(id));
  }, 300_000);

  it('reflects a narrower consent in the lexical engine without a new revision', async () => {
    const summary = await run([files.jsonl('consent.jsonl', [interviewRecord('t-interview', { consent: { ...CONSENT, public: false, teaching: false } })])]);
    expect(summary).toMatchObject({ updated: 1 });
    const { rows } = await stack.runtime.db.query<{ revision: number; receipts: number }>(
      `SELECT revision, (SELECT count(*)::int FROM consent_receipts c WHERE c.story_id = s.id) AS receipts FROM stories s WHERE external_id = 't-interview'`,
    );
    expect(rows[0]).toEqual({ revision: 1, receipts: 2 });
    if (stack.config.lexical.kind === 'meilisearch') {
      const { url, masterKey, indexUid } = stack.config.lexical;
      const docs = await fetch(`${url}/indexes/${indexUid}/documents/fetch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${masterKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ filter: `storyId = "${await storyId('t-interview')}"`, fields: ['audience'] }),
      }).then((res) => res.json() as Promise<{ results: { audience: string[] }[] }>);
      expect(docs.results.length).toBeGreaterThan(0);
      for (const doc of docs.results) expect(doc.audience).toEqual(['clinicians']);
    }
  }, 300_000);

  it('re-embeds every story with a reindex run, and both engines follow', async () => {
    const before = await stack.runtime.db.query<{ id: string; version: number }>(`SELECT id, index_version AS version FROM stories ORDER BY id`);
    const ids = await pgIds();
    const runId = 'test-run';
    await stack.runtime.queue.enqueue(REINDEX, { mode: 'all', runId }, { jobId: reindexJobId(runId) });
    await stack.runtime.queue.waitUntilIdle({ timeoutMs: 120_000 });
    const after = await stack.runtime.db.query<{ id: string; version: number; indexed: number; lexical: number }>(
      `SELECT id, index_version AS version, indexed_version AS indexed, lexical_version AS lexical FROM stories ORDER BY id`,
    );
    expect(after.rows.map((r) => [r.id, r.version])).toEqual(before.rows.map((r) => [r.id, r.version + 1]));
    for (const row of after.rows) expect([row.indexed, row.lexical]).toEqual([row.version, row.version]);
    expect(await pgIds()).toEqual(ids); // same text, same passages
    expect(await lexicalIds()).toEqual(ids);
  }, 300_000);

  it('erases a story whose consent is withdrawn from every engine, and refuses to bring it back', async () => {
    const id = await storyId('t-interview');
    const withdrawn = interviewRecord('t-interview', { consent: { ...CONSENT, withdrawnAt: '2026-01-01T00:00:00Z' } });
    const summary = await run([files.jsonl('withdraw.jsonl', [withdrawn])]);
    expect(summary).toMatchObject({ withdrawn: 1 });
    expect(await pgIds(id)).toEqual([]);
    expect(await lexicalIds(id)).toEqual([]);
    const { rows } = await stack.runtime.db.query(`SELECT status, title, body, segments FROM stories WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ status: 'withdrawn', title: null, body: null, segments: null });
    expect(await lexicalIds()).toEqual(await pgIds());

    const again = await run([`${files.dir}/stories.jsonl`]);
    expect(again.refused.find((r) => r.externalId === 't-interview')?.reason).toMatch(/withdrew/);
  }, 300_000);
});
