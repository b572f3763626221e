import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStoryRecordJsonSchema, SCHEMA_FILE } from '../../scripts/generate-json-schema.js';

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchemaNode;
  enum?: unknown[];
}

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const schema = JSON.parse(committed) as JsonSchemaNode & Record<string, unknown>;

/**
 * Structural check of a value against the schema: types, required fields, no unknown fields,
 * enums. Enough to show the published schema accepts a real record and refuses a bad one.
 */
function problems(node: JsonSchemaNode, value: unknown, path = '$'): string[] {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (node.type && node.type !== type) return [`${path}: expected ${node.type}, got ${type}`];
  if (node.enum && !node.enum.includes(value)) return [`${path}: not one of ${JSON.stringify(node.enum)}`];
  if (type === 'array' && node.items) return (value as unknown[]).flatMap((v, i) => problems(node.items!, v, `${path}[${i}]`));
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  return [
    ...(node.required ?? []).filter((key) => !(key in object)).map((key) => `${path}.${key}: required`),
    ...Object.entries(object).flatMap(([key, v]) => {
      const child = node.properties?.[key];
      if (child) return problems(child, v, `${path}.${key}`);
      return node.additionalProperties === false ? [`${path}.${key}: not allowed`] : [];
    }),
  ];
}

const example = {
  externalId: 'demo-tvang-01',
  title: 'Da dørene ble låst',
  language: 'nb',
  kind: 'written',
  text: 'Første avsnitt …',
  themes: ['tvang'],
  fictional: true,
  consent: {
    public: true,
    clinicians: true,
    teaching: true,
    research: false,
    quote: true,
    display: 'pseudonym',
    pseudonym: 'Kari',
    consentTextVersion: 'levd-demo-samtykke-v1',
    givenAt: '2025-03-14T10:00:00Z',
  },
};

describe('docs/story-record.schema.json', () => {
  it('is exactly what `npm run schema` generates from storyRecordSchema now', () => {
    expect(committed).toBe(renderStoryRecordJsonSchema());
  });

  it('is a draft 2020-12 schema with an id, a title and a description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:levd:schema:story-record',
      title: 'Levd story record',
      description: expect.stringContaining('import'),
    });
  });

  it('requires the id, the kind and the consent; defaults are optional (input schema)', () => {
    expect(schema.required).toEqual(['externalId', 'kind', 'consent']);
    expect(schema.properties?.consent?.required).toEqual(['public', 'clinicians', 'teaching', 'research', 'quote', 'display', 'consentTextVersion']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.consent?.additionalProperties).toBe(false);
  });

  it('accepts a valid record (written and interview)', () => {
    expect(problems(schema, example)).toEqual([]);
    const { text: _text, ...rest } = example;
    const interview = { ...rest, kind: 'interview', segments: [{ speaker: 'I', start: 0, end: 2.5, text: 'Hei' }] };
    expect(problems(schema, interview)).toEqual([]);
  });

  it('refuses a record without consent, or with a misspelt consent field', () => {
    const { consent: _consent, ...noConsent } = example;
    expect(problems(schema, noConsent)).toEqual(['$.consent: required']);
    expect(problems(schema, { ...example, consent: { ...example.consent, publc: true } })).toEqual(['$.consent.publc: not allowed']);
  });
});
