import { DISPLAY_MODES, SCOPES, STORY_LANGUAGES, type ConsentTextRef, type DisplayMode, type Scope, type StoryLanguage, type Submission } from './contribute-api.js';

/**
 * Everything typed in the contribute flow, kept in sessionStorage as it is typed so a reload
 * or a lost connection loses nothing. A file's bytes are not kept (only its name and size, so
 * the form can ask for it again). Cleared only after the story has been received.
 */

export const STEPS = ['write', 'scopes', 'display', 'consent', 'receipt'] as const;
export type Step = (typeof STEPS)[number];

/** A yes/no not yet answered is null: nothing is pre-selected. */
export type Answer = boolean | null;

export interface ChosenFile {
  readonly name: string;
  readonly size: number;
}

export interface Draft {
  readonly step: Exclude<Step, 'receipt'>;
  readonly title: string;
  readonly language: StoryLanguage;
  readonly source: 'text' | 'file';
  readonly text: string;
  readonly file: ChosenFile | null;
  readonly themes: readonly string[];
  readonly contentWarnings: readonly string[];
  readonly scopes: Readonly<Record<Scope, Answer>>;
  readonly displayMode: DisplayMode | null;
  readonly displayName: string;
  readonly agreed: boolean;
}

export const emptyDraft = (language: StoryLanguage = 'nb'): Draft => ({
  step: 'write',
  title: '',
  language,
  source: 'text',
  text: '',
  file: null,
  themes: [],
  contentWarnings: [],
  scopes: { public: null, clinicians: null, teaching: null, research: null, quote: null },
  displayMode: null,
  displayName: '',
  agreed: false,
});

const STORAGE_KEY = 'levd.contribute.draft';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const oneOf = <T extends string>(options: readonly T[], value: unknown, fallback: T): T => ((options as readonly unknown[]).includes(value) ? (value as T) : fallback);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const texts = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A stored draft, field by field: whatever is unreadable (another version, hand-edited) falls back to empty. */
export function readDraft(value: unknown): Draft | null {
  if (!isObject(value)) return null;
  const empty = emptyDraft();
  const scopes = isObject(value.scopes) ? value.scopes : {};
  const file = isObject(value.file) && typeof value.file.name === 'string' && typeof value.file.size === 'number' ? { name: value.file.name, size: value.file.size } : null;
  return {
    step: oneOf(['write', 'scopes', 'display', 'consent'] as const, value.step, 'write'),
    title: text(value.title),
    language: oneOf(STORY_LANGUAGES, value.language, empty.language),
    source: value.source === 'file' ? 'file' : 'text',
    text: text(value.text),
    file,
    themes: texts(value.themes),
    contentWarnings: texts(value.contentWarnings),
    scopes: Object.fromEntries(SCOPES.map((s) => [s, typeof scopes[s] === 'boolean' ? scopes[s] : null])) as Record<Scope, Answer>,
    displayMode: DISPLAY_MODES.includes(value.displayMode as DisplayMode) ? (value.displayMode as DisplayMode) : null,
    displayName: text(value.displayName),
    agreed: value.agreed === true,
  };
}

export function loadDraft(): Draft | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? readDraft(JSON.parse(stored)) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft still lives in the page.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** What step 1 still lacks, as message keys; the server checks again. */
export type WriteProblem = 'title' | 'text' | 'file';
export function writeProblems(draft: Draft, hasFile: boolean): WriteProblem[] {
  const problems: WriteProblem[] = [];
  if (draft.title.trim() === '') problems.push('title');
  if (draft.source === 'text' && draft.text.trim() === '') problems.push('text');
  if (draft.source === 'file' && !hasFile) problems.push('file');
  return problems;
}

export const unansweredScopes = (draft: Draft): Scope[] => SCOPES.filter((s) => draft.scopes[s] === null);
/** Quote alone lets no one read the story, so it does not count as a use. */
export const anyUseAllowed = (scopes: Readonly<Record<Scope, Answer>>) => (['public', 'clinicians', 'teaching', 'research'] as const).some((s) => scopes[s] === true);

export type DisplayProblem = 'mode' | 'name';
export function displayProblem(draft: Draft): DisplayProblem | null {
  if (draft.displayMode === null) return 'mode';
  if (draft.displayMode !== 'anonymous' && draft.displayName.trim() === '') return 'name';
  return null;
}

/** The body of POST /api/submissions; `text` only for a written story (a file goes as multipart). */
export function toSubmission(draft: Draft, consentText: ConsentTextRef): Submission {
  const scopes = Object.fromEntries(SCOPES.map((s) => [s, draft.scopes[s] === true])) as Record<Scope, boolean>;
  const mode = draft.displayMode ?? 'anonymous';
  return {
    title: draft.title,
    language: draft.language,
    ...(draft.source === 'text' ? { text: draft.text } : {}),
    themes: draft.themes,
    contentWarnings: draft.contentWarnings,
    consent: { ...scopes, version: consentText.version, language: consentText.language, sha256: consentText.sha256 },
    display: mode === 'anonymous' ? { mode } : { mode, name: draft.displayName },
  };
}
