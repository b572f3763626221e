import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrator.js';
import { audiencesOf, type ConsentScopes } from '../../services/consent/audience.js';
import { DB_BACKENDS, type TestDb } from '../support/databases.js';

/**
 * `consent_receipts.audience` (generated in SQL, what every engine's query filters on) must say
 * exactly what `audiencesOf` (the TypeScript rule the indexer sends to Meilisearch) says, for
 * every combination of scopes, and nobody once the receipt is withdrawn.
 */
describe.each(DB_BACKENDS)('consent audience column on %s', (_name, open) => {
  let handle: TestDb;
  let db: Db;
  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrate(db);
  });
  afterAll(async () => handle?.cleanup());

  const combinations: ConsentScopes[] = Array.from({ length: 32 }, (_, bits) => ({
    public: Boolean(bits & 1),
    clinicians: Boolean(bits & 2),
    teaching: Boolean(bits & 4),
    research: Boolean(bits & 8),
    quote: Boolean(bits & 16),
  }));

  async function audienceOf(scopes: ConsentScopes, withdrawn: { at?: boolean; scopes?: string[] } = {}): Promise<string[]> {
    return db.transaction(async (tx) => {
      const story = await tx.query<{ id: string }>(
        `INSERT INTO stories (kind, status, title, language, body, display_mode) VALUES ('written', 'published', 't', 'nb', 'b', 'anonymous') RETURNING id`,
      );
      const receipt = await tx.query<{ audience: string[] }>(
        `INSERT INTO consent_receipts (story_id, consent_text_version, scope_public, scope_clinicians, scope_teaching, scope_research, scope_quote,
                                       display_mode, withdrawn_at, withdrawn_scopes)
         VALUES ($1, 'v1', $2, $3, $4, $5, $6, 'anonymous', $7, $8) RETURNING audience`,
        [story.rows[0]!.id, scopes.public, scopes.clinicians, scopes.teaching, scopes.research, scopes.quote, withdrawn.at ? new Date() : null, withdrawn.scopes ?? []],
      );
      return receipt.rows[0]!.audience;
    });
  }

  it('agrees with audiencesOf for all 32 combinations of scopes', async () => {
    for (const scopes of combinations) expect(await audienceOf(scopes), JSON.stringify(scopes)).toEqual(audiencesOf(scopes));
  });

  it('allows nobody once withdrawn, and drops scopes withdrawn one by one', async () => {
    const all = combinations[31]!;
    expect(await audienceOf(all, { at: true })).toEqual([]);
    expect(await audienceOf(all, { scopes: ['public', 'research'] })).toEqual(['clinicians', 'teaching']);
  });
});
