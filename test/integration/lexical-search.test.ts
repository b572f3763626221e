import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStories } from '../../indexer/ingest/import-stories.js';
import type { LexicalEngine, LexicalHit } from '../../services/lexical/lexical-engine.js';
import { createMeilisearchEngine } from '../../services/lexical/meilisearch.js';
import { createPostgresTextEngine } from '../../services/lexical/postgres-text.js';
import { createLogger } from '../../services/platform/logger.js';
import type { PassageFilter } from '../../services/search/passage-filter.js';
import { EMBEDDED, FULL_STACK, openTestStack, type StackShape, type TestStack } from '../support/stack.js';
import { testServices } from '../support/services.js';
import { CONSENT, tempFolder } from '../support/story-fixtures.js';

/**
 * The lexical port's search() and highlight() on both adapters, on small fixture stories
 * imported and indexed through the real pipeline (chunking, the model, PostgreSQL, and the
 * sync to Meilisearch on the full stack).
 */
type Adapter = LexicalEngine['kind'];
// The PostgreSQL adapter also runs on the full stack's database: the PostgreSQL server, at no extra setup.
const STACKS: ReadonlyArray<readonly [string, StackShape, readonly Adapter[]]> = [
  ['full stack (PostgreSQL server, Redis, Meilisearch)', FULL_STACK, ['meilisearch', 'postgres']],
  ['embedded default (PGlite, in-process queue)', EMBEDDED, ['postgres']],
];

const CLINICIANS_ONLY = { ...CONSENT, public: false, clinicians: true, teaching: false };

// «Æøå», an emoji and guillemets before the matches: highlight offsets must count them as JavaScript does.
const TVANG_NB =
  'Æøå 😀 «først» husker jeg natten på akuttposten. Jeg ble lagt i belter etter en tvangsinnleggelse, ' +
  'og ingen forklarte hvorfor. Senere ble jeg innlagt igjen, men da var det frivillig.';

const STORIES = [
  { externalId: 'lx-tvang-nb', title: 'Natten på akuttposten', language: 'nb', kind: 'written', text: TVANG_NB, themes: ['tvang'], consent: CONSENT },
  {
    externalId: 'lx-rus-nb',
    title: 'Kanoturen',
    language: 'nb',
    kind: 'written',
    text: 'Jeg sluttet med heroin etter ti år. Å bli rusfri handlet om nettverket og om en bror som aldri ga opp. Kanoturen i fjor var den første sommeren uten rus.',
    themes: ['rusfrihet'],
    contentWarnings: ['rus'],
    consent: CONSENT,
  },
  {
    externalId: 'lx-restraint-en',
    title: 'The ward',
    language: 'en',
    kind: 'written',
    text: 'I was held down and put in restraints on the ward. The forced admission still frightens me, but a nurse who listened made the second stay bearable.',
    themes: ['tvang'],
    consent: CONSENT,
  },
  {
    externalId: 'lx-clinicians-nb',
    title: 'Vedtaket',
    language: 'nb',
    kind: 'written',
    text: 'Skjermingsvedtaket kom uten forklaring. Tvangsinnleggelsen ble forlenget, og jeg satt alene i tre døgn før noen snakket med meg.',
    themes: ['tvang'],
    consent: CLINICIANS_ONLY,
  },
  {
    externalId: 'lx-interview-nb',
    title: 'Intervju om nedtrapping',
    language: 'nb',
    kind: 'interview',
    segments: [
      { speaker: 'I', start: 0, end: 3, text: 'Hvordan gikk nedtrappingen?' },
      { speaker: 'R', start: 3, end: 40, text: 'Jeg trappet ned antipsykotika over et år. Legen var skeptisk, men en ny tvangsinnleggelse var ikke lenger en trussel.' },
    ],
    themes: ['medisinfri-behandling'],
    consent: CONSENT,
  },
  {
    externalId: 'lx-warning-nb',
    title: 'Etterpå',
    language: 'nb',
    kind: 'written',
    text: 'Etter tvangsinnleggelsen skadet jeg meg selv flere ganger. Det var en sykepleier som satt hos meg hver kveld som fikk meg gjennom det.',
    themes: ['tvang', 'selvmordstanker'],
    contentWarnings: ['selvskading'],
    consent: CONSENT,
  },
];

