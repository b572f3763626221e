import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONSENT_SCOPES, type ConsentScope } from './audience.js';

/**
 * The consent texts a contributor reads before choosing, in Bokmål and English. Each version
 * lives in `consent-texts/` as `<version>.<lang>.md` (the text) and `<version>.form.json` (the
 * short per-choice explanations the form shows). A receipt stores the version and the SHA-256
 * of the exact text served, so a published text must never change: `versions.json` pins every
 * file's hash and loading refuses a file that no longer matches — a change needs a new version.
 *
 * The files ship as they are (no build step: Dockerfile copies `services/`), and are read
 * relative to this module so `tsx` from the repository and the image find them alike.
 */

export const CONSENT_LANGUAGES = ['nb', 'en'] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];

export { CONSENT_SCOPES, type ConsentScope };

export const DISPLAY_MODES = ['name', 'pseudonym', 'anonymous'] as const;
export type DisplayChoice = (typeof DISPLAY_MODES)[number];

/** `2026-11`, optionally with a suffix for a second text in one month (`2026-11-b`). */
export const CONSENT_VERSION_ID = /^\d{4}-\d{2}(?:-[a-z0-9]+)?$/;

export interface ConsentChoiceText<Id extends string> {
  readonly id: Id;
  readonly title: string;
  readonly explanation: string;
}

export interface ConsentTextView {
  readonly version: string;
  readonly language: ConsentLanguage;
  /** Markdown, exactly as served and hashed. */
  readonly text: string;
  /** SHA-256 (hex) of `text`'s UTF-8 bytes: what a receipt records. */
  readonly sha256: string;
  readonly scopes: readonly ConsentChoiceText<ConsentScope>[];
  readonly display: readonly ConsentChoiceText<DisplayChoice>[];
}

export const CONSENT_TEXTS_DIR = fileURLToPath(new URL('./consent-texts/', import.meta.url));
const MANIFEST = 'versions.json';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A checkout may add a BOM or CRLF line ends (git autocrlf); neither is part of the text, so
 * the served text — and therefore its hash — is the same on every machine.
 */
export function normaliseConsentFile(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');
const versionIdSchema = z.string().regex(CONSENT_VERSION_ID, 'must be a version id like "2026-11"');

const manifestSchema = z
  .object({
    current: versionIdSchema,
    versions: z.record(versionIdSchema, z.object({ nb: sha256Schema, en: sha256Schema, form: sha256Schema }).strict()),
  })
  .strict()
  .refine((m) => m.current in m.versions, { path: ['current'], message: 'must be one of the listed versions' });
export type ConsentManifest = z.infer<typeof manifestSchema>;

const choiceSchema = z.object({ title: z.string().trim().min(1), explanation: z.string().trim().min(1) }).strict();
const choices = <K extends string>(ids: readonly K[]) => z.object(Object.fromEntries(ids.map((id) => [id, choiceSchema])) as Record<K, typeof choiceSchema>).strict();
const formLanguageSchema = z.object({ scopes: choices(CONSENT_SCOPES), display: choices(DISPLAY_MODES) }).strict();
const formSchema = z.object({ nb: formLanguageSchema, en: formLanguageSchema }).strict();

/** A consent-texts folder that is incomplete or holds a text changed after publication. */
export class ConsentTextsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The consent texts in ${CONSENT_TEXTS_DIR} cannot be served:\n- ${problems.join('\n- ')}`);
    this.name = 'ConsentTextsError';
  }
}

export interface ConsentCatalogue {
  readonly current: string;
  readonly versions: readonly string[];
  get(version: string, language: ConsentLanguage): ConsentTextView | undefined;
}

const describeZod = (file: string, error: z.ZodError) => error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'} ${i.message}`);

/**
 * Reads and checks every version in `dir`. All problems are gathered, so one run names every
 * file to fix; each hash mismatch says both hashes, which is what the fix (a new version) needs.
 */
