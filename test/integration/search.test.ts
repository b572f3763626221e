import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer, ViewerRole } from '../../services/consent/viewer.js';
import { searchQuerySchema, type SearchResponse } from '../../services/search/search.schema.js';
import { demoCatalogue, openDemoStack, type DemoStory } from '../support/demo-stack.js';
import { EMBEDDED, FULL_STACK, type StackShape, type TestStack } from '../support/stack.js';

/**
 * Search on the demo corpus with the real model and the real engines, once per lexical
 * adapter: Meilisearch on the full stack, PostgreSQL full-text search in the embedded default.
 */
const SHAPES: [string, StackShape][] = [
  ['meilisearch (full stack)', FULL_STACK],
  ['postgres full-text (embedded)', EMBEDDED],
];
const MODES = ['hybrid', 'vector', 'lexical'] as const;

describe.each(SHAPES)('search with %s', (_name, shape) => {
  let stack: TestStack;
  let demo: Map<string, DemoStory>;

  beforeAll(async () => {
    [stack, demo] = await Promise.all([openDemoStack(shape), demoCatalogue()]);
  }, 600_000);
  afterAll(async () => stack?.cleanup());

  const viewer = (role: ViewerRole): Viewer => ({ role });
  const search = (params: Record<string, unknown>, role: ViewerRole = 'editor') =>
    stack.runtime.search.search(searchQuerySchema.parse(params), viewer(role));
  const ids = (response: SearchResponse) => response.results.map((r) => r.story.externalId!);
  const themesOf = (externalId: string) => demo.get(externalId)!.themes;
  const onlyFor = (audience: 'clinicians' | 'teaching') =>
    [...demo.values()].filter((s) => !s.withdrawn && !s.scopes.public && s.scopes[audience]).map((s) => s.externalId);

  async function allPages(params: Record<string, unknown>, role: ViewerRole) {
    const first = await search({ ...params, limit: 4 }, role);
    const results = [...first.results];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search({ ...params, limit: 4, cursor }, role);
      results.push(...page.results);
      cursor = page.nextCursor;
    }
    return { ids: results.map((r) => r.story.externalId!), results, first };
  }

  it.each([
    ['tvangsinnleggelse', 'tvang'],
    ['belter', 'tvang'],
    ['forced admission', 'tvang'],
    ['medisinfri behandling', 'medisinfri-behandling'],
    ['tapering off antipsychotics', 'medisinfri-behandling'],
    ['bli rusfri', 'rusfrihet'],
    ['getting clean from drugs', 'rusfrihet'],
  ])('ranks a story of the theme first for «%s» (%s)', async (q, theme) => {
    const response = await search({ q });
    expect(response.results.length).toBeGreaterThan(0);
    expect(themesOf(ids(response)[0]!), ids(response).join(', ')).toContain(theme);
  });

  it('finds the coercion stories through a misspelling («tvangsinleggelse»), in hybrid and lexical mode', async () => {
    for (const mode of ['hybrid', 'lexical'] as const) {
      const response = await search({ q: 'tvangsinleggelse', mode });
      expect(response.results.length, mode).toBeGreaterThan(0);
      expect(themesOf(ids(response)[0]!), mode).toContain('tvang');
    }
  });

  it('finds Norwegian passages for an English question, through the vector side alone', async () => {
    const response = await search({ q: 'my son was taken to the psychiatric ward by the police against his will', mode: 'vector', limit: 5 });
    const top = response.results.slice(0, 3).map((r) => r.story);
    expect(top.some((story) => story.language === 'nb' && themesOf(story.externalId!).includes('tvang'))).toBe(true);
    expect(response.results[0]!.passages[0]!.matchedBy).toEqual(['vector']);
  });

  it('marks the words that matched, as escaped HTML and as exact ranges', async () => {
    const response = await search({ q: 'tvangsinnleggelse', mode: 'lexical' });
    const marked = response.results.flatMap((r) => r.passages).filter((p) => p.highlights.length > 0);
    expect(marked.length).toBeGreaterThan(0);
    // The query word itself is marked; so are words of the recognised theme's vocabulary (whole words, never parts).
    expect(marked.some((p) => p.highlights.some(([s, e]) => /tvangsinnleggelse/i.test(p.text.slice(s, e))))).toBe(true);
    for (const passage of marked) {
      expect(passage.highlighted).toContain('<mark>');
      for (const [start, end] of passage.highlights) {
        const word = passage.text.slice(start, end).toLowerCase();
        expect(word).toMatch(/^[\p{L}][\p{L} ]*$/u);
        expect(/[\p{L}]/u.test(passage.text[start - 1] ?? ' ') || /[\p{L}]/u.test(passage.text[end] ?? ' '), word).toBe(false);
      }
    }
  });

  describe('audience', () => {
    it('never shows a clinicians-only story to an anonymous caller, in any mode, nor counts it in facets', async () => {
      const hidden = onlyFor('clinicians');
      expect(hidden.length).toBeGreaterThan(0);
      // Three of them keep the test quick; each is looked for by its own theme, browsing and a general query.
      for (const externalId of hidden.slice(0, 3)) {
        const themes = themesOf(externalId);
        const queries = [{ q: themes[0]! }, { theme: themes[0]! }, { q: 'hvordan det var å bli møtt av hjelpeapparatet' }];
        for (const params of queries) {
          for (const mode of MODES) {
            const { ids: anonymous, results, first } = await allPages({ ...params, mode }, 'anonymous');
            expect(anonymous, `${JSON.stringify(params)} ${mode}`).not.toContain(externalId);
            for (const id of anonymous) expect(demo.get(id)!.scopes.public, id).toBe(true);
            // Facets count exactly the stories the caller can page through, and nothing else.
            expect(first.total).toBe(anonymous.length);
            const counted: Record<string, number> = {};
            for (const r of results) for (const t of r.story.themes) counted[t] = (counted[t] ?? 0) + 1;
            expect(first.facets.themes).toEqual(counted);
            expect(Object.values(first.facets.language).reduce((a, b) => a + b, 0)).toBe(anonymous.length);
          }
        }
      }
    });

    it('shows the same story to a clinician (so the check above can fail)', async () => {
      const [externalId] = onlyFor('clinicians');
      const theme = themesOf(externalId!)[0]!;
      const { ids: seen } = await allPages({ theme }, 'clinician');
      expect(seen).toContain(externalId);
      const { ids: anonymous } = await allPages({ theme }, 'anonymous');
      expect(anonymous).not.toContain(externalId);
    });

    it('keeps teaching-only stories from clinicians and shows them to educators', async () => {
      const [externalId] = onlyFor('teaching');
      const theme = themesOf(externalId!)[0]!;
      expect((await allPages({ theme }, 'clinician')).ids).not.toContain(externalId);
      expect((await allPages({ theme }, 'educator')).ids).toContain(externalId);
    });

    it('hides a story the anonymous caller may not see on the story page and among related stories', async () => {
      const [externalId] = onlyFor('clinicians');
      const { rows } = await stack.runtime.db.query<{ id: string }>(`SELECT id FROM stories WHERE external_id = $1`, [externalId]);
      const id = rows[0]!.id;
      expect(await stack.runtime.stories.get(id, viewer('anonymous'))).toBeUndefined();
      expect(await stack.runtime.stories.get(id, viewer('clinician'))).toBeDefined();
      expect(await stack.runtime.search.similar(id, viewer('anonymous'), 5)).toBeUndefined();
      const publicStory = [...demo.values()].find((s) => s.scopes.public && !s.withdrawn)!;
      const { rows: p } = await stack.runtime.db.query<{ id: string }>(`SELECT id FROM stories WHERE external_id = $1`, [publicStory.externalId]);
      const related = await stack.runtime.search.similar(p[0]!.id, viewer('anonymous'), 20);
      expect(related!.length).toBeGreaterThan(0);
      for (const result of related!) {
        expect(result.story.id).not.toBe(p[0]!.id);
        expect(demo.get(result.story.externalId!)!.scopes.public).toBe(true);
      }
    });

    it('never shows the withdrawn story', async () => {
      const withdrawn = [...demo.values()].filter((s) => s.withdrawn);
      expect(withdrawn.length).toBeGreaterThan(0);
      for (const story of withdrawn) {
        const { ids: seen } = await allPages({ theme: story.themes[0] ?? 'bolig' }, 'admin');
        expect(seen).not.toContain(story.externalId);
      }
    });
  });

  it('pages through results so that each story appears exactly once, in the order of one big page', async () => {
    for (const mode of MODES) {
      const params = { q: 'hjelp fra familien', mode };
      const { ids: paged } = await allPages(params, 'editor');
      const whole = await search({ ...params, limit: 50 });
      expect(new Set(paged).size, mode).toBe(paged.length);
      expect(paged, mode).toEqual(ids(whole));
      expect(whole.total, mode).toBe(paged.length);
    }
  });

  it('browses a theme: every visible story with it, best match to its description first', async () => {
    const { ids: seen, first } = await allPages({ theme: 'tvang' }, 'editor');
    const catalogue = await stack.runtime.taxonomy.list(viewer('editor'));
    expect(seen.length).toBe(catalogue.find((t) => t.slug === 'tvang')!.count);
    expect(first.facets.themes.tvang).toBe(seen.length);
    for (const result of first.results) expect(result.story.themes).toContain('tvang');
  });

  it('applies language, kind and content-warning filters inside the query', async () => {
    const english = await search({ q: 'recovery', lang: 'en', limit: 50 });
    expect(english.results.length).toBeGreaterThan(0);
    for (const r of english.results) expect(r.story.language).toBe('en');
    expect(Object.keys(english.facets.language)).toEqual(['en']);
    const interviews = await search({ q: 'erfaringer', kind: 'interview', limit: 50 });
    expect(interviews.results.length).toBeGreaterThan(0);
    for (const r of interviews.results) expect(r.story.kind).toBe('interview');
    const withoutCoercion = await search({ q: 'tvang', excludeWarnings: 'tvang', limit: 50 });
    for (const r of withoutCoercion.results) expect(r.story.contentWarnings).not.toContain('tvang');
  });

  it('serves a transcript whose passages point into the text it returns', async () => {
    const interview = [...demo.values()].find((s) => s.kind === 'interview' && s.scopes.public)!;
    const { rows } = await stack.runtime.db.query<{ id: string }>(`SELECT id FROM stories WHERE external_id = $1`, [interview.externalId]);
    const { rows: chunks } = await stack.runtime.db.query<{ id: string; text: string }>(`SELECT id, text FROM chunks WHERE story_id = $1 ORDER BY ordinal`, [rows[0]!.id]);
    const view = await stack.runtime.stories.get(rows[0]!.id, viewer('anonymous'), { passage: chunks[1]!.id });
    expect(view!.story.segments!.length).toBeGreaterThan(0);
    expect(view!.passages.map((p) => view!.story.text.slice(p.startChar, p.endChar))).toEqual(chunks.map((c) => c.text));
    expect(view!.focus!.chunkId).toBe(chunks[1]!.id);
    for (const segment of view!.story.segments!) expect(view!.story.text.slice(segment.startChar, segment.endChar)).toBe(segment.text.trim());
  });
});
