import { z } from 'zod';
import type { Readiness } from '../health/readiness.js';
import { passageSchema, searchQuerySchema, searchResponseSchema, searchResultSchema, storyCardSchema } from '../search/search.schema.js';
import { similarQuerySchema, similarResponseSchema, storyParamsSchema, storyQuerySchema, storyViewSchema } from '../stories/story.schema.js';
import { themesResponseSchema, themeViewSchema } from '../themes/theme.schema.js';
import { endpoint, PUBLIC, type ApiEndpoint } from './contract/endpoint.js';
import { CONSENT_TEXT_API, consentTextViewSchema } from './contract/consent.contract.js';
import { CONTRIBUTION_API, CONTRIBUTION_SCHEMAS } from './contract/contribution.contract.js';
import { COLLECTION_API, COLLECTION_SCHEMAS } from './contract/collection.contract.js';
import { MODERATION_API, MODERATION_SCHEMAS } from './contract/moderation.contract.js';
import { STAFF_API, STAFF_SCHEMAS } from './contract/staff.contract.js';
import type { ErrorBody } from './errors.js';

export * from './contract/endpoint.js';

/**
 * The HTTP API as data: every endpoint with its path, its zod schemas for path parameters,
 * query and each response. The route handlers parse requests with these very schemas and the
 * OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.
 */

export const API_INFO = {
  title: 'Levd API',
  /** The contract's own version: bump it when a request or response changes shape. */
  version: '0.1.0',
  description:
    'Search and read consented lived-experience stories from mental health and substance-use recovery. ' +
    'What a caller sees is limited to what each story\'s teller consented to and the caller\'s role (staff sign in with a session cookie). ' +
    'Contributors need no account: the receipt code given at submission opens their own story.',
} as const;

// --- Bodies that have no schema module of their own -------------------------------------------

/** What services/http/errors.ts sends for every 4xx/5xx. */
export const errorBodySchema = z.object({
  error: z.object({
    status: z.number().int().min(400).max(599),
    /** Says what is wrong; for bad input it names the parameter (`limit: must be at most 50`). */
    message: z.string(),
    /** Also sent as the X-Request-Id header; quote it when reporting a problem. */
    requestId: z.string(),
  }),
});

export const healthBodySchema = z.object({ status: z.literal('ok') });

export const componentStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({ state: z.literal('starting'), detail: z.string().optional() }),
  z.object({ state: z.literal('failed'), error: z.string() }),
]);

/** /readyz answers with this body both when ready (200) and when not (503). */
export const readinessBodySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  ready: z.boolean(),
  components: z.object({
    database: componentStateSchema,
    queue: componentStateSchema,
    lexical: componentStateSchema,
    model: componentStateSchema,
  }),
});

/** Only the document's frame is checked here; its contents are OpenAPI's own schema's business. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

// The bodies above restate types other modules own; these fail to compile if either side drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorBodyMatches: Same<z.infer<typeof errorBodySchema>, ErrorBody> = true;
const readinessMatches: Same<Omit<z.infer<typeof readinessBodySchema>, 'status'>, Readiness> = true;
void errorBodyMatches;
void readinessMatches;

/**
 * Schemas that appear in the document under these names (components/schemas), referenced
 * wherever they are used. Every response body must be one of them.
 */
export const NAMED_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ErrorBody: errorBodySchema,
  Health: healthBodySchema,
  Readiness: readinessBodySchema,
  ComponentState: componentStateSchema,
  OpenApiDocument: openApiDocumentSchema,
  StoryCard: storyCardSchema,
  Passage: passageSchema,
  SearchResult: searchResultSchema,
  SearchResponse: searchResponseSchema,
  Theme: themeViewSchema,
  ThemesResponse: themesResponseSchema,
  StoryView: storyViewSchema,
  SimilarResponse: similarResponseSchema,
  ...STAFF_SCHEMAS,
  ConsentTextView: consentTextViewSchema,
  ...CONTRIBUTION_SCHEMAS,
  ...MODERATION_SCHEMAS,
  ...COLLECTION_SCHEMAS,
};

/** Headers every response carries (services/http/request-context.ts sets it before any route runs). */
export const RESPONSE_HEADERS: Readonly<Record<string, { readonly description: string; readonly schema: z.ZodType }>> = {
  'X-Request-Id': {
    description: 'The request\'s id: the caller\'s own X-Request-Id when it is 8–64 of [A-Za-z0-9._-], else a new UUID. Quote it when reporting a problem.',
    schema: z.string().min(1).max(64),
  },
};

