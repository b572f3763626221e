import { Router, type CookieOptions, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AuthService } from '../auth/auth.service.js';
import { signInBodySchema, toSessionUser, type SessionResponse } from '../auth/auth.schema.js';
import type { Config } from '../config/config.js';
import { SESSION_COOKIE, readCookie } from './access-control.js';
import { STAFF_API } from './contract/staff.contract.js';
import { HttpError } from './errors.js';
import { mount, mountWithoutCsrf } from './mount.js';

/** The same answer for an unknown e-mail, a wrong password and a disabled account. */
export const WRONG_CREDENTIALS = 'Wrong e-mail or password.';
const WINDOW_MS = 15 * 60_000;
const SIGNED_OUT: SessionResponse = { user: null, csrfToken: null };

/** POST /api/session (sign in), GET /api/session (who am I), DELETE /api/session (sign out). */
export function sessionRoutes(auth: AuthService, settings: Config['auth']): Router {
  const router = Router();
  const cookie = (req: Request): CookieOptions => ({
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: settings.cookieSecure === 'always' || (settings.cookieSecure === 'auto' && req.secure),
  });

  // Per client address (req.ip: trust proxy is set in app.ts); only failures count, so a
  // clinic's staff signing in behind one address are not locked out by each other.
  // One process's memory: with several API processes the limit is per process.
  const signInLimit = rateLimit({
    windowMs: WINDOW_MS,
    limit: settings.signInAttemptsPer15Min,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next) => {
      req.log.warn({ ip: req.ip }, 'sign-in rate limit reached');
      const retryAfter = Number(res.getHeader('Retry-After')) || WINDOW_MS / 1000;
      next(new HttpError(429, `Too many failed sign-ins from this address. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`));
    },
  });

  mountWithoutCsrf(router, STAFF_API.signIn, signInLimit, async (req, res) => {
    // Sign-in has no CSRF token yet: it answers only requests a cross-site form cannot make.
    if (req.get('sec-fetch-site') === 'cross-site') throw new HttpError(403, 'Sign in from Levd\'s own pages.');
    if (!req.is('application/json')) throw new HttpError(415, 'Send the sign-in as JSON (Content-Type: application/json): {"email": …, "password": …}');
    const { email, password } = signInBodySchema.parse(req.body);
    const previous = req.credentials?.session;
    const session = await auth.signIn(email, password);
    if (!session) throw new HttpError(401, WRONG_CREDENTIALS);
    // A new sign-in replaces the browser's old session rather than leaving it alive on the server.
    if (previous) await auth.signOut(previous.token);
    res.cookie(SESSION_COOKIE, session.token, { ...cookie(req), maxAge: settings.sessionTtlHours * 3_600_000 });
    send(res, { user: toSessionUser(session.user), csrfToken: session.csrfToken });
  });

  mount(router, STAFF_API.currentSession, (req, res) => {
    const session = req.credentials?.session;
    // A cookie that names no live session (expired, signed out elsewhere, disabled) is cleared.
    if (!session && readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined) res.clearCookie(SESSION_COOKIE, cookie(req));
    send(res, session ? { user: toSessionUser(session.user), csrfToken: session.csrfToken } : SIGNED_OUT);
  });

  mount(router, STAFF_API.signOut, async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await auth.signOut(token);
    res.clearCookie(SESSION_COOKIE, cookie(req));
    send(res, SIGNED_OUT);
  });
  return router;
}

function send(res: Response, body: SessionResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}
