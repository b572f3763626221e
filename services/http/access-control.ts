import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService, CurrentSession } from '../auth/auth.service.js';
import { sameToken } from '../auth/session-token.js';
import type { Viewer } from '../consent/viewer.js';
import type { ApiEndpoint } from './contract/endpoint.js';
import { HttpError } from './errors.js';

/**
 * Who is asking, and may they. `authenticate` runs once per API request and turns the session
 * cookie into `req.viewer`; `authorize(endpoint)` runs first on every route (services/http/
 * mount.ts puts it there) and enforces the endpoint's declared access and CSRF before the
 * route parses anything, so a caller who may not call a route learns nothing from its
 * validation messages.
 */

export const SESSION_COOKIE = 'levd_session';
export const CSRF_HEADER = 'X-CSRF-Token';
export const RECEIPT_CODE_HEADER = 'X-Receipt-Code';

/** Turns a contributor's receipt code into the story it belongs to (submissions implement it; it may rate-limit by `ip`). */
export interface ReceiptResolver {
  resolve(code: string, ctx: { readonly ip: string }): Promise<{ readonly storyId: string } | undefined>;
}

export interface Contributor {
  readonly storyId: string;
}

/** What `authenticate` found: the live session, if any, and a way to check a receipt code when a route needs one. */
export interface Credentials {
  readonly session?: CurrentSession & { readonly token: string };
  readonly resolveReceiptCode: (code: string) => Promise<Contributor | undefined>;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate`; read it through `viewerOf(req)` (services/http/viewer.ts). */
    viewer?: Viewer;
    /** Set by `authorize` on contributor endpoints: the story whose receipt code came with the request. */
    contributor?: Contributor;
    credentials?: Credentials;
  }
}

const STATE_CHANGING = new Set<ApiEndpoint['method']>(['post', 'put', 'patch', 'delete']);

/** The value of one cookie in a Cookie header (ours are base64url, so no decoding is needed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

export interface AuthenticateDeps {
  readonly auth: AuthService;
  /** Absent until submissions exist: every contributor endpoint then answers 401. */
  readonly receipts?: ReceiptResolver;
}

export function authenticate(deps: AuthenticateDeps): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await deps.auth.sessionFor(token) : undefined;
    req.viewer = session ? { role: session.user.role, userId: session.user.id } : undefined;
    req.credentials = {
      ...(session && token ? { session: { ...session, token } } : {}),
      resolveReceiptCode: async (code) => deps.receipts?.resolve(code, { ip: req.ip ?? '' }),
    };
    next();
  };
}

export interface AuthorizeOptions {
  /** Sign-in only: there is no session yet to protect, and it accepts JSON alone (which a cross-site form cannot send). */
  readonly csrf?: 'exempt';
}

export function authorize(endpoint: ApiEndpoint, options: AuthorizeOptions = {}): RequestHandler {
  const { access } = endpoint;
  const needsCsrf = STATE_CHANGING.has(endpoint.method) && options.csrf !== 'exempt';
  return async (req: Request, _res: Response, next: NextFunction) => {
    const session = req.credentials?.session;
    // A cookie that names no live session carries no authority, so only a live one needs the token.
    if (needsCsrf && session) {
      const sent = req.get(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrfToken)) {
        throw new HttpError(403, `${sent ? 'Wrong' : 'Missing'} ${CSRF_HEADER} header: changes made while signed in must send the csrfToken from GET /api/session.`);
      }
    }
    switch (access.kind) {
      case 'public':
        break;
      case 'staff':
        if (!session) throw new HttpError(401, 'Sign in first: this needs a staff account (POST /api/session).');
        if (!access.roles.includes(session.user.role)) {
          throw new HttpError(403, `Your role (${session.user.role}) may not do this; it needs ${access.roles.join(' or ')}.`);
        }
        break;
      case 'contributor': {
        const code = req.get(RECEIPT_CODE_HEADER);
        if (!code) throw new HttpError(401, `This needs your receipt code in the ${RECEIPT_CODE_HEADER} header.`);
        const contributor = await req.credentials?.resolveReceiptCode(code);
        if (!contributor) throw new HttpError(401, 'This receipt code does not open any story.');
        req.contributor = contributor;
        break;
      }
    }
    next();
  };
}
