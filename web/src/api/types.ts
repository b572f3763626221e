/**
 * The API's bodies as the web UI reads them. They restate services/search/search.schema.ts,
 * services/stories/story.schema.ts, services/themes/theme.schema.ts and services/auth/auth.schema.ts
 * (GET /api/openapi.json has them all): the web bundle does not import server code.
 */

/** A story told in writing or as a transcribed interview. */
export const STORY_KINDS = ['written', 'interview'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/** A story's life in the archive (db/migrations: stories.status). */
export const STORY_STATUSES = ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected', 'withdrawn'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** How the teller is named: their name, a pseudonym, or not at all. */
export const DISPLAY_MODES = ['name', 'pseudonym', 'anonymous'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

/** The languages a story may be written in (Bokmål, Nynorsk, English). */
export const STORY_LANGUAGES = ['nb', 'nn', 'en'] as const;
export type StoryLanguage = (typeof STORY_LANGUAGES)[number];

/** Who may read a story (services/consent/audience.ts AUDIENCES). */
export const AUDIENCES = ['public', 'clinicians', 'teaching', 'research'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** The consent choices, in the order forms and texts present them; the first four are audiences. */
export const SCOPES = [...AUDIENCES, 'quote'] as const;
export type Scope = (typeof SCOPES)[number];
export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

export type MatchedBy = 'vector' | 'lexical' | 'theme';
export type StaffRole = 'clinician' | 'educator' | 'editor' | 'admin';

/** The staff areas a role may use (services/http/api-contract.ts access); the UI only picks links and panels by it, the API checks every request. */
export type StaffArea = 'moderation' | 'collections';
export const STAFF_AREAS: Readonly<Record<StaffRole, readonly StaffArea[]>> = {
  clinician: [],
  educator: ['collections'],
  editor: ['moderation'],
  admin: ['moderation', 'collections'],
};
export const mayUse = (role: StaffRole, area: StaffArea): boolean => STAFF_AREAS[role].includes(area);

export interface StoryCard {
  readonly id: string;
  readonly externalId: string | null;
  readonly title: string;
  readonly language: string;
  readonly kind: StoryKind;
  readonly themes: readonly string[];
  readonly contentWarnings: readonly string[];
  /** The name or pseudonym the teller chose; null when anonymous. */
  readonly displayName: string | null;
}

export interface Passage {
  readonly chunkId: string;
  readonly text: string;
  /** [start, end) offsets into `text` of the matching words. */
  readonly highlights: readonly (readonly [number, number])[];
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly matchedBy: readonly MatchedBy[];
}

export interface SearchResult {
  readonly story: StoryCard;
  readonly score: number;
  readonly passages: readonly Passage[];
}

export type Counts = Readonly<Record<string, number>>;

export interface SearchResponse {
  readonly results: readonly SearchResult[];
  readonly facets: { readonly themes: Counts; readonly language: Counts; readonly kind: Counts };
  readonly total: number;
  readonly nextCursor: string | null;
  readonly tookMs: number;
  readonly mode: 'hybrid' | 'vector' | 'lexical';
  readonly recognisedThemes: readonly string[];
  readonly degraded?: readonly ('vector' | 'lexical')[];
}

export interface Theme {
  readonly slug: string;
  readonly labelNb: string;
  readonly labelEn: string;
  readonly descriptionNb: string;
  readonly descriptionEn: string;
  readonly count: number;
}

export interface ThemesResponse {
  readonly themes: readonly Theme[];
}

/** One turn of an interview: who spoke, when (seconds), what was said. */
export interface Segment {
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly text: string;
}

/** A segment of a published story, with where it sits in the story's `text`. */
export interface PlacedSegment extends Segment {
  readonly startChar: number;
  readonly endChar: number;
}

export interface PassageMark {
  readonly chunkId: string;
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
}

export interface StoryView {
  readonly story: StoryCard & { readonly text: string; readonly segments: readonly PlacedSegment[] | null; readonly publishedAt: string | null };
  readonly passages: readonly PassageMark[];
  readonly focus: PassageMark | null;
}

export interface SimilarResponse {
  readonly results: readonly SearchResult[];
}

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

export interface SessionResponse {
  readonly user: SessionUser | null;
  readonly csrfToken: string | null;
}
