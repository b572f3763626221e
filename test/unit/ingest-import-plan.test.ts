import { describe, expect, it } from 'vitest';
import { contentHash, desiredStory, planImport, type ImportableRecord, type Stored } from '../../indexer/ingest/import-plan.js';
import type { StoryHead } from '../../services/repositories/story.repository.js';

const knownThemes = new Set(['tvang', 'rusfrihet', 'parorende']);

function record(overrides: Partial<ImportableRecord> = {}, consent: Partial<ImportableRecord['consent']> = {}): ImportableRecord {
  return {
    externalId: 'demo-1',
    title: 'Da dørene ble låst',
    language: 'nb',
    kind: 'written',
    text: 'Jeg ble lagt inn mot min vilje.',
    themes: ['tvang'],
    contentWarnings: ['tvang'],
    fictional: true,
    ...overrides,
    consent: {
      public: true,
      clinicians: true,
      teaching: false,
      research: false,
      quote: true,
      display: 'pseudonym',
      pseudonym: 'Kari',
      consentTextVersion: 'v1',
      ...consent,
    },
  };
}

/** What the archive would hold after importing `r` once. */
function storedFrom(r: ImportableRecord, overrides: Partial<StoryHead> = {}): Stored {
  const d = desiredStory(r);
  return {
    head: {
      id: '00000000-0000-4000-8000-000000000001',
      externalId: r.externalId,
      status: 'submitted',
      kind: r.kind,
      language: r.language,
      revision: 1,
      indexVersion: 1,
      indexedVersion: 1,
      contentSha256: d.contentSha256,
      displayMode: d.displayMode,
      displayName: d.displayName,
      contentWarnings: d.contentWarnings,
      isFictional: d.isFictional,
      confirmedThemes: d.themes,
      ...overrides,
    },
    consent: d.consent,
  };
}

const plan = (stored: Stored | undefined, r: ImportableRecord, publish = false) => planImport(stored, desiredStory(r), { publish, knownThemes });

describe('planImport', () => {
  it('creates a story that is not there yet, or a tombstone when its consent is already withdrawn', () => {
    expect(plan(undefined, record())).toEqual({ action: 'create' });
    expect(plan(undefined, record({}, { withdrawnAt: '2025-01-01T00:00:00Z' }))).toEqual({ action: 'create-withdrawn' });
  });

  it('changes nothing when the same record comes again', () => {
    const r = record();
    expect(plan(storedFrom(r), r)).toEqual({ action: 'unchanged' });
  });

  it('ignores the order and repetition of themes and warnings', () => {
    const r = record({ themes: ['tvang', 'rusfrihet'], contentWarnings: ['rusbruk', 'tvang'] });
    const again = record({ themes: ['rusfrihet', 'tvang', 'tvang'], contentWarnings: ['tvang', 'rusbruk'] });
    expect(plan(storedFrom(r), again)).toEqual({ action: 'unchanged' });
  });

  it('makes a new revision only when the content changes', () => {
    const r = record();
    expect(plan(storedFrom(r), record({ text: 'Jeg ble lagt inn mot min vilje. Så kom det en ny dag.' }))).toMatchObject({
      action: 'update',
      content: true,
      details: false,
      themes: false,
      consent: false,
    });
    expect(plan(storedFrom(r), record({ title: 'Ny tittel' }))).toMatchObject({ action: 'update', content: true });
    expect(plan(storedFrom(r), record({ themes: ['tvang', 'parorende'] }))).toMatchObject({ action: 'update', content: false, themes: true });
    expect(plan(storedFrom(r), record({ contentWarnings: [] }))).toMatchObject({ action: 'update', content: false, details: true });
  });

  it('records a new consent receipt when any choice changes', () => {
    const r = record();
    expect(plan(storedFrom(r), record({}, { teaching: true }))).toMatchObject({ action: 'update', consent: true, content: false });
    expect(plan(storedFrom(r), record({}, { consentTextVersion: 'v2' }))).toMatchObject({ action: 'update', consent: true });
    expect(plan(storedFrom(r), record({}, { display: 'anonymous', pseudonym: undefined }))).toMatchObject({
      action: 'update',
      consent: true,
      details: true,
    });
  });

  it('publishes an unchanged story with --publish, and leaves a published one alone', () => {
    const r = record();
    expect(plan(storedFrom(r), r, true)).toMatchObject({ action: 'update', publish: true, content: false });
    expect(plan(storedFrom(r, { status: 'published' }), r, true)).toEqual({ action: 'unchanged' });
  });

  it('withdraws a stored story when the record says its consent was withdrawn', () => {
    const r = record();
    expect(plan(storedFrom(r), record({}, { withdrawnAt: '2025-06-01T00:00:00Z' }))).toEqual({ action: 'withdraw' });
  });

  it('never brings a withdrawn story back', () => {
    const stored = storedFrom(record(), { status: 'withdrawn', contentSha256: null });
    expect(plan(stored, record())).toMatchObject({ action: 'refuse', reason: expect.stringContaining('withdrew') });
    expect(plan(stored, record({}, { withdrawnAt: '2025-06-01T00:00:00Z' }))).toEqual({ action: 'unchanged' });
  });

  it('refuses unknown theme slugs, naming them', () => {
    expect(plan(undefined, record({ themes: ['tvang', 'tvnag', 'ukjent'] }))).toEqual({
      action: 'refuse',
      reason: expect.stringMatching(/unknown themes "tvnag", "ukjent"/),
    });
  });
});

describe('desiredStory', () => {
  it('shows the name or pseudonym the consent allows, and nothing for anonymous stories', () => {
    expect(desiredStory(record({}, { display: 'name', name: 'Kari Nordmann' })).displayName).toBe('Kari Nordmann');
    expect(desiredStory(record()).displayName).toBe('Kari');
    expect(desiredStory(record({}, { display: 'anonymous', pseudonym: 'Kari' })).displayName).toBeNull();
  });

  it('hashes content so that any change of text, title, language or kind changes the hash', () => {
    const base = desiredStory(record()).content;
    const hashes = new Set([
      contentHash(base),
      contentHash({ ...base, body: `${base.body} ` }),
      contentHash({ ...base, title: 'x' }),
      contentHash({ ...base, language: 'nn' }),
      contentHash({ ...base, kind: 'interview', body: null, segments: [{ text: base.body! }] }),
    ]);
    expect(hashes.size).toBe(5);
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
