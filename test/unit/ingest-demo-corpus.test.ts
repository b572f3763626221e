import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSources, type SourceItem } from '../../indexer/ingest/sources.js';
import { validateRecord } from '../../indexer/ingest/validate-record.js';

const DEMO = 'indexer/demo';
const hasFiles = existsSync(DEMO) && readdirSync(DEMO, { recursive: true, withFileTypes: true }).some((e) => e.isFile());

describe.skipIf(!hasFiles)(hasFiles ? 'the demo corpus' : 'the demo corpus (skipped: indexer/demo has no files yet)', () => {
  it('reads and validates every demo file with no error', async () => {
    const items: SourceItem[] = [];
    for await (const item of readSources([DEMO])) items.push(item);

    const where = (i: SourceItem) => `${i.at.file}${i.at.line ? `:${i.at.line}` : ''}`;
    expect(items.filter((i) => i.kind === 'error').map((i) => `${where(i)}: ${i.kind === 'error' ? i.message : ''}`)).toEqual([]);

    const records = items.flatMap((i) => (i.kind === 'record' ? [i] : []));
    expect(records.length).toBeGreaterThan(0);
    const refused = records.flatMap((i) => {
      const result = validateRecord(i.record);
      return result.ok ? [] : [`${where(i)}: ${result.reason}`];
    });
    expect(refused).toEqual([]);

    const ids = records.map((i) => String(i.record.externalId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(records.filter((i) => i.record.fictional !== true).map(where)).toEqual([]);
  });
});
