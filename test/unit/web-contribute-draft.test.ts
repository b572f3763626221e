import { describe, expect, it } from 'vitest';
import type { ConsentTextRef } from '../../web/src/pages/contribute/contribute-types.js';
import { agreesTo, anyUseAllowed, displayProblem, emptyDraft, readDraft, toSubmission, type Draft } from '../../web/src/pages/contribute/draft.js';

const TEXT_NB: ConsentTextRef = { version: '2025-01', language: 'nb', sha256: 'a'.repeat(64) };
const TEXT_EN: ConsentTextRef = { version: '2025-01', language: 'en', sha256: 'b'.repeat(64) };

const written = (change: Partial<Draft> = {}): Draft => ({
  ...emptyDraft(),
  title: 'Turene',
  text: 'Hver morgen gikk jeg.',
  themes: ['recovery'],
  contentWarnings: ['innleggelse'],
  scopes: { public: true, clinicians: false, teaching: true, research: false, quote: null },
  displayMode: 'pseudonym',
  displayName: 'Morgenturgåeren',
  agreedSha256: TEXT_NB.sha256,
  ...change,
});

describe('web contribute draft: readDraft', () => {
  it('reads back what saveDraft wrote (a JSON round trip)', () => {
    const draft = written({ step: 'consent', source: 'file', file: { name: 'intervju.vtt', size: 1234 } });
    expect(readDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('is null for what is not a draft at all', () => {
    for (const value of [null, undefined, 'utkast', 42, true]) expect(readDraft(value)).toBeNull();
  });

  it('falls back field by field when a stored draft is unreadable (another version, hand-edited)', () => {
    const read = readDraft({
      step: 'receipt',
      title: 7,
      language: 'de',
      source: 'fax',
      text: ['nope'],
      file: { name: 'x.txt' },
      themes: ['a', 3, 'b'],
      contentWarnings: 'one',
      scopes: { public: 'yes', clinicians: true, teaching: null, extra: true },
      displayMode: 'initials',
      displayName: null,
      agreedSha256: '',
    });
    expect(read).toEqual({
      ...emptyDraft(),
      themes: ['a', 'b'],
      scopes: { public: null, clinicians: true, teaching: null, research: null, quote: null },
    });
  });

  it('does not carry an old boolean «agreed» over: agreement is to one text, by its hash', () => {
    expect(readDraft({ ...written(), agreedSha256: undefined, agreed: true })?.agreedSha256).toBeNull();
    const draft = readDraft(written())!;
    expect(agreesTo(draft, TEXT_NB)).toBe(true);
    expect(agreesTo(draft, TEXT_EN)).toBe(false);
    expect(agreesTo(emptyDraft(), TEXT_NB)).toBe(false);
  });
});

describe('web contribute draft: toSubmission', () => {
  it('sends a written story with every scope as a boolean and the consent text agreed to', () => {
    expect(toSubmission(written(), TEXT_NB)).toEqual({
      title: 'Turene',
      language: 'nb',
      text: 'Hver morgen gikk jeg.',
      themes: ['recovery'],
      contentWarnings: ['innleggelse'],
      consent: { public: true, clinicians: false, teaching: true, research: false, quote: false, version: '2025-01', language: 'nb', sha256: TEXT_NB.sha256 },
      display: { mode: 'pseudonym', name: 'Morgenturgåeren' },
    });
  });

  it('leaves the text out for a file (it goes as multipart) and the name out when anonymous', () => {
    const submission = toSubmission(written({ source: 'file', text: 'skrevet før filen ble valgt', displayMode: 'anonymous', displayName: 'Kari' }), TEXT_NB);
    expect(submission).not.toHaveProperty('text');
    expect(submission.display).toEqual({ mode: 'anonymous' });
  });

  it('refuses a draft that agreed to another text than the one it would name', () => {
    expect(() => toSubmission(written(), TEXT_EN)).toThrow(/not agreed/);
    expect(() => toSubmission(written({ agreedSha256: null }), TEXT_NB)).toThrow(/not agreed/);
  });
});

describe('web contribute draft: step checks', () => {
  it('counts quote alone as no use, and asks for a name unless anonymous', () => {
    expect(anyUseAllowed({ public: false, clinicians: false, teaching: false, research: false, quote: true })).toBe(false);
    expect(anyUseAllowed({ public: null, clinicians: null, teaching: null, research: true, quote: null })).toBe(true);
    expect(displayProblem(written({ displayMode: null }))).toBe('mode');
    expect(displayProblem(written({ displayMode: 'name', displayName: '  ' }))).toBe('name');
    expect(displayProblem(written({ displayMode: 'anonymous', displayName: '' }))).toBeNull();
  });
});
