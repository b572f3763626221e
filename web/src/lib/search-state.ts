/**
 * The search page's whole state, and its two spellings: the page URL (`/?q=&theme=&lang=&kind=&hide=`,
 * shareable, what the back button restores) and the query of `GET /api/search`. Pure functions, so
 * the codec is tested directly (test/unit/web-search-state.test.ts).
 */

import { STORY_KINDS, type StoryKind } from '../api/types.js';

export interface SearchState {
  /** As typed (spaces kept, so typing a space is not undone); normalised only for the API. */
  readonly q: string;
  readonly themes: readonly string[];
  readonly lang: string | null;
  readonly kind: StoryKind | null;
  /** Content warnings whose stories are left out. */
  readonly hide: readonly string[];
}

export const EMPTY_SEARCH: SearchState = { q: '', themes: [], lang: null, kind: null, hide: [] };

// The shapes the API accepts (services/search/search.schema.ts); anything else in a URL is dropped
// here rather than sent, so a mistyped link shows a search instead of an error.
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}$/;
const MAX_REPEATED = 20;

const unique = (values: readonly string[]) => [...new Set(values)].slice(0, MAX_REPEATED);
const isKind = (value: string | null): value is StoryKind => (STORY_KINDS as readonly string[]).includes(value ?? '');

export function parseSearchParams(params: URLSearchParams): SearchState {
  const lang = params.get('lang');
  const kind = params.get('kind');
  return {
    q: params.get('q') ?? '',
    themes: unique(params.getAll('theme').filter((t) => SLUG.test(t))),
    lang: lang !== null && LANG.test(lang) ? lang : null,
    kind: isKind(kind) ? kind : null,
    hide: unique(params.getAll('hide').map((w) => w.trim()).filter((w) => w !== '' && w.length <= 100)),
  };
}

/** The canonical URL query: fixed order, empty parts left out (so equal states give equal URLs). */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  for (const theme of state.themes) params.append('theme', theme);
  if (state.lang) params.set('lang', state.lang);
  if (state.kind) params.set('kind', state.kind);
  for (const warning of state.hide) params.append('hide', warning);
  return params;
}

export function searchUrl(state: SearchState): string {
  const query = toSearchParams(state).toString();
  return query === '' ? '/' : `/?${query}`;
}

/** The free text as the API reads it: whitespace runs collapsed, ends trimmed. */
export const normaliseQuery = (q: string) => q.replace(/\s+/g, ' ').trim();

/** The API needs words or a theme; without either the page shows its start view instead. */
export const isSearchable = (state: SearchState) => normaliseQuery(state.q) !== '' || state.themes.length > 0;

export type ApiQuery = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The `GET /api/search` query for this state (and page cursor). */
export function toApiQuery(state: SearchState, options: { cursor?: string | null; limit?: number } = {}): ApiQuery {
  return {
    q: normaliseQuery(state.q) || undefined,
    theme: state.themes,
    lang: state.lang ?? undefined,
    kind: state.kind ?? undefined,
    excludeWarnings: state.hide,
    limit: options.limit,
    cursor: options.cursor ?? undefined,
  };
}

/** A key that changes exactly when the API's answer could: typing a trailing space does not refetch. */
export const searchKey = (state: SearchState) => toSearchParams({ ...state, q: normaliseQuery(state.q) }).toString();

/** Adds the value when absent, removes it when present. */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
