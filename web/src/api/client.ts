/**
 * The web UI's one way to the API: `fetch` with a time-out, JSON in and out, and every failure
 * turned into an `ApiError` the pages can show (ErrorNotice). Staff changes carry the session's
 * CSRF token by themselves; contributor calls pass their receipt code per request (it is never
 * kept here). Types of the bodies live in types.ts; the server is the authority on every rule.
 */

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

/** The session's CSRF token (from GET/POST /api/session); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

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

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json' });
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers.set(CSRF_HEADER, csrfToken);
  if (options.receiptCode) headers.set(RECEIPT_CODE_HEADER, options.receiptCode);

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onCallerAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.query), { method, headers, body, signal: timeout.signal, credentials: 'same-origin' });
    } catch (error) {
      if (options.signal?.aborted) throw new DOMException('The request was called off', 'AbortError');
      if (timeout.signal.aborted) throw new ApiError('timeout', 0, `No answer from ${path} within ${(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`);
      throw new ApiError('network', 0, error instanceof Error ? error.message : 'The network request failed');
    }
    return await readBody<T>(response);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function readBody<T>(response: Response): Promise<T> {
  const requestId = response.headers.get('X-Request-Id');
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new ApiError('invalid-response', response.status, `The answer (${response.status}) was not JSON`, requestId);
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
