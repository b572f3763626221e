import type { z } from 'zod';
import type { StaffRole } from '../../consent/viewer.js';

/**
 * What one HTTP endpoint is, as data: path, who may call it, the zod schemas of its
 * parameters, body and responses. Routes parse with these schemas and take their paths from
 * them; the OpenAPI document is generated from them; the access test walks every endpoint
 * with every role. One declaration, three uses, no drift.
 */

/** Error statuses an endpoint can answer with on purpose; every endpoint also documents 500. */
export const ERROR_STATUSES = {
  400: 'Bad input: the message names the parameter and says what is wrong.',
  401: 'Not signed in (staff endpoints), or no valid receipt code (contributor endpoints).',
  403: 'Signed in, but this role may not do this; or a form post without its CSRF token.',
  404: 'No such story, or not one the caller may see.',
  409: 'The request conflicts with the current state (e.g. publishing a story not yet approved by its contributor).',
  413: 'The upload or text is too large; the message gives the limit.',
  415: 'The file or body type is not accepted; the message lists the ones that are.',
  429: 'Too many requests from this address; the Retry-After header says when to try again.',
  500: 'Something failed on the server; the message holds only a request id to quote.',
  503: 'No engine could answer the query.',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Who may call an endpoint. `public`: anyone, anonymous included (what they see still
 * depends on their role). `contributor`: whoever holds the story's receipt code (sent in the
 * `X-Receipt-Code` header; no account). `staff`: a signed-in account with one of these roles.
 */
export type Access =
  | { readonly kind: 'public' }
  | { readonly kind: 'contributor' }
  | { readonly kind: 'staff'; readonly roles: readonly StaffRole[] };

export const PUBLIC: Access = { kind: 'public' };
export const CONTRIBUTOR: Access = { kind: 'contributor' };
export function staffOnly(...roles: StaffRole[]): Access {
  return { kind: 'staff', roles };
}

/** An OpenAPI link: how a value in this response feeds a parameter of another operation. */
export interface LinkSpec {
  readonly operationId: string;
  readonly description: string;
  /** Parameter name → runtime expression, e.g. `$response.body#/results/0/story/id`. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface ResponseSpec {
  readonly description: string;
  readonly schema: z.ZodType;
  readonly links?: Readonly<Record<string, LinkSpec>>;
  /** Media types the same response may also come in, as text (a file to download), besides JSON in `schema`. */
  readonly otherMediaTypes?: readonly ('text/markdown' | 'text/html')[];
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A request body: its schema and the media types it may come in (JSON unless said). */
export interface BodySpec {
  readonly schema: z.ZodType;
  readonly mediaTypes?: readonly ('application/json' | 'multipart/form-data')[];
  readonly description?: string;
}

export interface ApiEndpoint {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI form: `/api/stories/{id}`. */
  readonly path: string;
  /** The same path as Express routes it: `/api/stories/:id`. */
  readonly expressPath: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: BodySpec;
  /**
   * Example values per parameter, as a client sends them (repeatable ones as arrays). They show
   * readers a realistic request and give schemathesis requests that reach a real answer.
   */
  readonly examples?: Readonly<Record<string, readonly unknown[]>>;
  /** Successful (and other non-error) responses by status. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Error statuses answered with an ErrorBody, besides 500 which every endpoint may answer. */
  readonly errors: readonly ErrorStatus[];
}

/** Where the API routers are mounted (services/http/app.ts); health checks live outside it. */
export const API_BASE = '/api';

/** `/api/stories/{id}` → `/api/stories/:id`. */
export function toExpressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}

export function endpoint(spec: Omit<ApiEndpoint, 'expressPath'>): ApiEndpoint {
  return { ...spec, expressPath: toExpressPath(spec.path) };
}
