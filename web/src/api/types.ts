/**
 * The API's bodies as the web UI reads them. They restate services/search/search.schema.ts,
 * services/stories/story.schema.ts, services/themes/theme.schema.ts and services/auth/auth.schema.ts
 * (GET /api/openapi.json has them all): the web bundle does not import server code.
 */

export type Kind = 'written' | 'interview';
export type MatchedBy = 'vector' | 'lexical' | 'theme';
export type StaffRole = 'clinician' | 'educator' | 'editor' | 'admin';

export interface StoryCard {
  readonly id: string;
  readonly externalId: string | null;
  readonly title: string;
  readonly language: string;
  readonly kind: Kind;
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

export interface Segment {
  readonly speaker?: string;
  readonly start?: number;
  readonly end?: number;
  readonly text: string;
  /** Where the segment sits in the story's `text`. */
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
  readonly story: StoryCard & { readonly text: string; readonly segments: readonly Segment[] | null; readonly publishedAt: string | null };
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