export function loadConsentCatalogue(dir: string = CONSENT_TEXTS_DIR): ConsentCatalogue {
  const problems: string[] = [];
  const read = (file: string): string | undefined => {
    try {
      return normaliseConsentFile(readFileSync(path.join(dir, file), 'utf8'));
    } catch {
      problems.push(`${file} is missing`);
      return undefined;
    }
  };
  const manifestRaw = read(MANIFEST);
  if (manifestRaw === undefined) throw new ConsentTextsError(problems);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestRaw);
  } catch {
    throw new ConsentTextsError([`${MANIFEST} is not valid JSON`]);
  }
  const manifest = manifestSchema.safeParse(manifestJson);
  if (!manifest.success) throw new ConsentTextsError(describeZod(MANIFEST, manifest.error));

  const pinned = (file: string, text: string, expected: string) => {
    const actual = sha256Hex(text);
    if (actual !== expected) {
      problems.push(
        `${file} has changed since it was published (${MANIFEST} pins ${expected}, the file is ${actual}); ` +
          'a published text must not change: restore it and put the new wording in a new version',
      );
    }
  };

  const views = new Map<string, ConsentTextView>();
  for (const [version, hashes] of Object.entries(manifest.data.versions)) {
    const formFile = `${version}.form.json`;
    const formRaw = read(formFile);
    if (formRaw !== undefined) pinned(formFile, formRaw, hashes.form);
    let form: z.infer<typeof formSchema> | undefined;
    if (formRaw !== undefined) {
      try {
        const parsed = formSchema.safeParse(JSON.parse(formRaw));
        if (parsed.success) form = parsed.data;
        else problems.push(...describeZod(formFile, parsed.error));
      } catch {
        problems.push(`${formFile} is not valid JSON`);
      }
    }
    for (const language of CONSENT_LANGUAGES) {
      const file = `${version}.${language}.md`;
      const text = read(file);
      if (text === undefined) continue;
      pinned(file, text, hashes[language]);
      if (!form) continue;
      const labels = form[language];
      views.set(`${version}/${language}`, {
        version,
        language,
        text,
        sha256: sha256Hex(text),
        scopes: CONSENT_SCOPES.map((id) => ({ id, ...labels.scopes[id] })),
        display: DISPLAY_MODES.map((id) => ({ id, ...labels.display[id] })),
      });
    }
  }

  // A text no version lists would never be served: most likely a new version missing from the manifest.
  for (const file of readdirSync(dir)) {
    const match = /^(.+)\.(?:(nb|en)\.md|form\.json)$/.exec(file);
    if (match && !(match[1]! in manifest.data.versions)) {
      const hint = `"${match[2] ?? 'form'}": "${sha256Hex(read(file) ?? '')}"`;
      problems.push(`${file} belongs to no version in ${MANIFEST}; add version "${match[1]}" with ${hint}`);
    }
  }
  if (problems.length > 0) throw new ConsentTextsError(problems);

  const versions = Object.keys(manifest.data.versions).sort();
  return {
    current: manifest.data.current,
    versions,
    get: (version, language) => views.get(`${version}/${language}`),
  };
}

// Loaded once at start-up: a broken or changed text stops the process before it serves a form.
const catalogue = loadConsentCatalogue();

/** The version new submissions are shown. */
export const currentConsentVersion: string = catalogue.current;

export function consentText(version: string, language: ConsentLanguage): ConsentTextView | undefined {
  return catalogue.get(version, language);
}

/** Every published version, oldest first. */
export function listConsentVersions(): readonly string[] {
  return catalogue.versions;
}

/** Why a submission's consent text was refused: the field at fault, and what to do about it. */
export type ConsentShownCheck =
  | { readonly ok: true; readonly text: ConsentTextView }
  | { readonly ok: false; readonly field: 'version' | 'sha256'; readonly message: string };

/**
 * Whether a submission names a text this archive published, in that language, with that exact
 * hash: a receipt must never record a text the contributor was not shown.
 */
export function checkConsentShown(shown: { readonly version: string; readonly language: ConsentLanguage; readonly sha256: string }): ConsentShownCheck {
  const text = consentText(shown.version, shown.language);
  if (!text) return { ok: false, field: 'version', message: `there is no consent text "${shown.version.slice(0, 40)}" in "${shown.language}"` };
  if (text.sha256 !== shown.sha256) {
    return { ok: false, field: 'sha256', message: `does not match consent text ${text.version} (${text.language}); reload the form and read the text again` };
  }
  return { ok: true, text };
}
