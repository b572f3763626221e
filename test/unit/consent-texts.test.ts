import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkConsentShown,
  CONSENT_LANGUAGES,
  CONSENT_SCOPES,
  CONSENT_TEXTS_DIR,
  ConsentTextsError,
  DISPLAY_MODES,
  consentText,
  currentConsentVersion,
  listConsentVersions,
  loadConsentCatalogue,
  sha256Hex,
} from '../../services/consent/consent-texts.js';

const versions = listConsentVersions();
const cases = versions.flatMap((version) => CONSENT_LANGUAGES.map((language) => [version, language] as const));
const manifest = JSON.parse(fs.readFileSync(path.join(CONSENT_TEXTS_DIR, 'versions.json'), 'utf8')) as {
  current: string;
  versions: Record<string, Record<string, string>>;
};
// The bytes as committed; a BOM or CRLF line ends from a checkout are not part of the text.
const fileHash = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(CONSENT_TEXTS_DIR, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('consent texts', () => {
  it('has a current version among the published ones', () => {
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toContain(currentConsentVersion);
    expect(manifest.current).toBe(currentConsentVersion);
  });

  it.each(cases)('%s exists in %s, and its hash is the SHA-256 of the text served', (version, language) => {
    const view = consentText(version, language)!;
    expect(view).toBeDefined();
    expect(view.version).toBe(version);
    expect(view.language).toBe(language);
    expect(view.sha256).toBe(createHash('sha256').update(Buffer.from(view.text, 'utf8')).digest('hex'));
  });

  it.each(cases)('%s.%s: every scope and display choice has a title and an explanation', (version, language) => {
    const view = consentText(version, language)!;
    expect(view.scopes.map((s) => s.id)).toEqual([...CONSENT_SCOPES]);
    expect(view.display.map((d) => d.id)).toEqual([...DISPLAY_MODES]);
    for (const choice of [...view.scopes, ...view.display]) {
      expect(choice.title.trim(), choice.id).not.toBe('');
      expect(choice.explanation.trim().length, choice.id).toBeGreaterThan(20);
    }
    // The full text names every scope the way the form does, so the two read as one.
    for (const scope of view.scopes) expect(view.text, scope.id).toContain(scope.title);
  });

  it.each(versions)('%s: the explanations are translated, not copied', (version) => {
    const [nb, en] = [consentText(version, 'nb')!, consentText(version, 'en')!];
    nb.scopes.forEach((scope, i) => expect(scope.explanation).not.toBe(en.scopes[i]!.explanation));
    expect(nb.text).not.toBe(en.text);
  });

  const mentions = {
    nb: [/trekke tilbake/, /kvitteringskode/, /statussiden/, /uten å si hvorfor/, /«Om Levd»/, /etisk komité/, /redaktør/i, /godkjent/, /oppføring uten innhold/],
    en: [/withdraw/, /receipt code/, /status page/, /without giving a reason/, /About page/, /ethics committee/, /editor/i, /approved/, /record without content/],
  } as const;
  it.each(cases)('%s.%s tells how to withdraw, what it removes and who is responsible', (version, language) => {
    const { text } = consentText(version, language)!;
    for (const pattern of mentions[language]) expect(text).toMatch(pattern);
  });

  it('answers undefined for a version that does not exist', () => {
    expect(consentText('1999-01', 'nb')).toBeUndefined();
  });

  it('checks what a submission says it showed: version, language and hash must match a published text', () => {
    const nb = consentText(currentConsentVersion, 'nb')!;
    const en = consentText(currentConsentVersion, 'en')!;
    expect(checkConsentShown({ version: nb.version, language: 'nb', sha256: nb.sha256 })).toEqual({ ok: true, text: nb });
    expect(checkConsentShown({ version: '1999-01', language: 'nb', sha256: nb.sha256 })).toEqual({ ok: false, field: 'version', message: expect.stringMatching(/no consent text "1999-01" in "nb"/) });
    expect(checkConsentShown({ version: nb.version, language: 'nb', sha256: en.sha256 })).toEqual({ ok: false, field: 'sha256', message: expect.stringMatching(/^does not match consent text/) });
  });

  it('changing one byte changes the hash', () => {
    const { text, sha256 } = consentText(currentConsentVersion, 'nb')!;
    const bytes = Buffer.from(text, 'utf8');
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0x01;
    expect(sha256Hex(bytes.toString('utf8'))).not.toBe(sha256);
    expect(sha256Hex(`${text} `)).not.toBe(sha256);
  });
});

describe('a published text never changes silently', () => {
  it('versions.json pins the exact bytes of every file of every version', () => {
    for (const [version, hashes] of Object.entries(manifest.versions)) {
      expect(Object.keys(hashes).sort()).toEqual(['en', 'form', 'nb']);
      for (const language of CONSENT_LANGUAGES) {
        expect(fileHash(`${version}.${language}.md`), `${version}.${language}.md changed: publish the new wording as a new version`).toBe(hashes[language]);
      }
      expect(fileHash(`${version}.form.json`), `${version}.form.json changed: publish it as a new version`).toBe(hashes.form);
    }
  });

  it('every text file belongs to a listed version', () => {
    const files = fs.readdirSync(CONSENT_TEXTS_DIR).filter((f) => f !== 'versions.json');
    for (const file of files) expect(Object.keys(manifest.versions), file).toContain(file.split('.')[0]);
  });

  let copy: string | undefined;
  afterEach(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
    copy = undefined;
  });
  const copyTexts = () => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-consent-'));
    fs.cpSync(CONSENT_TEXTS_DIR, copy, { recursive: true });
    return copy;
  };
  const problemsOf = (dir: string): readonly string[] => {
    try {
      loadConsentCatalogue(dir);
    } catch (error) {
      if (error instanceof ConsentTextsError) return error.problems;
      throw error;
    }
    return [];
  };

  it('loads an unchanged copy', () => {
    expect(problemsOf(copyTexts())).toEqual([]);
  });

  it('refuses a text with one byte changed, naming the file', () => {
    const dir = copyTexts();
    const file = path.join(dir, `${currentConsentVersion}.en.md`);
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${currentConsentVersion}\\.en\\.md has changed since it was published .*new version`));
  });

  it('refuses a changed form explanation', () => {
    const dir = copyTexts();
    const file = path.join(dir, `${currentConsentVersion}.form.json`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Anyone can read', 'Everyone can read'));
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/form\.json has changed since it was published/)]);
  });

  it('serves the same text and hash whatever the checkout did to line ends', () => {
    const dir = copyTexts();
    const file = path.join(dir, `${currentConsentVersion}.nb.md`);
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`);
    expect(loadConsentCatalogue(dir).get(currentConsentVersion, 'nb')).toEqual(consentText(currentConsentVersion, 'nb'));
  });

  it('refuses a missing language and a text no version lists', () => {
    const dir = copyTexts();
    fs.rmSync(path.join(dir, `${currentConsentVersion}.en.md`));
    fs.writeFileSync(path.join(dir, '2030-01.nb.md'), '# Ny tekst\n');
    const problems = problemsOf(dir);
    expect(problems).toContain(`${currentConsentVersion}.en.md is missing`);
    expect(problems).toContain(`2030-01.nb.md belongs to no version in versions.json; add version "2030-01" with "nb": "${sha256Hex('# Ny tekst\n')}"`);
  });
});
