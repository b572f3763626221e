import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { storyRecordSchema } from '../indexer/ingest/story-record.js';

/**
 * docs/story-record.schema.json, generated from the record schema the importer uses, so the
 * published format can never drift from the code (a unit test compares the two).
 * Run with `npm run schema`.
 */

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/story-record.schema.json', import.meta.url));

export function storyRecordJsonSchema(): Record<string, unknown> {
  // io "input": what a file may hold, so fields with defaults (themes, fictional) are optional.
  const generated = z.toJSONSchema(storyRecordSchema, { target: 'draft-2020-12', io: 'input' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'urn:levd:schema:story-record',
    title: 'Levd story record',
    description:
      'One story to import into Levd: a line of a .jsonl file, a row of a .csv file (nested fields as dotted columns), ' +
      'the front matter of a .md/.txt story or the sidecar .json of a transcript. Rules that span fields ' +
      '(title required unless withdrawn; text for written stories, segments for interviews; name or pseudonym as display says) ' +
      'are checked by the importer and stated in the field descriptions.',
    ...rest,
  };
}

export const renderStoryRecordJsonSchema = (): string => `${JSON.stringify(storyRecordJsonSchema(), null, 2)}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFileSync(SCHEMA_FILE, renderStoryRecordJsonSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
