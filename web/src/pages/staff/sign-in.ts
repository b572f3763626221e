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
 * The page to go to after signing in: `next` when it is a path on this site (never another
 * origin: `//evil.example` and `/\evil` are refused), else the role's start page.
 */
export function landingFor(role: StaffRole, next: string | null): string {
  if (next && /^\/(?![/\\])/.test(next) && !next.startsWith('/staff/sign-in')) return next;
  return HOME[role];
}

/** The sign-in URL that brings the user back to `path` afterwards. */
export const signInHref = (path: string): string => `/staff/sign-in?next=${encodeURIComponent(path)}`;

/**
 * The wait the API names in its 429 («… Try again in 15 minute(s).»), to say it in the reader's
 * language; null when the message has none. The client does not pass Retry-After on.
 */
export function retryMinutes(message: string): number | null {
  const match = /(\d+)\s*minute/i.exec(message);
  return match ? Number(match[1]) : null;
}
