import { describe, expect, it } from 'vitest';
import type { RawStoryRecord } from '../../indexer/ingest/story-record.js';
import { validateRecord } from '../../indexer/ingest/validate-record.js';

const consent = {
  public: true,
  clinicians: true,
  teaching: false,
  research: false,
  quote: true,
  display: 'pseudonym',
  pseudonym: 'Kari',
  consentTextVersion: 'levd-demo-samtykke-v1',
};
const written = (extra: RawStoryRecord = {}): RawStoryRecord => ({
  externalId: 'v-1',
  title: 'Tittel',
  kind: 'written',
  text: 'Jeg visste ikke hva som skjedde, og ingen spurte hvordan jeg hadde det.',
  consent,
  ...extra,
});
const interview = (extra: RawStoryRecord = {}): RawStoryRecord => ({
  externalId: 'v-2',
  title: 'Intervju',
  kind: 'interview',
  segments: [
    { speaker: 'I', start: 0, end: 3, text: 'Kva hjelpte deg?' },
    { speaker: 'R', start: 3, text: 'Eg veit ikkje heilt, men ho trudde på meg.' },
  ],
  consent,
  ...extra,
});
const reason = (raw: RawStoryRecord, maxChars?: number) => {
  const result = validateRecord(raw, maxChars === undefined ? undefined : { maxChars });
  if (result.ok) throw new Error('expected the record to be refused');
  return result.reason;
};

describe('validateRecord', () => {
  it('accepts a written story, fills defaults and detects the language', () => {
    expect(validateRecord(written())).toEqual({
      ok: true,
      record: { ...written(), themes: [], contentWarnings: [], fictional: false, language: 'nb' },
    });
  });

  it('detects the language of an interview from its joined segments', () => {
    const result = validateRecord(interview());
    expect(result.ok && result.record.language).toBe('nn');
  });

  it('keeps a given language (lower-cased by the schema) over detection', () => {
    const result = validateRecord(written({ language: 'EN' }));
    expect(result.ok && result.record.language).toBe('en');
  });

  it('refuses a record without consent with one clear reason', () => {
    const { consent: _consent, ...noConsent } = written();
    expect(reason(noConsent)).toBe('has no consent record (consent is required)');
    expect(reason({ ...noConsent, consent: null })).toBe('has no consent record (consent is required)');
  });

  it('lists every problem as "path: message", never the value', () => {
    const raw = written({
      kind: 'story',
      themes: ['Tvang!'],
      consent: { ...consent, public: 'maybe', publc: true, display: 'name' },
      text: 'Den hemmelige teksten',
    });
    const text = reason(raw);
    expect(text.split('; ')).toEqual([
      'kind: Invalid option: expected one of "written"|"interview"',
      'themes.0 must be a theme slug such as "tvang"',
      'consent.public: Invalid input: expected boolean, received string',
      'consent.publc: unknown field, refused (check the spelling)',
    ]);
    expect(text).not.toMatch(/maybe|Tvang!|hemmelige/);
  });

  it('reads the schema’s own rules as sentences', () => {
    expect(reason(written({ consent: { ...consent, display: 'name', pseudonym: undefined } }))).toBe(
      'consent.name is required when display is "name"',
    );
    expect(reason(written({ title: undefined }))).toBe('title is required');
    expect(reason(interview({ segments: undefined }))).toBe('segments are required for an interview');
    expect(reason(interview({ segments: [{ speaker: 'I', start: 5, end: 2, text: 'Ja' }] }))).toBe('segments.0.end must not be before start');
  });

  it('refuses whitespace-only text as "text is empty"', () => {
    expect(reason(written({ text: '  \n\t ' }))).toBe('text is empty');
  });

  it('refuses a text over the limit, counting characters of all segments', () => {
    expect(reason(written({ text: 'å'.repeat(312_004) }))).toBe('text is 312,004 characters; the limit is 200,000 (IMPORT_MAX_STORY_CHARS)');
    const segments = [
      { speaker: 'I', text: 'a'.repeat(60) },
      { speaker: 'R', text: 'b'.repeat(50) },
    ];
    expect(reason(interview({ segments, language: 'nb' }), 100)).toBe('text is 110 characters; the limit is 100 (IMPORT_MAX_STORY_CHARS)');
    expect(validateRecord(interview({ segments, language: 'nb' }), { maxChars: 110 }).ok).toBe(true);
  });

  it('refuses a record whose language is absent and cannot be detected', () => {
    expect(reason(written({ text: 'Oslo, 2019.' }))).toBe('language is missing and could not be detected from the text; give language (nb, nn, en, …)');
  });

  it('accepts a withdrawn record without text or language detection, and drops any text it carries', () => {
    const withdrawn = { ...consent, withdrawnAt: '2025-06-01T08:00:00Z' };
    expect(validateRecord({ externalId: 'w-1', kind: 'written', consent: withdrawn })).toEqual({
      ok: true,
      record: { externalId: 'w-1', kind: 'written', consent: withdrawn, themes: [], contentWarnings: [], fictional: false, language: 'nb' },
    });
    const withText = validateRecord(written({ text: 'x', language: 'en', consent: withdrawn }));
    expect(withText.ok && withText.record).not.toHaveProperty('text');
    expect(withText.ok && withText.record.language).toBe('en');
    const withSegments = validateRecord(interview({ consent: withdrawn }));
    expect(withSegments.ok && withSegments.record).not.toHaveProperty('segments');
  });
});
