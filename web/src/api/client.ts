/**
 * The web UI's one way to the API: `fetch` with a time-out, JSON in and out, and every failure
 * turned into an `ApiError` the pages can show (ErrorNotice). Staff changes carry the session's
 * CSRF token by themselves (re-read once when a change is refused as stale); contributor calls pass their receipt code per request (it is never
 * kept here). Types of the bodies live in types.ts; the server is the authority on every rule.
 */

import type { SessionResponse } from './types.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const CSRF_HEADER = 'X-CSRF-Token';
export const RECEIPT_CODE_HEADER = 'X-Receipt-Code';

export type ApiErrorKind =
  /** The API answered with an error body (4xx/5xx). */
  | 'http'
  /** No answer within the time-out. */
  | 'timeout'
  /** No answer at all (offline, connection refused). */
  | 'network'
  /** An answer that is not the JSON the API sends. */
  | 'invalid-response';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** The HTTP status; 0 when there was no answer. */
    readonly status: number,
    message: string,
    /** The API's X-Request-Id, to quote when reporting a problem. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request the caller called off (a newer search, a page left): not an error to show. */
export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Repeated parameters are arrays (`theme: ['a', 'b']` → `?theme=a&theme=b`); empty ones are left out. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON, or as it is when FormData (file uploads). */
  readonly body?: unknown;
  /** Calls the request off (e.g. when the user typed on). */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** A contributor's receipt code, sent in X-Receipt-Code. */
  readonly receiptCode?: string;
}

let csrfToken: string | null = null;
const sessionListeners = new Set<(session: SessionResponse) => void>();

/** Keeps the CSRF token of a session answer (GET/POST/DELETE /api/session) and tells the listeners. */
export function rememberSession(session: SessionResponse): SessionResponse {
  csrfToken = session.csrfToken;
  for (const listener of sessionListeners) listener(session);
  return session;
}

/** Called with every session answer, including the client's own re-reads after a refused change. */
export function onSessionAnswer(listener: (session: SessionResponse) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** The CSRF token being sent (for tests and diagnostics). */
export const currentCsrfToken = () => csrfToken;

export function buildUrl(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.set(name, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Aborts when any of `signals` does, at once if one already has (AbortSignal.any where the browser has it). */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([...signals]);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

const SESSION_PATH = '/api/session';

const abortError = () => new DOMException('The request was called off', 'AbortError');

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    // A change refused with 403 may only carry a stale CSRF token (signed in or out in another tab,
    // or this tab loaded before a sign-in): read the session once and, if the token changed, retry.
    const method = options.method ?? 'GET';
    if (!(error instanceof ApiError && error.status === 403 && method !== 'GET' && path !== SESSION_PATH)) throw error;
    const sent = csrfToken;
    let session: SessionResponse;
    try {
      session = await send<SessionResponse>(SESSION_PATH, { signal: options.signal, timeoutMs: options.timeoutMs });
    } catch (sessionError) {
      if (isAbort(sessionError)) throw sessionError;
      throw error; // the refusal is the more useful thing to show
    }
    rememberSession(session);
    if (session.csrfToken === sent) throw error; // a real refusal (role, rule), not a stale token
    return send<T>(path, options);
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json' });
  let body: FormData | string | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers.set(CSRF_HEADER, csrfToken);
  if (options.receiptCode) headers.set(RECEIPT_CODE_HEADER, options.receiptCode);

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
  // Whatever failed, a caller's abort is an AbortError (not shown) and the time-out a 'timeout',
  // also when either hits while the body is still being read.
  const failure = (otherwise: () => ApiError): unknown => {
    if (options.signal?.aborted) return abortError();
    if (timeout.aborted) return new ApiError('timeout', 0, `No answer from ${path} within ${timeoutMs / 1000} s`);
    return otherwise();
  };
  if (options.signal?.aborted) throw abortError();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, signal, credentials: 'same-origin' });
  } catch (error) {
    throw failure(() => new ApiError('network', 0, error instanceof Error ? error.message : 'The network request failed'));
  }
  return readBody<T>(response, failure);
}

async function readBody<T>(response: Response, failure: (otherwise: () => ApiError) => unknown): Promise<T> {
  const requestId = response.headers.get('X-Request-Id');
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw failure(() => new ApiError('invalid-response', response.status, `The answer (${response.status}) was not JSON`, requestId));
  }
  if (response.ok) return parsed as T;
  const error = errorBodyOf(parsed);
  throw new ApiError('http', response.status, error?.message ?? `HTTP ${response.status}`, error?.requestId ?? requestId);
}

/** The API's `{error: {status, message, requestId}}`, when that is what came. */
function errorBodyOf(body: unknown): { message: string; requestId: string | null } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { message, requestId } = error as { message?: unknown; requestId?: unknown };
  return typeof message === 'string' ? { message, requestId: typeof requestId === 'string' ? requestId : null } : null;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
