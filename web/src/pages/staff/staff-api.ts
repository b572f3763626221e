/**
 * The editors' endpoints, typed as the API sends them. The types restate
 * services/moderation/moderation.schema.ts (GET /api/openapi.json has them as ReviewView,
 * ModerationQueue, RedactionRequest …): the web bundle does not import server code.
 */
import { api } from '../../api/client.js';
import type { DisplayMode, Segment, StoryKind, StoryStatus } from '../../api/types.js';

export { STORY_STATUSES, type StoryStatus } from '../../api/types.js';
/** What the queue shows when no status is asked for (the API's own default). */
export const WAITING_STATUSES: readonly StoryStatus[] = ['submitted', 'in_review', 'awaiting_approval'];

export type PiiCategory = 'national_id' | 'email' | 'phone' | 'address' | 'postcode' | 'person' | 'place';
export type Confidence = 'high' | 'medium' | 'low';
/** "title", "body" (written story) or the index of an interview segment. */
export type StoryPart = 'title' | 'body' | number;

export interface PiiMark {
  readonly start: number;
  readonly end: number;
  readonly category: PiiCategory;
  readonly confidence: Confidence;
  /** Why it was marked (never the marked text). */
  readonly reason: string;
}

export interface ReviewedStory {
  readonly id: string;
  readonly status: StoryStatus;
  readonly source: 'import' | 'contribution';
  readonly kind: StoryKind;
  readonly language: string;
  readonly title: string | null;
  readonly body: string | null;
  readonly segments: readonly Segment[] | null;
  readonly revision: number;
  readonly approvedRevision: number | null;
  readonly indexVersion: number;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly contributorThemes: readonly string[];
  readonly confirmedThemes: readonly string[];
  readonly suggestedThemes: readonly { readonly slug: string; readonly score: number }[];
  readonly rejectionReason: string | null;
  readonly indexError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
}

export interface PseudonymEntry {
  readonly original: string;
  readonly replacement: string;
  readonly category: PiiCategory;
}

export interface ReviewConsent {
  readonly public: boolean;
  readonly clinicians: boolean;
  readonly teaching: boolean;
  readonly research: boolean;
  readonly quote: boolean;
  readonly withdrawnScopes: readonly string[];
  readonly audience: readonly string[];
  readonly displayMode: DisplayMode;
  readonly consentTextVersion: string;
  readonly consentTextSha256: string | null;
  readonly givenAt: string;
}

export interface ReviewView {
  readonly story: ReviewedStory;
  readonly personalData: readonly { readonly part: StoryPart; readonly marks: readonly PiiMark[] }[];
  readonly pseudonyms: readonly PseudonymEntry[];
  readonly revisions: readonly { readonly revision: number; readonly createdAt: string }[];
  /** Null for an imported story (its consent was handled outside Levd). */
  readonly consent: ReviewConsent | null;
}

export type QueueEntry = Pick<
  ReviewedStory,
  'id' | 'status' | 'source' | 'kind' | 'language' | 'title' | 'revision' | 'approvedRevision' | 'createdAt' | 'updatedAt'
>;

export type ReviewAction = 'claim' | 'send_for_approval' | 'publish' | 'reject' | 'unpublish';

export type WireReplacement = { kind: 'label'; category: PiiCategory } | { kind: 'pseudonym'; value?: string } | { kind: 'keep' };
export interface WireDecision {
  start: number;
  end: number;
  category?: PiiCategory;
  replacement: WireReplacement;
}
export interface RedactionRequest {
  revision: number;
  parts: { part: StoryPart; decisions: WireDecision[] }[];
}

export interface Classification {
  themes: string[];
  contentWarnings: string[];
}

const storyPath = (id: string) => `/api/moderation/stories/${encodeURIComponent(id)}`;

export const moderationQueue = (statuses: readonly StoryStatus[], signal?: AbortSignal) =>
  api.get<{ stories: QueueEntry[] }>('/api/moderation/queue', { query: { status: statuses.length > 0 ? statuses : undefined }, ...(signal ? { signal } : {}) });

export const getReview = (id: string, signal?: AbortSignal) => api.get<ReviewView>(storyPath(id), signal ? { signal } : {});

export const actOnReview = (id: string, action: ReviewAction, reason?: string) =>
  api.post<ReviewView>(`${storyPath(id)}/actions`, reason === undefined ? { action } : { action, reason });

export const redactStory = (id: string, request: RedactionRequest) => api.post<ReviewView>(`${storyPath(id)}/redactions`, request);

export const classifyStory = (id: string, classification: Classification) => api.put<ReviewView>(`${storyPath(id)}/classification`, classification);
