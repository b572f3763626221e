import { Router } from 'express';
import { z } from 'zod';
import { CSRF_HEADER, RECEIPT_CODE_HEADER, SESSION_COOKIE } from './access-control.js';
import { mount } from './mount.js';
import { API, API_ENDPOINTS, API_INFO, ERROR_STATUSES, NAMED_SCHEMAS, RESPONSE_HEADERS, errorBodySchema, type ApiEndpoint } from './api-contract.js';

/**
 * The OpenAPI 3.1 document, generated from the endpoint registry with zod's own JSON Schema
 * output (draft 2020-12, which is OpenAPI 3.1's schema dialect). Parameters are described as
 * a request may send them (`io: 'input'`: defaults make a parameter optional), and so are
 * request bodies; response bodies as the server sends them (`io: 'output'`).
 */

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly description?: string;
  readonly style?: 'simple' | 'form';
  readonly explode?: boolean;
  readonly schema: JsonSchema;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: { readonly schemas: Record<string, JsonSchema>; readonly securitySchemes: typeof SECURITY_SCHEMES };
  readonly tags: readonly { readonly name: string }[];
}

const COMPONENT_PREFIX = '#/components/schemas/';
const JSON_MEDIA = 'application/json';

/** How callers prove who they are (services/http/access-control.ts). */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'A staff session, set by POST /api/session (HttpOnly, SameSite=Strict).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: 'The session\'s csrfToken (from POST or GET /api/session), required with the session cookie on every POST, PUT, PATCH and DELETE.',
  },
  receiptCode: {
    type: 'apiKey',
    in: 'header',
    name: RECEIPT_CODE_HEADER,
    description: 'The receipt code a contributor was given once, when submitting their story.',
  },
} as const;
const STATE_CHANGING: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export interface OpenApiInput {
  readonly endpoints: readonly ApiEndpoint[];
  readonly schemas: Readonly<Record<string, z.ZodType>>;
  readonly info: OpenApiDocument['info'];
}

export function buildOpenApiDocument(input: OpenApiInput = { endpoints: API_ENDPOINTS, schemas: NAMED_SCHEMAS, info: API_INFO }): OpenApiDocument {
  const names = new Map<z.ZodType, string>(Object.entries(input.schemas).map(([name, schema]) => [schema, name]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of input.endpoints) {
    const operations = (paths[endpoint.path] ??= {});
    if (operations[endpoint.method]) throw new Error(`Two endpoints for ${endpoint.method.toUpperCase()} ${endpoint.path} in the API registry`);
    operations[endpoint.method] = operation(endpoint, names);
  }
  const tags = [...new Set(input.endpoints.flatMap((e) => e.tags))].map((name) => ({ name }));
  // A named schema that is a request body is described as a client sends it; every other as the server sends it.
  const bodyNames = new Set(input.endpoints.flatMap((e) => (e.body && names.has(e.body.schema) ? [names.get(e.body.schema)!] : [])));
  const schemas = { ...componentSchemas(pick(input.schemas, (name) => !bodyNames.has(name)), 'output'), ...componentSchemas(pick(input.schemas, (name) => bodyNames.has(name)), 'input') };
  const ordered = Object.fromEntries(Object.keys(input.schemas).map((name) => [name, schemas[name]!]));
  return { openapi: '3.1.0', info: { ...input.info }, paths, components: { schemas: ordered, securitySchemes: SECURITY_SCHEMES }, tags };
}

function pick<T>(record: Readonly<Record<string, T>>, keep: (key: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));
}

function operation(endpoint: ApiEndpoint, names: ReadonlyMap<z.ZodType, string>): Record<string, unknown> {
  const where = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
  const ref = (schema: z.ZodType, status: number) => {
    const name = names.get(schema);
    if (!name) throw new Error(`${where}: the ${status} response schema has no name; add it to NAMED_SCHEMAS in api-contract.ts`);
    return { $ref: COMPONENT_PREFIX + name };
  };
  const headers = Object.fromEntries(
    Object.entries(RESPONSE_HEADERS).map(([name, spec]) => [name, { description: spec.description, required: true, schema: toSchema(spec.schema, 'output') }]),
  );
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(endpoint.responses)) {
    responses[status] = {
      description: spec.description,
      headers,
      content: {
        [JSON_MEDIA]: { schema: ref(spec.schema, Number(status)) },
        ...Object.fromEntries((spec.otherMediaTypes ?? []).map((type) => [type, { schema: { type: 'string' } }])),
      },
      ...(spec.links ? { links: spec.links } : {}),
    };
  }
  for (const status of [...endpoint.errors, 500 as const]) {
    if (responses[status]) throw new Error(`${where}: ${status} is both a response and an error status`);
    responses[status] = { description: ERROR_STATUSES[status], headers, content: { [JSON_MEDIA]: { schema: ref(errorBodySchema, status) } } };
  }
  const pathNames = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const paramNames = Object.keys(endpoint.params?.shape ?? {});
  if (pathNames.join() !== paramNames.join()) {
    throw new Error(`${where}: the path names {${pathNames.join('}, {')}} but the params schema has ${paramNames.join(', ') || 'none'}`);
  }
  const parameters = [
    ...(endpoint.params ? parametersOf(endpoint.params, 'path') : []),
    ...(endpoint.query ? parametersOf(endpoint.query, 'query') : []),
  ].map((p) => withExamples(p, endpoint.examples?.[p.name]));
  for (const name of Object.keys(endpoint.examples ?? {})) {
    if (!parameters.some((p) => p.name === name)) throw new Error(`${where}: examples for ${name}, which is not a parameter`);
  }
  const description = [endpoint.description, accessNote(endpoint)].filter(Boolean).join('\n\n');
  const security = securityOf(endpoint);
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(description ? { description } : {}),
    tags: [...endpoint.tags],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body ? { requestBody: requestBody(endpoint.body, names) } : {}),
    ...(security ? { security } : {}),
    responses,
  };
}

