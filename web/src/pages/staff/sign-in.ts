import type { StaffRole } from '../../api/types.js';

/** Where a sign-in leads, pure so it is easy to test. */

/** Each role's own start page when the user did not come from somewhere. */
const HOME: Readonly<Record<StaffRole, string>> = {
  editor: '/staff/moderation',
  admin: '/staff/moderation',
  educator: '/staff/collections',
  clinician: '/',
};

/**
 * The page to go to after signing in: `next` when it is a page of this site (never another origin,
 * nor the sign-in page itself), else the role's start page. `next` is judged as the browser will
 * read it, parsed against `origin`: a pattern on the raw string misses what the URL parser strips
 * or folds (`/<tab>/evil.example` is `//evil.example`, `/\evil` is `//evil`). Only the path, query and
 * fragment are returned, so what is followed is same-origin by construction.
 */
export function landingFor(role: StaffRole, next: string | null, origin: string): string {
  const url = next ? sameOriginUrl(next, origin) : null;
  if (url && !url.pathname.startsWith('/staff/sign-in')) return url.pathname + url.search + url.hash;
  return HOME[role];
}

function sameOriginUrl(next: string, origin: string): URL | null {
  // Only site-relative paths: an absolute URL to this origin is allowed by the rule but no link here makes one.
  if (!next.startsWith('/')) return null;
  try {
    const url = new URL(next, origin);
    return url.origin === new URL(origin).origin ? url : null;
  } catch {
    return null;
  }
}

/** The sign-in URL that brings the user back to `path` afterwards. */
export const signInHref = (path: string): string => `/staff/sign-in?next=${encodeURIComponent(path)}`;

/**
 * How many minutes to wait after a 429, to say it in the reader's language: from the Retry-After
 * header's seconds when the client passed them on, else from the wait the API names in its message
 * («… Try again in 15 minute(s).»); null when neither says.
 */
export function retryMinutes(retryAfterSeconds: number | null | undefined, message: string): number | null {
  if (typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) return Math.ceil(retryAfterSeconds / 60);
  const match = /(\d+)\s*minute/i.exec(message);
  return match ? Number(match[1]) : null;
}
