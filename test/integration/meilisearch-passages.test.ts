import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMeilisearchEngine,
  filterValue,
  localeSlot,
  settingsChanges,
  toMeilisearchDocument,
  wantedSettings,
  type MeilisearchEngine,
  type MeilisearchEngineOptions,
} from '../../services/lexical/meilisearch.js';
import type { LexicalEngine } from '../../services/lexical/lexical-engine.js';
import type { PassageDocument } from '../../services/lexical/passage-document.js';
import { testServices } from '../support/services.js';

const MODEL = 'Xenova/multilingual-e5-small';

function unitVector(dimension = 384): number[] {
  const v = Array.from({ length: dimension }, () => Math.random() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function passage(storyId: string, ordinal: number, overrides: Partial<PassageDocument> = {}): PassageDocument {
  return {
    id: randomUUID(),
    storyId,
    ordinal,
    text: `Avsnitt ${ordinal} om hverdagen og om hva som hjalp.`,
    title: 'En fortelling',
    language: 'nb',
    kind: 'written',
    status: 'published',
    audience: ['public', 'clinicians'],
    themes: ['tvang'],
    confirmedThemes: [],
    contentWarnings: [],
    startChar: ordinal * 100,
    endChar: ordinal * 100 + 50,
    embedding: { model: MODEL, vector: unitVector() },
    ...overrides,
  };
}

const sorted = (ids: readonly string[]) => [...ids].sort();
const replaceOne = (engine: LexicalEngine, storyId: string, passages: readonly PassageDocument[]) => engine.replacePassages([{ storyId, passages }]);

describe('Meilisearch passages (pure parts)', () => {
  it('puts the text under the locale of its language and the vector under the embedder', () => {
    expect([localeSlot('nb'), localeSlot('nn'), localeSlot('en'), localeSlot('sv')]).toEqual(['nob', 'nob', 'eng', 'auto']);
    const p = passage(randomUUID(), 0, { language: 'nn', speaker: 'Intervjuar' });
    const doc = toMeilisearchDocument(p, 'multilingual-e5-small');
    expect(doc).toMatchObject({ id: p.id, text: p.text, speaker: 'Intervjuar', localizedText: { nob: p.text }, localizedTitle: { nob: p.title } });
    expect(doc).not.toHaveProperty('embedding');
    expect(doc['_vectors']).toEqual({ 'multilingual-e5-small': p.embedding.vector });
  });

  it('quotes filter values safely', () => {
    expect(filterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('asks only for the settings that differ', () => {
    const wanted = wantedSettings('e5', 384);
    expect(settingsChanges(wanted, wanted)).toEqual({});
    const current = { ...wanted, filterableAttributes: [...wanted.filterableAttributes!].reverse(), embedders: { old: { source: 'userProvided' as const, dimensions: 3 } } };
    expect(settingsChanges(current, wanted)).toEqual({ embedders: { old: null, e5: { source: 'userProvided', dimensions: 384 } } });
  });
});

describe('Meilisearch passages (real server)', () => {
  const engines: MeilisearchEngine[] = [];
  const services = () => testServices();

  function engine(options: MeilisearchEngineOptions = {}): MeilisearchEngine {
    const e = createMeilisearchEngine(
      { url: services().meiliUrl, masterKey: services().meiliMasterKey },
      { indexUid: `levd-test-${randomUUID()}`, ...options },
    );
    engines.push(e);
    return e;
  }

  async function meili<T>(path: string): Promise<T> {
    const response = await fetch(new URL(path, services().meiliUrl), { headers: { Authorization: `Bearer ${services().meiliMasterKey}` } });
    return (await response.json()) as T;
  }

  const tasksOf = (uid: string, type: string) =>
    meili<{ total: number; results: { details: Record<string, unknown> }[] }>(`/tasks?indexUids=${uid}&types=${type}`);

  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.dropIndex()));
  });

  it('prepares the index once: a second prepare issues no settings task', async () => {
    const e = engine();
    await e.prepare();
    expect((await tasksOf(e.indexUid, 'settingsUpdate')).total).toBe(1);
    const settings = await meili<Record<string, unknown>>(`/indexes/${e.indexUid}/settings`);
    expect(settings['filterableAttributes']).toEqual(expect.arrayContaining(['storyId', 'id', 'audience', 'status', 'themes']));
    expect(settings['embedders']).toEqual({ 'multilingual-e5-small': { source: 'userProvided', dimensions: 384 } });
    expect(settings['displayedAttributes']).not.toContain('_vectors');

    await e.prepare();
    expect((await tasksOf(e.indexUid, 'settingsUpdate')).total).toBe(1);

    expect(settings['synonyms']).toEqual({});
  });

  it('holds exactly the passages given for a story, drops the rest on replace, and none after removeStory', async () => {
    const e = engine();
    await e.prepare();
    const a = randomUUID();
    const b = randomUUID();
    const storyA = [0, 1, 2].map((i) => passage(a, i));
    const storyB = [0, 1].map((i) => passage(b, i));
    await replaceOne(e, a, storyA);
    await replaceOne(e, b, storyB);
    expect(await e.passageIds(a)).toEqual(sorted(storyA.map((p) => p.id)));
    expect(await e.passageIds()).toEqual(sorted([...storyA, ...storyB].map((p) => p.id)));

    const edited = { ...storyA[0]!, text: 'Nå handler avsnittet om sykkelturer i skogen.' };
    await replaceOne(e, a, [edited, storyA[2]!]);
    expect(await e.passageIds(a)).toEqual(sorted([edited.id, storyA[2]!.id]));
    expect(await e.probeSearch('sykkelturer')).toEqual([edited.id]);
    expect(await e.passageIds(b)).toEqual(sorted(storyB.map((p) => p.id)));

    await e.removeStory(a);
    expect(await e.passageIds(a)).toEqual([]);
    await e.removeStory(a);
    expect(await e.passageIds(b)).toEqual(sorted(storyB.map((p) => p.id)));
    await replaceOne(e, b, []);
    expect(await e.passageIds()).toEqual([]);
  });

  it('replaces several stories in one call with one addition and one deletion, leaving other stories alone', async () => {
    const e = engine();
    await e.prepare();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await replaceOne(e, a, [0, 1, 2].map((i) => passage(a, i)));
    await replaceOne(e, c, [passage(c, 0)]);
    const before = (await tasksOf(e.indexUid, 'documentAdditionOrUpdate')).total;
    const newA = [passage(a, 0)];
    const newB = [0, 1].map((i) => passage(b, i));
    await e.replacePassages([{ storyId: a, passages: newA }, { storyId: b, passages: newB }]);
    expect(await e.passageIds(a)).toEqual(sorted(newA.map((p) => p.id)));
    expect(await e.passageIds(b)).toEqual(sorted(newB.map((p) => p.id)));
    expect(await e.passageIds(c)).toHaveLength(1);
    expect((await tasksOf(e.indexUid, 'documentAdditionOrUpdate')).total).toBe(before + 1);
  });

  it('upserts a large story in batches', async () => {
    const e = engine({ batchSize: 2 });
    await e.prepare();
    const story = randomUUID();
    const passages = [0, 1, 2, 3, 4].map((i) => passage(story, i));
    await replaceOne(e, story, passages);
    expect(await e.passageIds(story)).toEqual(sorted(passages.map((p) => p.id)));
    expect((await tasksOf(e.indexUid, 'documentAdditionOrUpdate')).total).toBe(3);
  });

  it('keeps stories apart even when a story id needs quoting in a filter', async () => {
    const e = engine();
    await e.prepare();
    const odd = 'story "quoted" \\ back';
    const other = randomUUID();
    await replaceOne(e, odd, [passage(odd, 0)]);
    await replaceOne(e, other, [passage(other, 0)]);
    expect(await e.passageIds(odd)).toHaveLength(1);
    await e.removeStory(odd);
    expect(await e.passageIds(odd)).toEqual([]);
    expect(await e.passageIds(other)).toHaveLength(1);
  });

  it('finds a passage through the vocabulary of a recognised theme, sent as expansions (the index has no synonyms)', async () => {
    const e = engine();
    await e.prepare();
    const story = randomUUID();
    const forced = passage(story, 0, { text: 'Etter tvangsinnleggelse på akutten gikk det lenge før jeg stolte på noen igjen.' });
    const other = passage(story, 1, { text: 'Jobben på verkstedet ga meg en grunn til å stå opp om morgenen.' });
    const english = passage(randomUUID(), 0, { language: 'en', text: 'They used restraint on me the first night.', title: 'A night' });
    await replaceOne(e, story, [forced, other]);
    await replaceOne(e, english.storyId, [english]);
    const filter = { audiences: ['public'] as const, themes: [], excludeWarnings: [] };
    const ids = async (text: string, expansions: string[]) => (await e.search({ text, expansions, filter, limit: 20 })).map((h) => h.passageId);
    expect(await ids('belter', [])).toEqual([]);
    const expanded = await ids('belter', ['tvangsinnleggelse', 'restraint']);
    expect(expanded).toEqual(expect.arrayContaining([forced.id, english.id]));
    expect(expanded).not.toContain(other.id);
  });

  it('filters on audience and status inside the engine', async () => {
    const e = engine();
    await e.prepare();
    const open = passage(randomUUID(), 0, { audience: ['public', 'clinicians'], status: 'published' });
    const research = passage(randomUUID(), 0, { audience: ['research'], status: 'in_review' });
    await replaceOne(e, open.storyId, [open]);
    await replaceOne(e, research.storyId, [research]);
    expect(await e.probeSearch('', { filter: 'audience = clinicians' })).toEqual([open.id]);
    expect(await e.probeSearch('', { filter: 'audience IN [research, teaching]' })).toEqual([research.id]);
    expect(await e.probeSearch('', { filter: 'status = published AND audience = public' })).toEqual([open.id]);
    expect(await e.probeSearch('avsnitt', { filter: 'status = in_review' })).toEqual([research.id]);
  });

  it('rejects with the task error when a vector has the wrong dimension, and keeps the old passages', async () => {
    const e = engine();
    await e.prepare();
    const story = randomUUID();
    const good = passage(story, 0);
    await replaceOne(e, story, [good]);
    const secret = 'Dette er en hemmelig setning som aldri skal stå i en feilmelding.';
    const bad = passage(story, 1, { text: secret, embedding: { model: MODEL, vector: unitVector(3) } });
    const error = await replaceOne(e, story, [bad]).then(() => undefined, (err: Error) => err);
    expect(error?.message).toMatch(/task \d+ \(documentAdditionOrUpdate\) failed: invalid_vector_dimensions/);
    expect(error?.message).toContain(e.indexUid);
    expect(error?.message).not.toContain('hemmelig');
    expect(await e.passageIds(story)).toEqual([good.id]);
  });

  it('refuses passages of another model or story before sending anything', async () => {
    const e = engine();
    const story = randomUUID();
    await expect(replaceOne(e, story, [passage(story, 0, { embedding: { model: 'other/model', vector: unitVector() } })])).rejects.toThrow(
      /carries an embedding of other\/model/,
    );
    await expect(replaceOne(e, story, [passage(randomUUID(), 0)])).rejects.toThrow(/belongs to story/);
  });

  it('treats an index that does not exist yet as empty', async () => {
    const e = engine();
    expect(await e.passageIds()).toEqual([]);
    await expect(e.removeStory(randomUUID())).resolves.toBeUndefined();
  });

  it('rejects every call when Meilisearch cannot be reached', async () => {
    const port = await closedPort();
    const e = createMeilisearchEngine({ url: `http://127.0.0.1:${port}`, masterKey: 'x' }, { indexUid: 'unreachable' });
    const story = randomUUID();
    const unreachable = /Meilisearch at http:\/\/127\.0\.0\.1:\d+.*cannot reach Meilisearch \(ECONNREFUSED\)/;
    await expect(e.health()).rejects.toThrow(unreachable);
    await expect(e.prepare()).rejects.toThrow(unreachable);
    await expect(replaceOne(e, story, [passage(story, 0)])).rejects.toThrow(unreachable);
    await expect(e.removeStory(story)).rejects.toThrow(unreachable);
    await expect(e.passageIds()).rejects.toThrow(unreachable);
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
