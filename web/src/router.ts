import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny router over the History API: one current location, `navigate()` to change it (push,
 * or replace while typing), and same-origin `<a href>` clicks turned into navigations, so pages
 * link with plain anchors. The route table is in routes.ts; matching is in lib/route-match.ts.
 */

export interface AppLocation {
  readonly path: string;
  readonly query: URLSearchParams;
  /** path + query, as it appears after the origin. */
  readonly href: string;
  /** How this location was reached: a new entry, a replaced one, or the back/forward buttons. */
  readonly via: 'load' | 'push' | 'replace' | 'pop';
  /** Where the page was scrolled when this history entry was left (back/forward only); null when unknown. */
  readonly scrollY: number | null;
}

type Listener = (location: AppLocation) => void;
const listeners = new Set<Listener>();

function read(via: AppLocation['via']): AppLocation {
  const { pathname, search } = window.location;
  const saved: unknown = via === 'pop' ? (window.history.state as { scrollY?: unknown } | null)?.scrollY : null;
  return { path: pathname, query: new URLSearchParams(search), href: pathname + search, via, scrollY: typeof saved === 'number' ? saved : null };
}

// The shell restores the scroll position itself once the page has rendered (app.tsx): the
// browser's own restoring runs before that, against a page that is still empty.
if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';

let current: AppLocation = read('load');

function publish(via: AppLocation['via']): void {
  current = read(via);
  for (const listener of listeners) listener(current);
}

window.addEventListener('popstate', () => publish('pop'));

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const target = new URL(href, window.location.href);
  const next = target.pathname + target.search + target.hash;
  if (next === window.location.pathname + window.location.search + window.location.hash && !options.replace) return;
  if (options.replace) window.history.replaceState(null, '', next);
  else {
    // Remember where the entry being left was scrolled, for the back button.
    window.history.replaceState({ ...(window.history.state as object | null), scrollY: window.scrollY }, '');
    window.history.pushState(null, '', next);
  }
  publish(options.replace ? 'replace' : 'push');
}

export function useLocation(): AppLocation {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    listeners.add(setLocation);
    setLocation(current); // a change between render and effect
    return () => {
      listeners.delete(setLocation);
    };
  }, []);
  return location;
}

/**
 * Clicks on same-origin links inside `root` navigate without a page load. Left untouched: modified
 * clicks (new tab), `target`/`download` links, other origins, /api/ and health URLs (real files).
 */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !anchor.href || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin || /^\/(api\/|healthz$|readyz$)/.test(url.pathname)) return;
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return; // in-page anchor
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