// Imported without publishing: in both engines' stores, never in a result.
const UNPUBLISHED = {
  externalId: 'lx-unpublished-nb',
  title: 'Sommerleiren',
  language: 'nb',
  kind: 'written',
  text: 'Sommerleiren var stedet der jeg fortalte om tvangsinnleggelsen for første gang, lagt i belter og alt.',
  themes: ['tvang'],
  consent: CONSENT,
};

const EVERYONE = ['public', 'clinicians', 'teaching', 'research'] as const;

/** Queries whose syntax must be searched as plain words (and which name words of the clinicians-only story). */
const SYNTAX = [
  '"skjermingsvedtaket belter"',
  '-belter -skjermingsvedtaket',
  'belter AND skjermingsvedtaket OR tvangsinnleggelse',
  "'; DROP TABLE chunks; -- skjermingsvedtaket",
  'audience = clinicians OR 1=1 skjermingsvedtaket',
  'skjermingsvedtaket" OR audience IN ["clinicians"] OR status = "',
  '<script>alert("belter")</script>',
  '😀🙂 belter 🧑‍⚕️',
  'tvangsinnleggelse(*) & | ! <-> :* \\ skjermingsvedtaket',
  Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'skjermingsvedtaket' : i % 3 === 1 ? 'belter' : 'og')).join(' ').padEnd(500, ' x').slice(0, 500),
];

