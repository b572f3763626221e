/**
 * Reading the indexed demo corpus and writing a generated one into PostgreSQL, for the search
 * benchmark. Rows go in through the repositories the importer and indexer use (stories,
 * consent receipts, themes, chunks, index state), so the generated archive is stored exactly
 * as a real one. The only SQL here is what no production code path needs and so no repository
 * holds: dropping and rebuilding the chunk indexes around a bulk load, and the statistics the
 * benchmark prints about the vectors (exact vs HNSW neighbours, the planner's view).
 */
import type { Db, Queryable } from '../../db/db.js';
import { chunkId, sha256Hex } from '../../indexer/indexing/chunk-id.js';
import { textSearchConfig } from '../../services/lexical/text-search-config.js';
import { createChunkRepository } from '../../services/repositories/chunk.repository.js';
import { createConsentRepository } from '../../services/repositories/consent.repository.js';
import { createStoryIndexRepository } from '../../services/repositories/story-index.repository.js';
import { createStoryRepository } from '../../services/repositories/story.repository.js';
import { vectorToSql } from '../../services/repositories/vector-codec.js';
import type { GeneratedStory, SourceStory } from './generate-corpus.js';

/** The indexed, published demo stories with their passages and real embeddings. */
export async function readSourceStories(db: Db, model: string): Promise<SourceStory[]> {
  const index = createStoryIndexRepository(db);
  const ids = await index.forReindex('all', model);
  const fields = (await index.fieldsOf(ids)).filter((s) => s.status === 'published' && s.title !== null);
  const chunks = await createChunkRepository(db).forStoriesWithEmbeddings(fields.map((s) => s.id));
  const suggested = await index.suggestedThemeSlugs(fields.map((s) => s.id));
  return fields
    .map((story) => ({
      title: story.title!,
      language: story.language,
      kind: story.kind,
      contentWarnings: story.contentWarnings,
      confirmedThemes: story.confirmedThemes,
      suggestedThemes: suggested.get(story.id) ?? [],
      passages: chunks.filter((c) => c.storyId === story.id && c.model === model).map((c) => ({ text: c.text, vector: c.embedding, speaker: c.speaker })),
    }))
    .filter((story) => story.passages.length > 0)
    // Ids are random; an order by content makes the generated corpus the same on every run.
    .sort((a, b) => a.title.localeCompare(b.title) || a.passages[0]!.text.localeCompare(b.passages[0]!.text));
}

/**
 * Writes the stories as published-and-indexed in PostgreSQL (chunks with embedding, model and
 * ts_config; indexed_version = index_version) and behind in the lexical engine, so the real
 * lexical sync sends them to Meilisearch next. One transaction per call.
 */
export async function insertGenerated(db: Db, stories: readonly GeneratedStory[], model: string): Promise<void> {
  await db.transaction(async (tx) => {
    const storyRepo = createStoryRepository(tx);
    const consent = createConsentRepository(tx);
    const index = createStoryIndexRepository(tx);
    const chunks = createChunkRepository(tx);
    for (const story of stories) {
      const content = story.body ?? JSON.stringify(story.segments);
      const id = await storyRepo.insert(tx, {
        externalId: story.externalId, status: story.status, title: story.title, language: story.language, kind: story.kind,
        body: story.body, segments: story.segments, contentSha256: sha256Hex(content), displayMode: story.displayMode,
        displayName: story.displayName, contentWarnings: story.contentWarnings, isFictional: true,
      });
      await consent.record(tx, id, { ...story.scopes, consentTextVersion: 'levd-bench-v1', displayMode: story.displayMode });
      if (story.confirmedThemes.length > 0) await storyRepo.replaceConfirmedThemes(tx, id, story.confirmedThemes);
      await index.replaceSuggestedThemes(tx, id, story.suggestedThemes.map((slug) => ({ slug, score: 0.5 })));
      const tsConfig = textSearchConfig(story.language);
      await chunks.replaceForStory(
        tx, id, 1,
        story.passages.map((p, ordinal) => {
          const textSha256 = sha256Hex(p.text);
          return {
            id: chunkId(id, ordinal, textSha256), ordinal, text: p.text, textSha256, startChar: p.startChar, endChar: p.endChar,
            speaker: p.speaker, startSeconds: p.startSeconds, endSeconds: p.endSeconds, tsConfig, embedding: p.vector, model,
          };
        }),
      );
      await index.markIndexed(id, 1, { lexicalToo: false });
    }
  });
}

/** The indexes on `chunks` that make a bulk insert slow (HNSW above all), as the migrations define them. */
const BULK_LOAD_INDEXES = ['chunks_embedding_hnsw', 'chunks_tsv_idx', 'chunks_text_trgm_idx'];

/**
 * Runs `load` with the chunk indexes dropped and rebuilds them afterwards from their own
 * definitions (read from pg_indexes, so they stay what the migrations made); returns how long
 * each rebuild took. Building an HNSW graph once over all rows is much cheaper than growing it
 * by one insert at a time.
 */
