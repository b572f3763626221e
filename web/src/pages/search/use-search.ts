import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../../api/client.js';
import { searchStories } from '../../api/endpoints.js';
import type { SearchResponse, SearchResult } from '../../api/types.js';
import { isSearchable, searchKey, toApiQuery, type SearchState } from '../../lib/search-state.js';
import { useSession } from '../../session.js';
import { rememberedView, rememberView } from './last-search.js';

/**
 * The search page's results for a state: fetched after `delayMs` (the debounce while typing; 0 for
 * a submit, a chip or the back button), each newer state calling off the older request, and
 * further pages appended with the response's `nextCursor`. The last answer is kept (last-search.ts)
 * and shown at once when the page comes back to the same search.
 */

export const PAGE_SIZE = 10;

export interface SearchView {
  readonly status: 'idle' | 'loading' | 'ok' | 'error';
  /** The search key `response` / `results` / `nextCursor` answer; a newer search's may be loading. */
  readonly key: string | null;
  /** The first page's answer (total, facets, recognised themes); kept while a newer one loads. */
  readonly response: SearchResponse | null;
  readonly results: readonly SearchResult[];
  readonly nextCursor: string | null;
  readonly error: unknown;
  readonly more: { readonly loading: boolean; readonly error: unknown };
}

const IDLE: SearchView = { status: 'idle', key: null, response: null, results: [], nextCursor: null, error: null, more: { loading: false, error: null } };

export function useSearch(state: SearchState, delayMs: number) {
  const { user } = useSession();
  // Results depend on who asks (staff see more): a remembered answer is only reused by its account.
  const account = user?.id ?? 'anonymous';
  const key = searchKey(state);
  const cacheKey = `${account} ${key}`;
  const [view, setView] = useState<SearchView>(() => rememberedView(cacheKey) ?? IDLE);
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<(() => void) | null>(null);
  const moreController = useRef<AbortController | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    moreController.current?.abort();
    if (!isSearchable(stateRef.current)) {
      setView(IDLE);
      return;
    }
    // Came back to the search already on screen (restored from memory): nothing to fetch.
    if (attempt === 0 && viewRef.current.status === 'ok' && viewRef.current.key === key && rememberedView(cacheKey) === viewRef.current) return;
    const controller = new AbortController();
    const query = toApiQuery(stateRef.current, { limit: PAGE_SIZE });
    setView((v) => ({ ...v, status: 'loading', error: null, more: { loading: false, error: null } }));
    const run = () => {
      pending.current = null;
      searchStories(query, controller.signal).then(
        (response) => setView({ status: 'ok', key, response, results: response.results, nextCursor: response.nextCursor, error: null, more: { loading: false, error: null } }),
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
    // `cacheKey` is the state as the API sees it, and who asks; `delayMs` only matters when it changes.
  }, [cacheKey, attempt]);

  useEffect(() => {
    if (view.status === 'ok' && view.key === key) rememberView(cacheKey, view);
  }, [view]);

  /** Runs a search waiting for its debounce at once (the user pressed Enter). */
  const now = useCallback(() => pending.current?.(), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(() => {
    const current = viewRef.current;
    const cursor = current.nextCursor;
    // Only the next page of the answer on screen, and only when no newer search is on its way:
    // the cursor belongs to that answer's query.
    const asked = searchKey(stateRef.current);
    if (!cursor || current.more.loading || current.status !== 'ok' || current.key !== asked) return;
    const controller = new AbortController();
    moreController.current = controller;
    setView((v) => ({ ...v, more: { loading: true, error: null } }));
    searchStories(toApiQuery(stateRef.current, { limit: PAGE_SIZE, cursor }), controller.signal).then(
      (page) => {
        if (searchKey(stateRef.current) !== asked) return; // the search changed meanwhile: not these results
        setView((v) => (v.key === asked ? { ...v, results: [...v.results, ...page.results], nextCursor: page.nextCursor, more: { loading: false, error: null } } : v));
      },
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setView((v) => (v.key === asked ? { ...v, more: { loading: false, error } } : v));
      },
    );
  }, []);

  return { view, now, retry, loadMore };
}
