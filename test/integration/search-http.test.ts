import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../services/health/readiness.js';
import { createHttpApp } from '../../services/http/app.js';
import { closeServer, listen } from '../../services/http/listen.js';
import { createLexicalEngine } from '../../services/lexical/lexical-engine.js';
import { importStories } from '../../indexer/ingest/import-stories.js';
import { createLogger } from '../../services/platform/logger.js';
import { createSearchService } from '../../services/search/search.service.js';
import { freePort } from '../support/cli.js';
import { FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';
import { interviewRecord, tempFolder, writtenRecord } from '../support/story-fixtures.js';

/**
 * The search API over HTTP on the full stack: what a client sends wrong gets a 400 that names
 * the parameter, never a 500; a story nobody may see is a 404; and with Meilisearch down,
 * /readyz says so while search answers from the vector side, marked degraded.
 */
describe('search API over HTTP', () => {
  let stack: TestStack;
  const servers: Server[] = [];
  let base = '';
  let degradedBase = '';
  let storyId = '';
  let hiddenStoryId = '';

  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    const folder = tempFolder();
    const file = folder.jsonl('stories.jsonl', [
      writtenRecord('http-public-1', { text: 'Jeg ble tvangsinnlagt en natt i mars. Politiet kom, og jeg ble lagt i belter på akuttposten.\n\nEtterpå fikk jeg klage til kontrollkommisjonen.' }),
      writtenRecord('http-public-2', { themes: ['rusfrihet'], text: 'Jeg sluttet å drikke etter tjue år. Avrusningen var tung, men gruppene hjalp meg å bli rusfri.' }),
      interviewRecord('http-clinicians-only'),
    ]);
    const summary = await importStories(
      { db: stack.runtime.db, queue: stack.runtime.queue, log: createLogger('silent') },
      { paths: [file], publish: true, wait: true, maxStoryChars: 200_000, actor: 'test' },
    );
    expect(summary.refused).toEqual([]);
    const { rows } = await stack.runtime.db.query<{ id: string; external_id: string }>(`SELECT id, external_id FROM stories`);
    storyId = rows.find((r) => r.external_id === 'http-public-1')!.id;
    hiddenStoryId = rows.find((r) => r.external_id === 'http-clinicians-only')!.id;

    const log = createLogger('silent');
    const start = async (app: ReturnType<typeof createHttpApp>) => {
      const port = await freePort();
      servers.push(await listen(app, '127.0.0.1', port));
      return `http://127.0.0.1:${port}`;
    };
    base = await start(createHttpApp({ log, readiness: stack.runtime.readiness, api: stack.runtime }));
    // The same archive, but its Meilisearch is unreachable (nothing listens on port 9).
    const down = createLexicalEngine({ kind: 'meilisearch', url: 'http://127.0.0.1:9', masterKey: 'x', indexUid: 'passages' }, stack.runtime.db);
    const search = createSearchService({ ...stack.runtime, lexical: down, settings: stack.runtime.config.search, log });
    degradedBase = await start(
      createHttpApp({ log, readiness: { ...stack.runtime.readiness, lexical: probe(() => down.health()) }, api: { ...stack.runtime, search } }),
    );
  }, 300_000);

  afterAll(async () => {
    for (const server of servers) await closeServer(server);
    await stack?.cleanup();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
  type Body = Record<string, any>;
  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as Body };
  };

  it('answers a search with results, facets and the recognised theme', async () => {
    const { status, body } = await get(`${base}/api/search?q=tvangsinnleggelse`);
    expect(status).toBe(200);
    expect(body.results[0].story.externalId).toBe('http-public-1');
    expect(body.recognisedThemes).toContain('tvang');
    expect(body.facets.themes.tvang).toBeGreaterThan(0);
    expect(body.degraded).toBeUndefined();
  });

  it.each([
    ['', /^q: is empty/],
    ['?q=', /^q: is empty/],
    ['?q=x&theme=ukjent-tema', /^theme: "ukjent-tema" is not a theme/],
    ['?q=x&theme=Not%20A%20Slug', /^theme\.0: must be a theme slug/],
    ['?q=x&limit=0', /^limit: must be at least 1/],
    ['?q=x&limit=51', /^limit: must be at most 50/],
    ['?q=x&limit=abc', /^limit: must be a whole number/],
    ['?q=x&cursor=not-a-cursor!', /^cursor: is not a cursor/],
    [`?q=${'a'.repeat(10_000)}`, /^q: must be at most 500 characters/],
    ['?q=tvang%00', /^q: must not contain control characters/],
    ['?theme=tvang&excludeWarnings=a%00b', /^excludeWarnings\.0: must not contain control characters/],
    ['?q=tvang&excludeWarnings=a%00b&mode=vector', /^excludeWarnings\.0: must not contain control characters/],
    ['?q=x&mode=semantic', /^mode:/],
    ['?q=x&unknown=1', /unknown/i],
    ['?q=a&q=b', /^q:/],
  ])('refuses %s with a 400 naming the parameter', async (query, message) => {
    const { status, body } = await get(`${base}/api/search${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it('refuses a cursor from another query', async () => {
    const first = await get(`${base}/api/search?q=jeg&limit=1`);
    expect(first.body.nextCursor).toBeTruthy();
    const { status, body } = await get(`${base}/api/search?q=tvang&cursor=${first.body.nextCursor}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^cursor: belongs to a different query/);
  });

  it.each([
    "'; DROP TABLE chunks; --",
    'audience = clinicians OR 1=1',
    'storyId != "x" OR status = "submitted"',
    '"tvang -politiet',
    '<script>alert(1)</script>',
    '🙂 ☕',
    'AND OR NOT',
  ])('searches %s as plain text in every mode: no error, nothing beyond the audience', async (q) => {
    for (const mode of ['hybrid', 'vector', 'lexical']) {
      const { status, body } = await get(`${base}/api/search?q=${encodeURIComponent(q)}&mode=${mode}&limit=50`);
      expect(status, `${mode}: ${JSON.stringify(body)}`).toBe(200);
      for (const result of body.results) expect(result.story.externalId).not.toBe('http-clinicians-only');
    }
    const { rows } = await stack.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chunks`);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('serves a visible story, and a 404 for one the caller may not see, one that does not exist and a malformed id', async () => {
    const story = await get(`${base}/api/stories/${storyId}`);
    expect(story.status).toBe(200);
    expect(story.body.story.text).toContain('tvangsinnlagt');
    expect(story.body.story.displayName).toBe('Kari');
    const focus = await get(`${base}/api/stories/${storyId}?passage=${story.body.passages[0].chunkId}`);
    expect(focus.body.focus.chunkId).toBe(story.body.passages[0].chunkId);
    expect((await get(`${base}/api/stories/${hiddenStoryId}`)).status).toBe(404);
    expect((await get(`${base}/api/stories/${hiddenStoryId}/similar`)).status).toBe(404);
    expect((await get(`${base}/api/stories/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const malformed = await get(`${base}/api/stories/123`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^id: must be a story id/);
    expect((await get(`${base}/api/stories/${storyId}?passage=x`)).body.error.message).toMatch(/^passage:/);
    expect((await get(`${base}/api/stories/${storyId}/similar?limit=100`)).status).toBe(400);
  });

  it('lists the themes with the counts the caller may see', async () => {
    const { status, body } = await get(`${base}/api/themes`);
    expect(status).toBe(200);
    expect(body.themes.length).toBeGreaterThanOrEqual(18);
    const count = (slug: string) => body.themes.find((t: { slug: string }) => t.slug === slug).count;
    expect(count('tvang')).toBe(1); // http-public-1; the interview is clinicians-only
    expect(count('rusfrihet')).toBe(1);
  });

  it('with Meilisearch down: /readyz is 503 naming it, and search answers from the vector side, marked degraded', async () => {
    const ready = await get(`${degradedBase}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toMatch(/lexical/);
    const { status, body } = await get(`${degradedBase}/api/search?q=${encodeURIComponent('lagt i belter på akuttposten')}`);
    expect(status).toBe(200);
    expect(body.degraded).toEqual(['lexical']);
    expect(body.results[0].story.externalId).toBe('http-public-1');
    const lexicalOnly = await get(`${degradedBase}/api/search?q=tvang&mode=lexical`);
    expect(lexicalOnly.status).toBe(503);
    expect(lexicalOnly.body.error.message).toMatch(/unavailable in lexical mode/);
  });
});