/** A request body as a client sends it (`io: 'input'`): its component when it has a name, else inline. */
function requestBody(body: NonNullable<ApiEndpoint['body']>, names: ReadonlyMap<z.ZodType, string>): Record<string, unknown> {
  const name = names.get(body.schema);
  const schema = name ? { $ref: COMPONENT_PREFIX + name } : toSchema(body.schema, 'input');
  const mediaTypes = body.mediaTypes ?? [JSON_MEDIA];
  return {
    required: true,
    ...(body.description ? { description: body.description } : {}),
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  };
}

/** Public endpoints need nothing; a session's changes also need the CSRF token (both in one requirement: AND). */
function securityOf(endpoint: ApiEndpoint): Array<Record<string, string[]>> | undefined {
  switch (endpoint.access.kind) {
    case 'public':
      return undefined;
    case 'contributor':
      return [{ receiptCode: [] }];
    case 'staff':
      return [STATE_CHANGING.has(endpoint.method) ? { session: [], csrfToken: [] } : { session: [] }];
  }
}

function accessNote(endpoint: ApiEndpoint): string | undefined {
  switch (endpoint.access.kind) {
    case 'public':
      return undefined;
    case 'contributor':
      return `Contributors only: send the story's receipt code in ${RECEIPT_CODE_HEADER}.`;
    case 'staff':
      return `Staff only, signed in as: ${endpoint.access.roles.join(', ')}.`;
  }
}

/**
 * One parameter per field of the object schema's shape. zod keeps `.shape` through
 * `.strict()` and `.refine()`; a rule across fields (a refine) cannot be said per parameter
 * and is left to the 400 the route answers with.
 */
export function parametersOf(schema: z.ZodObject, location: 'path' | 'query'): OpenApiParameter[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = toSchema(field as z.ZodType, 'input');
    const isArray = fieldSchema.type === 'array';
    return {
      name,
      in: location,
      // "May it be left out?" is what parsing nothing says: defaults and preprocessing count.
      required: location === 'path' || !(field as z.ZodType).isOptional(),
      ...(typeof description === 'string' ? { description } : {}),
      // Repeatable query parameters are repeated (`?theme=a&theme=b`), as Express parses them.
      ...(isArray ? { style: 'form' as const, explode: true } : {}),
      schema: fieldSchema,
    };
  });
}

/** Examples go in the parameter's schema (`examples`, JSON Schema's own keyword), as zod's `.meta({ examples })` would put them. */
function withExamples(parameter: OpenApiParameter, examples: readonly unknown[] | undefined): OpenApiParameter {
  return examples ? { ...parameter, schema: { ...parameter.schema, examples: [...examples] } } : parameter;
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return rest;
}

/** Named schemas as components, each referring to the others (of the same pass) by `$ref` where it uses them. */
function componentSchemas(schemas: Readonly<Record<string, z.ZodType>>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: 'draft-2020-12', io, uri: (id) => COMPONENT_PREFIX + id });
  const out: Record<string, JsonSchema> = {};
  for (const [id, json] of Object.entries(generated.schemas)) {
    // A schema reused inside itself would land in zod's `__shared` bucket, which has no place in components.
    if (id === '__shared') throw new Error('A named schema refers to itself: give the repeated part a name in NAMED_SCHEMAS');
    // `$id` would be a bare fragment (invalid as a base URI) and `$schema` is OpenAPI 3.1's default dialect anyway.
    const { $schema: _dialect, $id: _id, ...rest } = json as JsonSchema;
    out[id] = rest;
  }
  return out;
}

/** GET /api/openapi.json, serialised once: the registry does not change while the process runs. */
export function openApiRoutes(document: OpenApiDocument = buildOpenApiDocument()): Router {
  const body = JSON.stringify(document);
  const router = Router();
  mount(router, API.openapi, (_req, res) => {
    res.type(JSON_MEDIA).set('Cache-Control', 'public, max-age=300').send(body);
  });
  return router;
}
