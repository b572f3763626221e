import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { createPgDb } from '../../db/pg-db.js';
import { explainMigrationFailure, migrate, pendingMigrations, readMigrations } from '../../db/migrator.js';
import { UserFacingError } from '../../services/platform/errors.js';
import { createAuditRepository } from '../../services/repositories/audit.repository.js';
import { createThemeRepository } from '../../services/repositories/theme.repository.js';
import { DB_BACKENDS, freshServerDatabase, type TestDb } from '../support/databases.js';

const SEEDED_THEMES = [
  'tvang', 'medisinfri-behandling', 'rusfrihet', 'rop', 'vendepunkt-og-hap', 'parorende', 'erfaringskonsulent',
  'brukermedvirkning', 'stigma', 'selvmordstanker', 'traumer-og-vold', 'arbeid-og-nav', 'bolig',
  'nettverk-og-ensomhet', 'mote-med-hjelpeapparatet', 'samisk-perspektiv', 'fengsel-og-sikkerhetspsykiatri', 'unge',
];

describe.each(DB_BACKENDS)('migrations on %s', (_name, open) => {
  let handle: TestDb;
  let db: Db;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
  });
  afterAll(async () => handle?.cleanup());

  it('applies every migration once, then nothing', async () => {
    const all = readMigrations().map((m) => m.name);
    expect(await pendingMigrations(db)).toEqual(all);
    expect((await migrate(db)).applied).toEqual(all);
    expect((await migrate(db)).applied).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('has pgvector and pg_trgm, and an HNSW cosine index on chunk embeddings', async () => {
    const extensions = await db.query<{ extname: string }>(`SELECT extname FROM pg_extension ORDER BY extname`);
    expect(extensions.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'vector']));
    const index = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'chunks' AND indexname = 'chunks_embedding_hnsw'`,
    );
    expect(index.rows[0]?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
  });

  it('seeds the bilingual theme taxonomy', async () => {
    const themes = await createThemeRepository(db).list();
    expect(themes.map((t) => t.slug)).toEqual(SEEDED_THEMES);
    for (const theme of themes) {
      expect(theme.labelNb && theme.labelEn && theme.descriptionNb && theme.descriptionEn).toBeTruthy();
      expect(theme.termsNb.length).toBeGreaterThan(0);
    }
  });

  it('stores a story with chunks: language-aware tsvector and cosine search', async () => {
    const story = await db.query<{ id: string }>(
      `INSERT INTO stories (kind, status, title, language, body, display_mode)
       VALUES ('written', 'published', 'Om tvang', 'nb', 'Tvangsinnleggelsene var de verste dagene.', 'anonymous') RETURNING id`,
    );
    const storyId = story.rows[0]!.id;
    const near = `[${Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`;
    const far = `[${Array.from({ length: 384 }, (_, i) => (i === 1 ? 1 : 0)).join(',')}]`;
    for (const [ordinal, text, vector] of [[0, 'Tvangsinnleggelsene var de verste dagene.', near], [1, 'Running every morning helped.', far]] as const) {
      await db.query(
        `INSERT INTO chunks (story_id, story_revision, ordinal, text, text_sha256, start_char, end_char, ts_config, embedding, model)
         VALUES ($1, 1, $2, $3, repeat('a', 64), 0, 10, $4::regconfig, $5, 'test-model')`,
        [storyId, ordinal, text, ordinal === 0 ? 'norwegian' : 'english', vector],
      );
    }
    const lexical = await db.query<{ ordinal: number }>(
      `SELECT ordinal FROM chunks WHERE tsv @@ websearch_to_tsquery('norwegian', 'tvangsinnleggelse')`,
    );
    expect(lexical.rows.map((r) => r.ordinal)).toEqual([0]);
    const english = await db.query<{ ordinal: number }>(`SELECT ordinal FROM chunks WHERE tsv @@ websearch_to_tsquery('english', 'run')`);
    expect(english.rows.map((r) => r.ordinal)).toEqual([1]);
    const nearest = await db.query<{ ordinal: number }>(`SELECT ordinal FROM chunks ORDER BY embedding <=> $1 LIMIT 1`, [near]);
    expect(nearest.rows[0]?.ordinal).toBe(0);
  });

  it('refuses a story whose content does not match its kind, and a withdrawn row that keeps text', async () => {
    await expect(
      db.query(`INSERT INTO stories (kind, title, language, segments, display_mode) VALUES ('written', 't', 'nb', '[]', 'anonymous')`),
    ).rejects.toThrow(/stories_content_matches_kind/);
    await expect(
      db.query(`INSERT INTO stories (kind, status, title, language, body, display_mode) VALUES ('written', 'withdrawn', 't', 'nb', 'x', 'anonymous')`),
    ).rejects.toThrow(/stories_withdrawn_holds_no_content/);
  });

  it('keeps the audit log append-only', async () => {
    const audit = createAuditRepository(db);
    await audit.record({ actor: 'system', action: 'test.recorded', subjectType: 'story', subjectId: 's1', details: { n: 1 } });
    expect((await audit.forSubject('story', 's1')).map((row) => row.action)).toEqual(['test.recorded']);
    await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await audit.forSubject('story', 's1')).toHaveLength(1);
  });

  it('refuses to run after an applied migration was edited', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, sha256: 'f'.repeat(64) } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/0001_schema\.sql was changed after it was applied/);
  });

  it('rolls back a failing migration completely', async () => {
    const broken = [
      ...readMigrations(),
      { version: 99, name: '0099_broken.sql', sha256: 'b'.repeat(64), sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/0099_broken\.sql failed/);
    const table = await db.query<{ present: boolean }>(`SELECT to_regclass('half_done') IS NOT NULL AS present`);
    expect(table.rows[0]?.present).toBe(false);
  });
});

describe('migrations on a PostgreSQL server', () => {
  it('two processes migrating at once apply each migration exactly once', async () => {
    const database = await freshServerDatabase();
    const first = createPgDb(database.url);
    const second = createPgDb(database.url);
    try {
      const [a, b] = await Promise.all([migrate(first), migrate(second)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(readMigrations().map((m) => m.name).sort());
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });

  it('explains a missing extension in one line that says what to install', async () => {
    const database = await freshServerDatabase();
    const db = createPgDb(database.url);
    try {
      const failure = await db.exec('CREATE EXTENSION levd_missing_ext').catch((error: unknown) => error);
      const migration = readMigrations()[0]!;
      const generic = explainMigrationFailure(migration, failure);
      expect(generic).toBeInstanceOf(UserFacingError);
      expect(generic.message).toMatch(/no levd_missing_ext extension/);
      // PostgreSQL's own wording, as it reads when pgvector is not installed on the server.
      const noVector = new Error((failure as Error).message.replaceAll('levd_missing_ext', 'vector'));
      const explained = explainMigrationFailure(migration, noVector);
      expect(explained).toBeInstanceOf(UserFacingError);
      expect(explained.message).toMatch(/no pgvector extension/);
      expect(explained.message).not.toContain('\n');
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
