import type { SearchView } from './use-search.js';

/**
 * The search the reader last had on screen, kept for this visit only:
 * - its URL, so the story page's «Back to search» returns to it (query, themes, filters) rather
 *   than to an empty page;
 * - its answer, so coming back (back button or that link) shows the same results at once, and the
 *   shell can restore the scroll position against them instead of an empty list. The answer is
 *   tied to the account that saw it: another account's visit fetches afresh.
 */

let last = '/';
let lastView: { readonly key: string; readonly view: SearchView } | null = null;

export function rememberSearch(href: string): void {
  last = href;
}

export const lastSearchHref = () => last;

/** `key`: the search key and the account (see use-search.ts). */
export function rememberView(key: string, view: SearchView): void {
  lastView = { key, view };
}

export const rememberedView = (key: string): SearchView | null => (lastView?.key === key ? lastView.view : null);
