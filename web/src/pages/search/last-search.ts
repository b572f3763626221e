/**
 * The search the reader last had on screen, so the story page's «Back to search» returns to it
 * (query, themes, filters) rather than to an empty page. Kept for this visit only.
 */

let last = '/';

export function rememberSearch(href: string): void {
  last = href;
}

export const lastSearchHref = () => last;
