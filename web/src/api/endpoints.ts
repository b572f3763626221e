import type { ApiQuery } from '../lib/search-state.js';
import { api, rememberSession } from './client.js';
import type { SearchResponse, SessionResponse, SimilarResponse, StoryView, ThemesResponse } from './types.js';

/** The read endpoints the search and story pages use, and the session (whose CSRF token the client keeps). */

const signal = (s?: AbortSignal) => (s ? { signal: s } : {});

export const searchStories = (query: ApiQuery, s?: AbortSignal) => api.get<SearchResponse>('/api/search', { query, ...signal(s) });

export const listThemes = (s?: AbortSignal) => api.get<ThemesResponse>('/api/themes', signal(s));

export const getStory = (id: string, passage: string | null, s?: AbortSignal) =>
  api.get<StoryView>(`/api/stories/${encodeURIComponent(id)}`, { query: { passage }, ...signal(s) });

export const getSimilarStories = (id: string, limit: number, s?: AbortSignal) =>
  api.get<SimilarResponse>(`/api/stories/${encodeURIComponent(id)}/similar`, { query: { limit }, ...signal(s) });

/** Every session answer carries the CSRF token (or null): the client keeps it for later changes. */
const remember = async (request: Promise<SessionResponse>): Promise<SessionResponse> => rememberSession(await request);

export const getSession = () => remember(api.get<SessionResponse>('/api/session'));
export const signIn = (email: string, password: string) => remember(api.post<SessionResponse>('/api/session', { email, password }));
export const signOut = () => remember(api.delete<SessionResponse>('/api/session'));
