import { AUDIENCES, DISPLAY_MODES, SCOPES, STORY_LANGUAGES, type DisplayMode, type Scope, type StoryLanguage } from '../../api/types.js';
import type { ConsentTextRef, Submission } from './contribute-types.js';

/**
 * Everything typed in the contribute flow, kept in sessionStorage as it is typed so a reload
 * or a lost connection loses nothing. A file's bytes are not kept (only its name and size, so
 * the form can ask for it again). Cleared after the story has been received, or by «Begynn på
 * nytt» (sessionStorage survives «reopen closed tab», so on a shared computer that matters).
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
  /**
   * The sha256 of the consent text «I agree» was ticked for. The text shown can change under the
   * draft (another UI language, a new version after a reload): agreement holds only for the text
   * whose hash this is, so a receipt never names a text the contributor did not see.
   */
  readonly agreedSha256: string | null;
}

/** Whether the draft agrees to exactly this consent text. */
export const agreesTo = (draft: Pick<Draft, 'agreedSha256'>, consentText: Pick<ConsentTextRef, 'sha256'>): boolean => draft.agreedSha256 !== null && draft.agreedSha256 === consentText.sha256;

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
  agreedSha256: null,
});

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
    // A draft from before agreement was tied to a text (`agreed: true`) agrees to nothing.
    agreedSha256: typeof value.agreedSha256 === 'string' && value.agreedSha256 !== '' ? value.agreedSha256 : null,
  };
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
export const anyUseAllowed = (scopes: Readonly<Record<Scope, Answer>>) => AUDIENCES.some((s) => scopes[s] === true);

export type DisplayProblem = 'mode' | 'name';
export function displayProblem(draft: Draft): DisplayProblem | null {
  if (draft.displayMode === null) return 'mode';
  if (draft.displayMode !== 'anonymous' && draft.displayName.trim() === '') return 'name';
  return null;
}

/**
 * The body of POST /api/submissions; `text` only for a written story (a file goes as multipart).
 * Throws when the draft has not agreed to `consentText`: the receipt must name the text agreed to.
 */
export function toSubmission(draft: Draft, consentText: ConsentTextRef): Submission {
  if (!agreesTo(draft, consentText)) throw new Error('toSubmission: the draft has not agreed to this consent text');
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
