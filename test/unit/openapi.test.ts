import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API, API_BASE, API_ENDPOINTS, API_INFO, NAMED_SCHEMAS, errorBodySchema, toExpressPath, type ApiEndpoint } from '../../services/http/api-contract.js';
import { buildOpenApiDocument, openApiRoutes, type JsonSchema, type OpenApiParameter } from '../../services/http/openapi.js';

const doc = buildOpenApiDocument();

interface Operation {
  operationId: string;
  parameters?: OpenApiParameter[];
  responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
}
const operationOf = (endpoint: ApiEndpoint) => doc.paths[endpoint.path]?.[endpoint.method] as Operation;

/** Every `$ref` anywhere in `node`, with where it was found. */
function refsIn(node: unknown, at = '#'): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((item, i) => refsIn(item, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [[at, value] as [string, string]] : refsIn(value, `${at}/${key}`),
  );
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined), root);
}

/** Ajv for OpenAPI 3.1's dialect; strict, so an unknown keyword or a bad pattern fails to compile. */
function schemaCompiler() {
  const ajv = new Ajv2020({ strict: true, validateFormats: false });
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // Component refs are document-relative; give each component an id of its own and point refs at it.
  const rebase = (schema: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:levd:component:'));
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(rebase(schema), `urn:levd:component:${name}`);
  return { compile: (schema: JsonSchema) => ajv.compile(rebase(schema)) };
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.info).toEqual({ ...API_INFO });
  });

  it('has exactly the registry endpoints, each once with a unique operationId', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    const ids = API_ENDPOINTS.map((e) => operationOf(e).operationId);
    expect(new Set(ids).size).toBe(API_ENDPOINTS.length);
    expect(ids).toEqual(API_ENDPOINTS.map((e) => e.operationId));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/search', '/api/themes', '/api/stories/{id}', '/api/stories/{id}/similar', '/api/openapi.json']),
    );
  });

  it('resolves every $ref inside the document', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const [at, ref] of refs) {
      expect(resolvePointer(doc, ref), `${ref} at ${at}`).toBeTypeOf('object');
    }
    // Nothing named is left unused, nothing used is left unnamed.
    const used = new Set(refs.map(([, ref]) => ref.replace('#/components/schemas/', '')));
    expect([...used].sort()).toEqual(Object.keys(NAMED_SCHEMAS).sort());
  });

  it('holds JSON Schemas that compile in draft 2020-12, strict', () => {
    const { compile } = schemaCompiler();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(() => compile(schema), name).not.toThrow();
    }
    for (const endpoint of API_ENDPOINTS) {
      for (const parameter of operationOf(endpoint).parameters ?? []) {
        expect(() => compile(parameter.schema), `${endpoint.path} ${parameter.name}`).not.toThrow();
      }
    }
  });

  it('documents each response with its zod schema, as the server sends it', () => {
    for (const endpoint of API_ENDPOINTS) {
      const responses = operationOf(endpoint).responses;
      for (const [status, spec] of Object.entries(endpoint.responses)) {
        const ref = responses[status]!.content['application/json']!.schema.$ref;
        const name = ref.replace('#/components/schemas/', '');
        expect(NAMED_SCHEMAS[name], `${endpoint.path} ${status}`).toBe(spec.schema);
      }
    }
    const { $schema: _s, ...searchResponse } = z.toJSONSchema(API.search.responses[200]!.schema, { io: 'output' }) as JsonSchema;
    // The component differs only where it refers to other components instead of repeating them.
    expect(JSON.stringify(doc.components.schemas.SearchResponse).length).toBeLessThan(JSON.stringify(searchResponse).length);
    expect(Object.keys(doc.components.schemas.SearchResponse!.properties as object)).toEqual(Object.keys(searchResponse.properties as object));
  });

  it('documents the error body on every endpoint: 500 everywhere, and 400/404/503 where the endpoint answers them', () => {
    const errorStatuses = (endpoint: ApiEndpoint) =>
      Object.entries(operationOf(endpoint).responses)
        .filter(([, r]) => r.content['application/json']!.schema.$ref === '#/components/schemas/ErrorBody')
        .map(([status]) => status)
        .sort();
    expect(errorStatuses(API.search)).toEqual(['400', '500', '503']);
    expect(errorStatuses(API.story)).toEqual(['400', '404', '500']);
    expect(errorStatuses(API.similarStories)).toEqual(['400', '404', '500']);
    for (const endpoint of [API.healthz, API.readyz, API.themes, API.openapi]) expect(errorStatuses(endpoint)).toEqual(['500']);
    expect(Object.keys(operationOf(API.readyz).responses).sort()).toEqual(['200', '500', '503']);
    expect(operationOf(API.readyz).responses['503']!.content['application/json']!.schema.$ref).toBe('#/components/schemas/Readiness');

    const errorSchema = schemaCompiler().compile(doc.components.schemas.ErrorBody!);
    const sent = { error: { status: 400, message: 'limit: must be at most 50', requestId: 'trace-12345678' } };
    expect(errorBodySchema.parse(sent)).toEqual(sent);
    expect(errorSchema(sent)).toBe(true);
    expect(errorSchema({ error: { status: 400, message: 'x' } })).toBe(false);
  });

  it('documents the X-Request-Id header on every response', () => {
    let responses = 0;
    for (const endpoint of API_ENDPOINTS) {
      for (const [status, response] of Object.entries(operationOf(endpoint).responses) as Array<[string, { headers?: Record<string, unknown> }]>) {
        expect(response.headers?.['X-Request-Id'], `${endpoint.path} ${status}`).toMatchObject({ required: true, schema: { type: 'string' } });
        responses++;
      }
    }
    expect(responses).toBeGreaterThan(API_ENDPOINTS.length);
  });
});

