import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../../api/client.js';
import { searchStories } from '../../api/endpoints.js';
import type { SearchResponse, SearchResult } from '../../api/types.js';
import { isSearchable, searchKey, toApiQuery, type SearchState } from '../../lib/search-state.js';

/**
 * The search page's results for a state: fetched after `delayMs` (the debounce while typing; 0 for
 * a submit, a chip or the back button), each newer state calling off the older request, and
 * further pages appended with the response's `nextCursor`.
 */

export const PAGE_SIZE = 10;

export interface SearchView {
  readonly status: 'idle' | 'loading' | 'ok' | 'error';
  /** The first page's answer (total, facets, recognised themes); kept while a newer one loads. */
  readonly response: SearchResponse | null;
  readonly results: readonly SearchResult[];
  readonly nextCursor: string | null;
  readonly error: unknown;
  readonly more: { readonly loading: boolean; readonly error: unknown };
}

const IDLE: SearchView = { status: 'idle', response: null, results: [], nextCursor: null, error: null, more: { loading: false, error: null } };

export function useSearch(state: SearchState, delayMs: number) {
  const [view, setView] = useState<SearchView>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<(() => void) | null>(null);
  const moreController = useRef<AbortController | null>(null);
  const key = searchKey(state);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    moreController.current?.abort();
    if (!isSearchable(stateRef.current)) {
      setView(IDLE);
      return;
    }
    const controller = new AbortController();
    const query = toApiQuery(stateRef.current, { limit: PAGE_SIZE });
    setView((v) => ({ ...v, status: 'loading', error: null, more: { loading: false, error: null } }));
    const run = () => {
      pending.current = null;
      searchStories(query, controller.signal).then(
        (response) => setView({ status: 'ok', response, results: response.results, nextCursor: response.nextCursor, error: null, more: { loading: false, error: null } }),
        (error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) setView((v) => ({ ...v, status: 'error', error }));
        },
      );
    };
    const timer = delayMs > 0 ? setTimeout(run, delayMs) : null;
    if (timer === null) run();
    else pending.current = () => {
      clearTimeout(timer);
      run();
    };
    return () => {
      if (timer !== null) clearTimeout(timer);
      pending.current = null;
      controller.abort();
    };
    // `key` is the state as the API sees it; `delayMs` only matters when it changes.
  }, [key, attempt]);

  /** Runs a search waiting for its debounce at once (the user pressed Enter). */
  const now = useCallback(() => pending.current?.(), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(() => {
    const cursor = view.nextCursor;
    if (!cursor || view.more.loading) return;
    const controller = new AbortController();
    moreController.current = controller;
    setView((v) => ({ ...v, more: { loading: true, error: null } }));
    searchStories(toApiQuery(stateRef.current, { limit: PAGE_SIZE, cursor }), controller.signal).then(
      (page) => setView((v) => ({ ...v, results: [...v.results, ...page.results], nextCursor: page.nextCursor, more: { loading: false, error: null } })),
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setView((v) => ({ ...v, more: { loading: false, error } }));
      },
    );
  }, [view.nextCursor, view.more.loading]);

  return { view, now, retry, loadMore };
}
