/**
 * The collection endpoints (services/http/contract/collection.contract.ts), typed as the API
 * sends them. The types restate services/collections/collection.schema.ts (GET /api/openapi.json
 * has them as CollectionSummary, CollectionView, CollectionItem): the web bundle does not import
 * server code. Changes carry the CSRF token by themselves (api/client.ts).
 */
import { api, buildUrl } from './client.js';

export interface CollectionSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Items whose stories still allow teaching (others are hidden, not counted). */
  readonly itemCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CollectionItem {
  readonly id: string;
  readonly storyId: string;
  readonly storyTitle: string;
  /** The name the teller's consent allows; null when anonymous. */
  readonly displayName: string | null;
  readonly themes: readonly string[];
  readonly startChar: number;
  readonly endChar: number;
  /** The passage as the story reads now (also when it may not be quoted: the handout leaves it out then). */
  readonly text: string;
  readonly quoteAllowed: boolean;
  /** The story was edited after the passage was chosen: the handout quotes nothing. */
  readonly storyRevised: boolean;
  readonly note: string;
  readonly position: number;
}

export interface CollectionView extends CollectionSummary {
  readonly items: readonly CollectionItem[];
}

export interface NewCollection {
  readonly title: string;
  readonly description?: string;
}

export interface NewItem {
  readonly storyId: string;
  readonly startChar: number;
  readonly endChar: number;
  readonly note?: string;
}

export type HandoutFormat = 'md' | 'html';

/**
 * The limits the API checks (collection.schema.ts). The UI uses them for `maxLength` hints, and
 * `items` to say why an add was refused: a 409 is a full collection or a story without teaching consent.
 */
export const LIMITS = { title: 200, description: 2_000, note: 2_000, items: 200 } as const;

const base = '/api/collections';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const item = (id: string, itemId: string) => `${one(id)}/items/${encodeURIComponent(itemId)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listCollections = (signal?: AbortSignal) => api.get<{ collections: CollectionSummary[] }>(base, withSignal(signal));
export const createCollection = (input: NewCollection) => api.post<CollectionView>(base, input);
export const getCollection = (id: string, signal?: AbortSignal) => api.get<CollectionView>(one(id), withSignal(signal));
export const updateCollection = (id: string, patch: { title?: string; description?: string }) => api.patch<CollectionView>(one(id), patch);
export const deleteCollection = (id: string) => api.delete<{ deleted: string }>(one(id));
export const addItem = (id: string, input: NewItem) => api.post<CollectionView>(`${one(id)}/items`, input);
export const updateItemNote = (id: string, itemId: string, note: string) => api.patch<CollectionView>(item(id, itemId), { note });
export const removeItem = (id: string, itemId: string) => api.delete<CollectionView>(item(id, itemId));
export const reorderItems = (id: string, itemIds: readonly string[]) => api.put<CollectionView>(`${one(id)}/order`, { itemIds });

/** The handout file's URL: a plain download link (the session cookie goes with it; a GET needs no CSRF token). */
export const handoutUrl = (id: string, format: HandoutFormat, lang: string) => buildUrl(`${one(id)}/handout`, { format, lang });