describe.each(STACKS)('lexical search on the %s', (_name, shape, adapters) => {
  let stack: TestStack;
  const files = tempFolder();
  const storyIds = new Map<string, string>();
  const externalIds = new Map<string, string>();

  beforeAll(async () => {
    stack = await openTestStack(shape, { env: { THEME_SUGGEST_TOP_K: '0' } });
    const deps = { db: stack.runtime.db, queue: stack.runtime.queue, log: createLogger('silent') };
    const options = { wait: true, maxStoryChars: stack.config.indexing.maxStoryChars, actor: 'test' };
    // Both at once: with Meilisearch each waits a few seconds for its batched sync.
    const imports = ([[STORIES, true], [[UNPUBLISHED], false]] as const).map(([records, publish]) =>
      importStories(deps, { ...options, publish, paths: [files.jsonl(`stories-${publish}.jsonl`, records)] }),
    );
    for (const summary of await Promise.all(imports)) {
      expect(summary.refused).toEqual([]);
      expect(summary.jobs.failed).toEqual([]);
    }
    const { rows } = await stack.runtime.db.query<{ id: string; externalId: string }>(`SELECT id, external_id AS "externalId" FROM stories`);
    for (const { id, externalId } of rows) {
      storyIds.set(externalId, id);
      externalIds.set(id, externalId);
    }
    expect(storyIds.size).toBe(STORIES.length + 1);
    // Both stores hold every passage, the unpublished story's too: only the query keeps it out.
    expect((await stack.runtime.lexical.passageIds(storyIds.get(UNPUBLISHED.externalId))).length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await stack?.cleanup();
    files.remove();
  });

  describe.each(adapters)('the %s adapter', (adapter) => {
    let engine: LexicalEngine;
    beforeAll(() => {
      engine = adapter === stack.runtime.lexical.kind ? stack.runtime.lexical : createPostgresTextEngine(stack.runtime.db);
      expect(engine.kind).toBe(adapter);
    });

    const filter = (over: Partial<PassageFilter> = {}): PassageFilter => ({ audiences: ['public'], themes: [], excludeWarnings: [], ...over });
    const search = (text: string, over: Partial<PassageFilter> = {}, expansions: readonly string[] = [], limit = 20) =>
      engine.search({ text, expansions, filter: filter(over), limit });
    const stories = (hits: readonly LexicalHit[]) => [...new Set(hits.map((hit) => externalIds.get(hit.storyId)!))].sort();
    const qualityOf = (hits: readonly LexicalHit[], externalId: string) => hits.find((hit) => hit.storyId === storyIds.get(externalId))?.quality;

    /** Each hit is a passage of its story, in its place, with a quality in [0, 1], best first. */
    async function expectWellFormed(hits: readonly LexicalHit[]) {
      for (const hit of hits) {
        expect(hit.quality).toBeGreaterThanOrEqual(0);
        expect(hit.quality).toBeLessThanOrEqual(1);
        const { rows } = await stack.runtime.db.query<{ ordinal: number }>(`SELECT ordinal FROM chunks WHERE id = $1 AND story_id = $2`, [hit.passageId, hit.storyId]);
        expect(rows).toEqual([{ ordinal: hit.ordinal }]);
      }
      expect(hits.map((h) => h.quality)).toEqual([...hits.map((h) => h.quality)].sort((a, b) => b - a));
    }

    it('finds a passage by a word, in Norwegian and in English, best first and well-formed', async () => {
      expect(stories(await search('akuttposten'))).toEqual(['lx-tvang-nb']);
      expect(stories(await search('frightens'))).toEqual(['lx-restraint-en']);
      // A theme word: in Meilisearch its theme's synonyms match too («forced admission»).
      const nb = await search('tvangsinnleggelse');
      expect(stories(nb)).toEqual(expect.arrayContaining(['lx-interview-nb', 'lx-tvang-nb', 'lx-warning-nb']));
      expect(stories(nb)).not.toContain('lx-rus-nb');
      expect(nb[0]!.quality).toBeGreaterThan(0.5);
      await expectWellFormed(nb);
      expect(stories(await search('restraints'))).toContain('lx-restraint-en');
      expect(stories(await search('heroin'))).toEqual(['lx-rus-nb']);
      expect(await search('tvangsinnleggelse', {}, [], 2)).toHaveLength(2);
    });

    it('finds «tvangsinnleggelse» for the misspelt «tvangsinleggelse», with a lower quality', async () => {
      const misspelt = await search('tvangsinleggelse');
      expect(stories(misspelt)).toContain('lx-tvang-nb');
      await expectWellFormed(misspelt);
      expect(qualityOf(misspelt, 'lx-tvang-nb')!).toBeLessThan(qualityOf(await search('tvangsinnleggelse'), 'lx-tvang-nb')!);
    });

    it('finds a passage holding only some of the words, with a lower quality than one holding all', async () => {
      const all = await search('belter akuttposten');
      const some = await search('belter akuttposten sykehjemmet');
      expect(stories(some)).toContain('lx-tvang-nb');
      expect(qualityOf(some, 'lx-tvang-nb')!).toBeLessThan(qualityOf(all, 'lx-tvang-nb')!);
      // A short paraphrase whose telling word comes last.
      expect(stories((await search('hvordan slutte med heroin')).slice(0, 1))).toEqual(['lx-rus-nb']);
    });

    it('counts expansions as alternative matches, below a match of the user’s own words', async () => {
      expect(stories(await search('mareritt'))).toEqual([]);
      // Theme vocabulary (in Meilisearch also the index's synonyms of it, so more may match there).
      const expanded = await search('mareritt', {}, ['lagt i belter']);
      expect(stories(expanded)).toContain('lx-tvang-nb');
      await expectWellFormed(expanded);
      expect(qualityOf(expanded, 'lx-tvang-nb')!).toBeLessThan(qualityOf(await search('lagt i belter'), 'lx-tvang-nb')!);
      // A phrase no theme knows: exactly its passage.
      expect(stories(await search('mareritt', {}, ['natten på akuttposten']))).toEqual(['lx-tvang-nb']);
      // Expansions alone (nothing of the user's text left) still search.
      expect(stories(await search('og i', {}, ['forced admission']))).toContain('lx-restraint-en');
    });

    it('applies every filter field inside the query', async () => {
      const q = 'tvangsinnleggelse restraints';
      expect(stories(await search(q))).toEqual(['lx-interview-nb', 'lx-restraint-en', 'lx-tvang-nb', 'lx-warning-nb']);
      expect(stories(await search(q, { language: 'en' }))).toEqual(['lx-restraint-en']);
      expect(stories(await search(q, { kind: 'interview' }))).toEqual(['lx-interview-nb']);
      expect(stories(await search(q, { kind: 'written' }))).toEqual(['lx-restraint-en', 'lx-tvang-nb', 'lx-warning-nb']);
      expect(stories(await search(q, { themes: ['medisinfri-behandling'] }))).toEqual(['lx-interview-nb']);
      // Themes: all required.
      expect(stories(await search(q, { themes: ['tvang', 'selvmordstanker'] }))).toEqual(['lx-warning-nb']);
      expect(stories(await search(q, { themes: ['tvang', 'rusfrihet'] }))).toEqual([]);
      expect(stories(await search(q, { excludeWarnings: ['selvskading', 'vold'] }))).toEqual(['lx-interview-nb', 'lx-restraint-en', 'lx-tvang-nb']);
      expect(stories(await search('heroin', { excludeWarnings: ['rus'] }))).toEqual([]);
      expect(stories(await search(q, { excludeStoryId: storyIds.get('lx-tvang-nb')! }))).toEqual(['lx-interview-nb', 'lx-restraint-en', 'lx-warning-nb']);
    });

    it('never returns a clinicians-only story to the public, and does to clinicians', async () => {
      expect(stories(await search('skjermingsvedtaket'))).toEqual([]);
      expect(stories(await search('skjermingsvedtaket', { audiences: ['public', 'teaching'] }))).toEqual([]);
      expect(stories(await search('skjermingsvedtaket', { audiences: ['public', 'clinicians'] }))).toEqual(['lx-clinicians-nb']);
      expect(stories(await search('tvangsinnleggelse'))).not.toContain('lx-clinicians-nb');
      expect(stories(await search('tvangsinnleggelse', { audiences: ['public', 'clinicians'] }))).toContain('lx-clinicians-nb');
      // Nor by a misspelling (the trigram fallback has the same filter).
      expect(stories(await search('skjermingsvedaket'))).toEqual([]);
      expect(stories(await search('skjermingsvedaket', { audiences: ['public', 'clinicians'] }))).toEqual(['lx-clinicians-nb']);
    });

    it('never returns an unpublished story, whatever the audience', async () => {
      expect(stories(await search('sommerleiren', { audiences: [...EVERYONE] }))).toEqual([]);
      expect(stories(await search('tvangsinnleggelse', { audiences: [...EVERYONE] }))).not.toContain('lx-unpublished-nb');
      expect(stories(await search('mareritt', { audiences: [...EVERYONE] }, ['lagt i belter']))).not.toContain('lx-unpublished-nb');
    });

    it('returns nothing for stop words or punctuation alone', async () => {
      for (const text of ['og i på', 'the and of', 'hvordan kan jeg bli det?', '?!', '— … «» ""', '']) {
        expect(await search(text, { audiences: [...EVERYONE] })).toEqual([]);
        expect((await engine.highlight({ text, expansions: [] }, [...(await engine.passageIds())])).size).toBe(0);
      }
    });

    it('treats quotes, negation, boolean words, filter and SQL syntax, markup, emoji and a long paste as words', async () => {
      const before = (await engine.passageIds()).length;
      for (const text of SYNTAX) {
        const hits = await search(text);
        expect(stories(hits)).not.toContain('lx-clinicians-nb');
        await expectWellFormed(hits);
        await engine.highlight({ text, expansions: [] }, hits.map((hit) => hit.passageId));
      }
      // Literal: the quoted, negated and scripted words are searched for, not obeyed.
      expect(stories(await search(SYNTAX[1]!))).toContain('lx-tvang-nb');
      expect(stories(await search(SYNTAX[6]!))).toContain('lx-tvang-nb');
      expect((await engine.passageIds()).length).toBe(before);
      const { rows } = await stack.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chunks`);
      expect(rows[0]!.n).toBe(before);
    });

    describe('highlight', () => {
      const passageOf = async (externalId: string) =>
        (await stack.runtime.db.query<{ id: string; text: string }>(`SELECT id, text FROM chunks WHERE story_id = $1 ORDER BY ordinal`, [storyIds.get(externalId)!])).rows;

      /** The highlighted words of each passage, lower-cased, checking every range is a whole word of the text. */
      async function highlighted(text: string, expansions: readonly string[], externalIds: readonly string[]) {
        const chunks = (await Promise.all(externalIds.map(passageOf))).flat();
        const ranges = await engine.highlight({ text, expansions }, chunks.map((c) => c.id));
        const words = new Set<string>();
        for (const [id, list] of ranges) {
          const chunk = chunks.find((c) => c.id === id)!;
          expect(list.length).toBeGreaterThan(0);
          for (const [start, end] of list) {
            expect(start).toBeLessThan(end);
            const word = chunk.text.slice(start, end);
            // Whole words: no letter just outside the range.
            expect(/[\p{L}\p{N}]/u.test(chunk.text[start - 1] ?? ' ')).toBe(false);
            expect(/[\p{L}\p{N}]/u.test(chunk.text[end] ?? ' ')).toBe(false);
            words.add(word.toLowerCase());
          }
          for (let i = 1; i < list.length; i++) expect(list[i]![0]).toBeGreaterThan(list[i - 1]![1]);
        }
        return { ranges, words };
      }

      it('marks exactly the matched words, after Norwegian letters and an emoji', async () => {
        const { ranges, words } = await highlighted('Akuttposten! natten «først» forklarte', [], ['lx-tvang-nb']);
        expect(ranges.size).toBe(1);
        expect([...words].sort()).toEqual(['akuttposten', 'forklarte', 'først', 'natten']);
        const [chunk] = await passageOf('lx-tvang-nb');
        const [first] = [...ranges.values()][0]!;
        expect(first).toEqual([chunk!.text.indexOf('først'), chunk!.text.indexOf('først') + 'først'.length]);
        // «belter» in the query marks «belter» (Meilisearch marks its synonym phrase «lagt i belter» whole).
        expect([...(await highlighted('belter', [], ['lx-tvang-nb'])).words].some((w) => w.split(' ').includes('belter'))).toBe(true);
      });

      it('marks the passage’s spelling of a misspelt word, expansion phrases, and English words', async () => {
        expect((await highlighted('tvangsinleggelse', [], ['lx-tvang-nb'])).words).toEqual(new Set(['tvangsinnleggelse']));
        const expanded = (await highlighted('mareritt', ['natten på akuttposten'], ['lx-tvang-nb'])).words;
        expect([...expanded].some((w) => w.includes('akuttposten'))).toBe(true);
        for (const word of expanded) expect(['natten', 'akuttposten', 'natten på akuttposten']).toContain(word);
        const english = (await highlighted('restraints admission', [], ['lx-restraint-en'])).words;
        expect(english).toEqual(new Set(['restraints', 'admission']));
      });

      it('leaves out passages without a match and never marks stop words alone', async () => {
        const { ranges, words } = await highlighted('slutte med heroin', [], ['lx-rus-nb', 'lx-restraint-en']);
        expect([...ranges.keys()]).toEqual([(await passageOf('lx-rus-nb'))[0]!.id]);
        expect(words.has('heroin')).toBe(true);
        // (Meilisearch also marks the synonyms of «heroin» from the theme vocabulary, such as «bli rusfri».)
        expect(words.has('med')).toBe(false);
        expect((await engine.highlight({ text: 'heroin', expansions: [] }, [])).size).toBe(0);
      });
    });
  });
});

describe('the Meilisearch adapter on an index it cannot search', () => {
  const services = testServices();
  const uid = `levd-test-lexical-${randomUUID()}`;
  const engine = createMeilisearchEngine({ url: services.meiliUrl, masterKey: services.meiliMasterKey }, { indexUid: uid });
  const meili = async <T>(path: string, init: RequestInit = {}): Promise<T> =>
    (await fetch(new URL(path, services.meiliUrl), {
      ...init,
      headers: { Authorization: `Bearer ${services.meiliMasterKey}`, 'Content-Type': 'application/json' },
    })).json() as Promise<T>;
  afterAll(() => engine.dropIndex());

  it('answers empty while nothing is indexed (the first search prepares the index)', async () => {
    const filter: PassageFilter = { audiences: ['public'], themes: [], excludeWarnings: [] };
    expect(await engine.search({ text: 'belter', expansions: [], filter, limit: 5 })).toEqual([]);
    expect(await engine.search({ text: 'belter', expansions: ['lagt i belter'], filter, limit: 5 })).toEqual([]);
    expect((await engine.highlight({ text: 'belter', expansions: [] }, [randomUUID()])).size).toBe(0);
  });

  it('reports a failed search by Meilisearch’s error code, never with the query’s words or filter values', async () => {
    // The engine prepared the index (with its settings) once, above. Replaced behind its back by an
    // index without them, nothing is filterable, so Meilisearch refuses the filter (and quotes it).
    const settle = async (taskUid: number) => {
      for (let status = ''; status !== 'succeeded'; await new Promise((resolve) => setTimeout(resolve, 50))) {
        status = (await meili<{ status: string }>(`/tasks/${taskUid}`)).status;
        expect(status).not.toBe('failed');
      }
    };
    await settle((await meili<{ taskUid: number }>(`/indexes/${uid}`, { method: 'DELETE' })).taskUid);
    await settle((await meili<{ taskUid: number }>('/indexes', { method: 'POST', body: JSON.stringify({ uid, primaryKey: 'id' }) })).taskUid);
    const filter: PassageFilter = { audiences: ['public'], themes: [], excludeWarnings: ['Ola Nordmann 01017012345'] };
    const error = await engine.search({ text: 'hemmeligord tvangsinnlagt', expansions: [], filter, limit: 5 }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/searching failed: invalid_search_filter$/);
    expect(error?.message).not.toMatch(/hemmeligord|Nordmann|01017012345/);
    expect(JSON.stringify(error?.cause ?? null)).not.toMatch(/hemmeligord|Nordmann/);
  });
});
