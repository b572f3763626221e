/**
 * Matching a URL path against route patterns like `/stories/:id`: pure, so tested directly.
 * A `:name` segment matches one non-empty path segment (decoded); everything else matches exactly.
 * A trailing slash is ignored (`/contribute/` is `/contribute`).
 */

export type Params = Readonly<Record<string, string>>;

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export function matchPath(pattern: string, path: string): Params | null {
  const want = trimSlash(pattern).split('/');
  const got = trimSlash(path).split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i]!;
    if (part.startsWith(':')) {
      if (actual === '') return null;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // a malformed %-escape is no id of ours
      }
    } else if (part !== actual) return null;
  }
  return params;
}

/** The first route whose pattern matches, with its parameters; null when none does (the 404 page). */
export function findRoute<R extends { readonly path: string }>(routes: readonly R[], path: string): { route: R; params: Params } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}