// --- Endpoints --------------------------------------------------------------------------------
// The endpoint type, access rules and error statuses live in contract/endpoint.ts; each area
// of the API keeps its endpoints in its own contract module and they are gathered here.

export const API = {
  healthz: endpoint({
    operationId: 'getHealth',
    method: 'get',
    access: PUBLIC,
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['health'],
    responses: { 200: { description: 'The process is up.', schema: healthBodySchema } },
    errors: [],
  }),
  readyz: endpoint({
    operationId: 'getReadiness',
    method: 'get',
    access: PUBLIC,
    path: '/readyz',
    summary: 'Readiness of each component (database, queue, lexical engine, model)',
    tags: ['health'],
    responses: {
      200: { description: 'Every component is ready.', schema: readinessBodySchema },
      503: { description: 'At least one component is starting or has failed; each is named with its state.', schema: readinessBodySchema },
    },
    errors: [],
  }),
  search: endpoint({
    operationId: 'searchStories',
    method: 'get',
    access: PUBLIC,
    path: '/api/search',
    summary: 'Search passages by free text and/or theme; results grouped by story',
    description:
      'Hybrid semantic + lexical search across every language of the archive, limited to what the caller may see. ' +
      'Give `q`, `theme`, or both. Repeatable parameters are repeated: `?theme=tvang&theme=rusfrihet`.',
    tags: ['search'],
    query: searchQuerySchema,
    examples: {
      q: ['tvangsinnleggelse', 'forced admission', 'hvordan bli rusfri uten medisiner'],
      theme: [['tvang'], ['medisinfri-behandling', 'rusfrihet']],
      lang: ['nb', 'en'],
      limit: [5],
    },
    responses: {
      200: {
        description: 'A page of stories with their best passages, facets and the next cursor.',
        schema: searchResponseSchema,
        links: {
          story: {
            operationId: 'getStory',
            description: 'The first result\'s story, scrolled to its best passage.',
            parameters: { id: '$response.body#/results/0/story/id', passage: '$response.body#/results/0/passages/0/chunkId' },
          },
          similar: {
            operationId: 'getSimilarStories',
            description: 'Stories related to the first result.',
            parameters: { id: '$response.body#/results/0/story/id' },
          },
        },
      },
    },
    errors: [400, 503],
  }),
  themes: endpoint({
    operationId: 'listThemes',
    method: 'get',
    access: PUBLIC,
    path: '/api/themes',
    summary: 'The theme taxonomy with Bokmål and English labels and the stories the caller may see',
    tags: ['themes'],
    responses: { 200: { description: 'Every theme, with counts visible to the caller.', schema: themesResponseSchema } },
    errors: [],
  }),
  story: endpoint({
    operationId: 'getStory',
    method: 'get',
    access: PUBLIC,
    path: '/api/stories/{id}',
    summary: 'A story in full, as far as its consent lets the caller see it',
    tags: ['stories'],
    params: storyParamsSchema,
    query: storyQuerySchema,
    responses: { 200: { description: 'The story, its passages, and the passage asked for.', schema: storyViewSchema } },
    errors: [400, 404],
  }),
  similarStories: endpoint({
    operationId: 'getSimilarStories',
    method: 'get',
    access: PUBLIC,
    path: '/api/stories/{id}/similar',
    summary: 'Stories related to this one',
    tags: ['stories'],
    params: storyParamsSchema,
    query: similarQuerySchema,
    responses: {
      200: {
        description: 'Related stories, best first, with the passages that relate them.',
        schema: similarResponseSchema,
        links: {
          story: {
            operationId: 'getStory',
            description: 'The first related story, scrolled to the passage that relates it.',
            parameters: { id: '$response.body#/results/0/story/id', passage: '$response.body#/results/0/passages/0/chunkId' },
          },
        },
      },
    },
    errors: [400, 404],
  }),
  openapi: endpoint({
    operationId: 'getOpenApiDocument',
    method: 'get',
    access: PUBLIC,
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['meta'],
    responses: { 200: { description: 'The OpenAPI 3.1 document, generated from the schemas the routes parse with.', schema: openApiDocumentSchema } },
    errors: [],
  }),
  ...STAFF_API,
  ...CONSENT_TEXT_API,
  ...CONTRIBUTION_API,
  ...MODERATION_API,
  ...COLLECTION_API,
} as const satisfies Record<string, ApiEndpoint>;

export const API_ENDPOINTS: readonly ApiEndpoint[] = Object.values(API);