export async function withIndexesRebuilt(db: Db, load: () => Promise<void>): Promise<{ index: string; seconds: number }[]> {
  const defs = await db.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'chunks' AND indexname = ANY($1::text[])`,
    [BULK_LOAD_INDEXES],
  );
  if (defs.rows.length !== BULK_LOAD_INDEXES.length) throw new Error(`expected indexes ${BULK_LOAD_INDEXES.join(', ')} on chunks; found ${defs.rows.map((r) => r.name).join(', ')}`);
  for (const { name } of defs.rows) await db.query(`DROP INDEX ${name}`);
  await load();
  const timings: { index: string; seconds: number }[] = [];
  for (const { name, def } of defs.rows) {
    const started = performance.now();
    await db.transaction(async (tx) => {
      // Enough memory for the whole HNSW graph (~100k × 1.7 kB): otherwise the build spills and crawls.
      await tx.query(`SET LOCAL maintenance_work_mem = '2GB'`);
      await tx.query(def);
    });
    timings.push({ index: name, seconds: (performance.now() - started) / 1000 });
  }
  // As autovacuum would leave a live table: statistics for the planner, and a visibility map so
  // index-only scans need no heap fetches.
  await db.query('VACUUM ANALYZE');
  return timings;
}

export interface CorpusSize {
  readonly stories: number;
  readonly published: number;
  readonly passages: number;
  readonly byLanguage: Record<string, number>;
  readonly byAudience: Record<string, number>;
}

/** What the archive holds: stories, passages, and how they divide by language and audience. */
export async function corpusSize(db: Queryable): Promise<CorpusSize> {
  const totals = await db.query<{ stories: number; published: number; passages: number }>(
    `SELECT (SELECT count(*)::int FROM stories WHERE status <> 'withdrawn') AS stories,
            (SELECT count(*)::int FROM stories WHERE status = 'published') AS published,
            (SELECT count(*)::int FROM chunks) AS passages`,
  );
  const languages = await db.query<{ key: string; n: number }>(`SELECT language AS key, count(*)::int AS n FROM stories WHERE status <> 'withdrawn' GROUP BY 1 ORDER BY 2 DESC`);
  const audiences = await db.query<{ key: string; n: number }>(
    `SELECT array_to_string(audience, '+') AS key, count(*)::int AS n FROM consent_receipts WHERE superseded_at IS NULL GROUP BY 1 ORDER BY 2 DESC`,
  );
  const record = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key || '(none)', r.n]));
  return { ...totals.rows[0]!, byLanguage: record(languages.rows), byAudience: record(audiences.rows) };
}

export interface Neighbourhood {
  /** Mean cosine of a query's 10 nearest passages (exact). */
  readonly top10Cosine: number;
  /** Mean cosine of the query to a random sample of ~2,000 passages. */
  readonly randomCosine: number;
  /** Distinct stories among the 10 nearest passages, averaged over queries. */
  readonly distinctStories: number;
  /** Per ef_search: the share of the exact 10 nearest that an unfiltered HNSW scan returns, and how close its 10 are (mean cosine, HNSW / exact). */
  readonly hnsw: readonly { efSearch: number; recall: number; cosineRatio: number }[];
}

/**
 * Whether the vectors have a usable neighbourhood structure, from real query embeddings:
 * the nearest passages must stand out from random ones, come from several stories, and be
 * found by HNSW (or, where e5's narrow band of cosines makes near-ties, be nearly as close).
 */
export async function neighbourhood(db: Db, queries: readonly Float32Array[], efSearches: readonly number[]): Promise<Neighbourhood> {
  const sums = { top10: 0, random: 0, stories: 0 };
  const hnsw = efSearches.map((efSearch) => ({ efSearch, recall: 0, cosineRatio: 0 }));
  const total = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chunks`)).rows[0]!.n);
  const percent = Math.min(100, (2_000 / Math.max(total, 1)) * 100);
  for (const query of queries) {
    const q = vectorToSql(query);
    const nearest = (setting: string) =>
      db.transaction(async (tx) => {
        await tx.query(setting);
        const result = await tx.query<{ id: string; storyId: string; cos: number }>(
          `SELECT id, story_id AS "storyId", 1 - (embedding <=> $1::vector) AS cos FROM chunks ORDER BY embedding <=> $1::vector LIMIT 10`,
          [q],
        );
        return result.rows.map((r) => ({ ...r, cos: Number(r.cos) }));
      });
    const exact = await nearest('SET LOCAL enable_indexscan = off');
    const exactMean = exact.reduce((sum, r) => sum + r.cos, 0) / exact.length;
    for (const entry of hnsw) {
      const approximate = await nearest(`SET LOCAL hnsw.ef_search = ${entry.efSearch}`);
      const found = new Set(approximate.map((r) => r.id));
      entry.recall += exact.filter((r) => found.has(r.id)).length / exact.length;
      entry.cosineRatio += approximate.reduce((sum, r) => sum + r.cos, 0) / approximate.length / exactMean;
    }
    const sample = await db.query<{ cos: number }>(`SELECT avg(1 - (embedding <=> $1::vector))::float8 AS cos FROM chunks TABLESAMPLE BERNOULLI (${percent})`, [q]);
    sums.top10 += exactMean;
    sums.random += Number(sample.rows[0]!.cos);
    sums.stories += new Set(exact.map((r) => r.storyId)).size;
  }
  const n = queries.length;
  return {
    top10Cosine: sums.top10 / n,
    randomCosine: sums.random / n,
    distinctStories: sums.stories / n,
    hnsw: hnsw.map((e) => ({ efSearch: e.efSearch, recall: e.recall / n, cosineRatio: e.cosineRatio / n })),
  };
}