describe('parameters, from the zod shapes', () => {
  const withParameters = API_ENDPOINTS.filter((e) => e.params || e.query);

  it.each(withParameters.map((e) => [e.path, e] as const))('%s: one parameter per field, in order, with its description', (_path, endpoint) => {
    const parameters = operationOf(endpoint).parameters!;
    const expected = [
      ...Object.entries(endpoint.params?.shape ?? {}).map(([name, field]) => ({ name, in: 'path', field: field as z.ZodType })),
      ...Object.entries(endpoint.query?.shape ?? {}).map(([name, field]) => ({ name, in: 'query', field: field as z.ZodType })),
    ];
    expect(parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expected.map((e) => `${e.in}:${e.name}`));
    for (const [i, { field }] of expected.entries()) {
      const parameter = parameters[i]!;
      expect(parameter.required, parameter.name).toBe(parameter.in === 'path' || !field.isOptional());
      expect(parameter.description, parameter.name).toBe(field.description);
      const repeatable = parameter.schema.type === 'array';
      expect([parameter.style, parameter.explode], parameter.name).toEqual(repeatable ? ['form', true] : [undefined, undefined]);
    }
  });

  it('reads the search query through .strict() and .refine(): every field, all optional, repeatable ones as arrays', () => {
    const parameters = operationOf(API.search).parameters!;
    expect(parameters.map((p) => p.name)).toEqual(['q', 'theme', 'lang', 'kind', 'excludeWarnings', 'limit', 'cursor', 'mode']);
    expect(parameters.every((p) => p.in === 'query' && !p.required)).toBe(true);
    const byName = Object.fromEntries(parameters.map((p) => [p.name, p]));
    expect(byName.q!.description).toMatch(/Free text/);
    expect(byName.q!.schema).toMatchObject({ type: 'string', maxLength: 500 });
    expect(byName.theme!.schema).toMatchObject({ type: 'array', maxItems: 20, items: { type: 'string' } });
    expect(byName.excludeWarnings).toMatchObject({ style: 'form', explode: true });
    expect(byName.limit!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(byName.mode!.schema).toMatchObject({ enum: ['hybrid', 'vector', 'lexical'], default: 'hybrid' });
    expect(operationOf(API.story).parameters![0]).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  });

  // The JSON Schema a client reads and the zod schema the route parses with agree on these values.
  const SAMPLES: ReadonlyArray<readonly [ApiEndpoint, string, readonly unknown[]]> = [
    [API.search, 'limit', [0, 1, 10, 50, 51, 2.5]],
    [API.search, 'mode', ['hybrid', 'lexical', 'semantic']],
    [API.search, 'kind', ['written', 'interview', 'poem']],
    [API.search, 'lang', ['nb', 'nno', 'NB', 'norsk', 'n']],
    [API.search, 'theme', [['tvang'], ['medisinfri-behandling', 'rusfrihet'], ['Tvang'], ['tvang;drop'], Array.from({ length: 21 }, () => 'tvang')]],
    [API.search, 'excludeWarnings', [['selvskading'], [''], ['x'.repeat(101)]]],
    [API.search, 'cursor', ['abc', 'x'.repeat(201)]],
    [API.search, 'q', ['tvangsinnleggelse', 'x'.repeat(501)]],
    [API.story, 'id', ['0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21', 'not-a-uuid', '0b7f5c3e8a7d4c559a532f0f3c1d9e21']],
    [API.story, 'passage', ['0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21', '42']],
    [API.similarStories, 'limit', [0, 1, 5, 20, 21, 1.5]],
  ];

  it.each(SAMPLES.map(([e, name, values]) => [`${e.path} ${name}`, e, name, values] as const))('%s: spec and zod agree', (_label, endpoint, name, values) => {
    const { compile } = schemaCompiler();
    const parameter = operationOf(endpoint).parameters!.find((p) => p.name === name)!;
    const validate = compile(parameter.schema);
    const field = ((parameter.in === 'path' ? endpoint.params : endpoint.query)!.shape as Record<string, z.ZodType>)[name]!;
    let accepted = 0;
    for (const value of values) {
      // What arrives over HTTP: strings, and an array for a repeated parameter.
      const wire = Array.isArray(value) ? value.map(String) : String(value);
      const zodSays = field.safeParse(wire).success;
      expect(validate(value), `${name}=${JSON.stringify(value)}: spec ${validate(value)}, zod ${zodSays}`).toBe(zodSays);
      if (zodSays) accepted++;
    }
    // Each sample set holds both kinds, so agreement is not agreement on "everything fails".
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(values.length);
  });
});

describe('examples and links', () => {
  it('gives only examples that the spec and the zod schema both accept', () => {
    const { compile } = schemaCompiler();
    let checked = 0;
    for (const endpoint of API_ENDPOINTS) {
      const shape = { ...endpoint.params?.shape, ...endpoint.query?.shape } as Record<string, z.ZodType>;
      for (const parameter of operationOf(endpoint).parameters ?? []) {
        const examples = (parameter.schema.examples as unknown[] | undefined) ?? [];
        expect(examples).toEqual(endpoint.examples?.[parameter.name] ?? []);
        const validate = compile(parameter.schema);
        for (const value of examples) {
          const wire = Array.isArray(value) ? value.map(String) : String(value);
          expect(validate(value), `${endpoint.path} ${parameter.name}=${JSON.stringify(value)} (spec)`).toBe(true);
          expect(shape[parameter.name]!.safeParse(wire).success, `${endpoint.path} ${parameter.name}=${JSON.stringify(value)} (zod)`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // A whole example request passes the route's own parsing, cross-field rule included.
    expect(API.search.query!.safeParse({ q: 'tvangsinnleggelse', theme: ['tvang'], limit: '5' }).success).toBe(true);
  });

  /** Follows a `$response.body#/…` pointer through the response schema: object properties, array items, component refs. */
  function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
    let node: JsonSchema | undefined = schema;
    for (const token of pointer.split('/').filter(Boolean)) {
      while (node && typeof node.$ref === 'string') node = resolvePointer(doc, node.$ref) as JsonSchema | undefined;
      if (!node) return undefined;
      node = /^\d+$/.test(token) ? (node.items as JsonSchema | undefined) : (node.properties as Record<string, JsonSchema> | undefined)?.[token];
    }
    return node;
  }

  it('links to operations that exist, with their parameters, from places the response schema has', () => {
    const byId = new Map(API_ENDPOINTS.map((e) => [e.operationId, operationOf(e)]));
    let links = 0;
    for (const endpoint of API_ENDPOINTS) {
      for (const [status, response] of Object.entries(operationOf(endpoint).responses) as Array<[string, { links?: Record<string, { operationId: string; parameters: Record<string, string> }>; content: Record<string, { schema: JsonSchema }> }]>) {
        for (const [name, link] of Object.entries(response.links ?? {})) {
          const target = byId.get(link.operationId);
          expect(target, `${endpoint.path} ${status} link ${name}`).toBeDefined();
          for (const [parameter, expression] of Object.entries(link.parameters)) {
            expect(target!.parameters?.map((p) => p.name), `${name}: ${parameter}`).toContain(parameter);
            const [, pointer] = /^\$response\.body#(\/.*)$/.exec(expression) ?? [];
            expect(pointer, expression).toBeDefined();
            const at = schemaAt(response.content['application/json']!.schema, pointer!);
            expect(at, `${endpoint.path} ${status} link ${name}: ${expression}`).toMatchObject({ type: 'string', format: 'uuid' });
            links++;
          }
        }
      }
    }
    expect(links).toBeGreaterThanOrEqual(5);
  });
});

describe('building the document', () => {
  const base = { schemas: NAMED_SCHEMAS, info: API_INFO };

  it('refuses a path whose {names} do not match the params schema', () => {
    const wrong = { ...API.story, path: '/api/stories/{storyId}' };
    expect(() => buildOpenApiDocument({ ...base, endpoints: [wrong] })).toThrow(/\{storyId\}.*params schema has id/);
  });

  it('refuses a response body that has no name among the components', () => {
    const unnamed = { ...API.healthz, responses: { 200: { description: 'x', schema: z.object({ status: z.literal('ok') }) } } };
    expect(() => buildOpenApiDocument({ ...base, endpoints: [unnamed] })).toThrow(/200 response schema has no name/);
  });

  it('refuses the same method and path twice', () => {
    expect(() => buildOpenApiDocument({ ...base, endpoints: [API.healthz, API.healthz] })).toThrow(/Two endpoints for GET \/healthz/);
  });

  it('keeps every API path under the base the API routers are mounted at', () => {
    for (const endpoint of API_ENDPOINTS) {
      if (endpoint.tags.includes('health')) expect(endpoint.path.startsWith(`${API_BASE}/`), endpoint.path).toBe(false);
      else expect(endpoint.path.startsWith(`${API_BASE}/`), endpoint.path).toBe(true);
    }
  });

  it('gives Express paths in Express form', () => {
    expect(API.similarStories.expressPath).toBe('/api/stories/:id/similar');
    expect(toExpressPath('/api/a/{x}/b/{y_z}')).toBe('/api/a/:x/b/:y_z');
    expect(API.search.expressPath).toBe('/api/search');
  });
});

describe('request bodies and security, from the registry', () => {
  interface FullOperation extends Operation {
    description?: string;
    security?: Array<Record<string, string[]>>;
    requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  }
  const full = (endpoint: ApiEndpoint) => operationOf(endpoint) as FullOperation;
  const changes = (endpoint: ApiEndpoint) => ['post', 'put', 'patch', 'delete'].includes(endpoint.method);

  it('declares how callers prove who they are: the session cookie, its CSRF header and the receipt code', () => {
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'levd_session' }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }),
      receiptCode: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Receipt-Code' }),
    });
  });

  it('gives each operation the security its access needs, and names the staff roles', () => {
    const kinds = new Set<string>();
    for (const endpoint of API_ENDPOINTS) {
      const where = `${endpoint.method} ${endpoint.path}`;
      const operation = full(endpoint);
      kinds.add(endpoint.access.kind);
      switch (endpoint.access.kind) {
        case 'public':
          expect(operation.security, where).toBeUndefined();
          break;
        case 'contributor':
          expect(operation.security, where).toEqual([{ receiptCode: [] }]);
          expect(operation.description, where).toMatch(/X-Receipt-Code/);
          break;
        case 'staff':
          expect(operation.security, where).toEqual([changes(endpoint) ? { session: [], csrfToken: [] } : { session: [] }]);
          expect(operation.description, where).toContain(`Staff only, signed in as: ${endpoint.access.roles.join(', ')}.`);
          break;
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['public', 'staff']));
    expect(full(API.listStaffUsers).description).toContain('signed in as: admin.');
  });

  it('documents 401 and 403 where access can refuse: staff (both), contributor (401), any change (403: CSRF)', () => {
    for (const endpoint of API_ENDPOINTS) {
      const where = `${endpoint.method} ${endpoint.path}`;
      const statuses = Object.keys(full(endpoint).responses);
      if (endpoint.access.kind === 'staff') expect(statuses, where).toEqual(expect.arrayContaining(['401', '403']));
      if (endpoint.access.kind === 'contributor') expect(statuses, where).toContain('401');
      // A signed-in caller's change without X-CSRF-Token is refused with 403 on every such endpoint, public ones too.
      if (changes(endpoint)) expect(statuses, `${where} can answer 403 (CSRF): add 403 to its errors`).toContain('403');
    }
    expect(Object.keys(full(API.search).responses)).not.toContain('401');
  });

  it('describes every body the registry declares, in its media types, as a client sends it', () => {
    const { compile } = schemaCompiler();
    const withBody = API_ENDPOINTS.filter((e) => e.body);
    expect(withBody.length).toBeGreaterThanOrEqual(3);
    for (const endpoint of API_ENDPOINTS) {
      const body = full(endpoint).requestBody;
      if (!endpoint.body) {
        expect(body, endpoint.path).toBeUndefined();
        continue;
      }
      expect(body?.required).toBe(true);
      expect(Object.keys(body!.content)).toEqual([...(endpoint.body.mediaTypes ?? ['application/json'])]);
      for (const { schema } of Object.values(body!.content)) expect(() => compile(schema), `${endpoint.method} ${endpoint.path}`).not.toThrow();
    }
  });

  it('agrees with zod on sign-in and account bodies', () => {
    const { compile } = schemaCompiler();
    const cases: ReadonlyArray<readonly [ApiEndpoint, readonly unknown[]]> = [
      [API.signIn, [{ email: 'kari@example.no', password: 'x' }, { email: 'kari@example.no' }, { email: 'kari@example.no', password: '' }, { email: 'kari@example.no', password: 'x', extra: 1 }]],
      [API.createStaffUser, [
        { email: 'kari@example.no', displayName: 'Kari', role: 'editor', password: 'a-long-password' },
        { email: 'kari@example.no', displayName: 'Kari', role: 'editor', password: 'short' },
        { email: 'kari@example.no', displayName: 'Kari', role: 'anonymous', password: 'a-long-password' },
      ]],
      [API.updateStaffUser, [{ role: 'admin' }, { disabled: true }, { disabled: 'yes' }, { role: 'boss' }]],
    ];
    for (const [endpoint, values] of cases) {
      const validate = compile(full(endpoint).requestBody!.content['application/json']!.schema);
      let accepted = 0;
      for (const value of values) {
        const zodSays = endpoint.body!.schema.safeParse(value).success;
        expect(validate(value), `${endpoint.operationId} ${JSON.stringify(value)}`).toBe(zodSays);
        if (zodSays) accepted++;
      }
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(values.length);
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document as JSON', async () => {
    const app = express().use(openApiRoutes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
