import type { Db } from '../../db/db.js';
import { audiencesOf } from '../../services/consent/audience.js';
import type { LexicalEngine } from '../../services/lexical/lexical-engine.js';
import type { PassageDocument } from '../../services/lexical/passage-document.js';
import { textSearchConfig } from '../../services/lexical/text-search-config.js';
import type { Logger } from '../../services/platform/logger.js';
import type { JobOutcome } from '../../services/queue/queue.js';
import { createChunkRepository, type ChunkRow } from '../../services/repositories/chunk.repository.js';
import { createMaintenanceRepository } from '../../services/repositories/maintenance.repository.js';
import { createStoryIndexRepository, type StoryFields } from '../../services/repositories/story-index.repository.js';
import type { Embedder } from '../embedding/embedder.js';
import type { ThemeProfileSource } from '../themes/theme-vectors.js';
import { suggestThemes, type SuggestOptions } from '../themes/suggest-themes.js';
import { chunkId, sha256Hex } from './chunk-id.js';
import { cutPassages } from './cut-passages.js';

/**
 * The indexing pipeline, in order:
 *   index(story): load → chunk → embed (only passages whose text is new for this model)
 *     → suggest themes → PostgreSQL (chunks, suggestions, indexed_version) in one transaction;
 *   syncLexical(): Meilisearch catches up with PostgreSQL for every story behind, in one batch
 *     (with PostgreSQL full-text search there is nothing to sync: the chunks are the index).
 * Every step is idempotent: ids come from content, so a rerun after a crash writes the same rows.
 */
export type Reembed = 'none' | 'changed-model' | 'all';

export interface StoryIndexerDeps {
  readonly db: Db;
  readonly embedder: Embedder;
  readonly lexical: LexicalEngine;
  readonly themes: ThemeProfileSource;
  readonly suggest: SuggestOptions;
  readonly log: Logger;
}

export type IndexOutcome = { readonly status: 'done'; readonly indexedVersion: number; readonly passages: number; readonly embedded: number } | { readonly status: 'skipped'; readonly reason: string };

export interface StoryIndexer {
  /** True when the lexical engine is synced by `syncLexical` after `index` (Meilisearch). */
  readonly syncsLexicalSeparately: boolean;
  index(storyId: string, options: { indexVersion: number; reembed: Reembed }): Promise<IndexOutcome>;
  /** Brings the lexical engine up to date for up to `LEXICAL_BATCH` stories behind; how many it synced. */
  syncLexical(): Promise<number>;
  purge(storyId: string): Promise<JobOutcome>;
}

/** Stories per lexical sync: large batches are what makes Meilisearch fast. */
export const LEXICAL_BATCH = 250;

export function createStoryIndexer(deps: StoryIndexerDeps): StoryIndexer {
  const { db, embedder, lexical } = deps;
  const stories = createStoryIndexRepository(db);
  const chunks = createChunkRepository(db);
  const maintenance = createMaintenanceRepository(db);
  const model = embedder.profile.id;
  // The archive's mean passage vector, for theme suggestion. Averaging every chunk per story
  // would cost a scan each time; it moves slowly, so a minute-old value is as good.
  let centroidCache: { at: number; value: Promise<Float32Array | undefined> } | undefined;
  const centroid = () => {
    if (!centroidCache || Date.now() - centroidCache.at > 60_000) {
      centroidCache = { at: Date.now(), value: chunks.centroid(model).then((c) => c?.vector) };
    }
    return centroidCache.value;
  };
  // The lexical engine's settings, made once per process before the first write.
  let prepared: Promise<void> | undefined;
  const prepareLexical = () =>
    (prepared ??= lexical
      .prepare()
      .catch((error: unknown) => {
        prepared = undefined;
        throw error;
      }));

  const syncsLexicalSeparately = lexical.kind !== 'postgres';
  return {
    syncsLexicalSeparately,
    async index(storyId, { indexVersion, reembed }) {
      const story = await stories.load(storyId);
      if (!story) return { status: 'skipped', reason: 'the story no longer exists' };
      if (story.status === 'withdrawn') return { status: 'skipped', reason: 'the story is withdrawn; purge-story removes its passages' };
      if (story.indexVersion > indexVersion) return { status: 'skipped', reason: `superseded by version ${story.indexVersion}` };
      if (reembed === 'none' && story.indexedVersion >= story.indexVersion) return { status: 'skipped', reason: 'already indexed' };

      const countTokens = await embedder.tokenCounter();
      const pieces = cutPassages(story, countTokens);
      const hashes = pieces.map((piece) => sha256Hex(piece.text));
      const known = reembed === 'all' ? new Map<string, Float32Array>() : await chunks.embeddingsByTextHash(storyId, model);
      const textByHash = new Map(hashes.map((hash, i) => [hash, pieces[i]!.text]));
      const toEmbed = [...textByHash.keys()].filter((hash) => !known.has(hash));
      const fresh = await embedder.embedPassages(toEmbed.map((hash) => textByHash.get(hash)!));
      toEmbed.forEach((hash, i) => known.set(hash, fresh[i]!));

      const tsConfig = textSearchConfig(story.language);
      const rows: ChunkRow[] = pieces.map((piece, i) => ({
        id: chunkId(storyId, piece.ordinal, hashes[i]!),
        ordinal: piece.ordinal,
        text: piece.text,
        textSha256: hashes[i]!,
        startChar: piece.startChar,
        endChar: piece.endChar,
        speaker: piece.speaker ?? null,
        startSeconds: piece.startSeconds ?? null,
        endSeconds: piece.endSeconds ?? null,
        tsConfig,
        embedding: known.get(hashes[i]!)!,
        model,
      }));
      const profiles = await deps.themes.get();
      const suggestions = suggestThemes(
        rows.map((row) => ({ vector: row.embedding, text: row.text })),
        profiles.map((p) => ({ slug: p.theme.slug, vectors: p.vectors, terms: [...p.theme.termsNb, ...p.theme.termsEn] })),
        deps.suggest,
        { centroid: await centroid(), confirmed: story.confirmedThemes },
      );

      // The story row stays locked while its chunks are written, so two jobs for the same
      // story never interleave (an older one writing over a newer one), and a lexical sync
      // never reads half of them.
      const outcome = await db.transaction(async (tx) => {
        const current = await createStoryIndexRepository(tx).lockVersion(storyId);
        if (current === undefined || current.status === 'withdrawn') return 'gone' as const;
        if (current.indexVersion !== story.indexVersion) return 'superseded' as const;
        await createChunkRepository(tx).replaceForStory(tx, storyId, story.revision, rows);
        await createStoryIndexRepository(tx).replaceSuggestedThemes(tx, storyId, suggestions);
        await createStoryIndexRepository(tx).markIndexed(storyId, story.indexVersion, { lexicalToo: !syncsLexicalSeparately });
        return 'written' as const;
      });
      if (outcome === 'gone') return { status: 'skipped', reason: 'the story was withdrawn while it was being indexed' };
      if (outcome === 'superseded') return { status: 'skipped', reason: 'the story changed while it was being indexed; a newer job follows' };
      deps.log.debug({ storyId, passages: rows.length, embedded: toEmbed.length, suggested: suggestions.length }, 'story indexed');
      return { status: 'done', indexedVersion: story.indexVersion, passages: rows.length, embedded: toEmbed.length };
    },

    async syncLexical() {
      if (!syncsLexicalSeparately) return 0;
      await prepareLexical();
      // The claimed stories stay locked until the lexical engine has them, so an index job
      // for one of them waits, and the next sync sends its newer passages after these.
      return db.transaction(async (tx) => {
        const repository = createStoryIndexRepository(tx);
        const claimed = await repository.claimLexicalBacklog(LEXICAL_BATCH);
        if (claimed.length === 0) return 0;
        const stories = await repository.fieldsOf(claimed.map((c) => c.id));
        const chunksByStory = groupBy(await createChunkRepository(tx).forStoriesWithEmbeddings(claimed.map((c) => c.id)), (c) => c.storyId);
        const suggested = await repository.suggestedThemeSlugs(claimed.map((c) => c.id));
        await lexical.replacePassages(
          stories.map((story) => ({ storyId: story.id, passages: passageDocuments(story, chunksByStory.get(story.id) ?? [], suggested.get(story.id) ?? []) })),
        );
        await repository.markLexicalSynced(claimed);
        deps.log.debug({ stories: claimed.length }, 'lexical engine synced');
        return claimed.length;
      });
    },

    async purge(storyId) {
      const story = await stories.state(storyId);
      if (story && story.status !== 'withdrawn') return { status: 'skipped', reason: 'the story is not withdrawn' };
      await lexical.removeStory(storyId);
      await maintenance.vacuumStoryContent();
      if (story) await stories.markPurged(storyId, story.indexVersion);
      return { status: 'done' };
    },
  };
}

/** Withdrawn stories are never indexed (the callers skip them); the type says so. */
function liveStatus(status: StoryFields['status']): PassageDocument['status'] {
  if (status === 'withdrawn') throw new Error('a withdrawn story has no passages to index');
  return status;
}

type PassageRow = Pick<ChunkRow, 'id' | 'ordinal' | 'text' | 'startChar' | 'endChar' | 'speaker' | 'startSeconds' | 'endSeconds' | 'embedding' | 'model'>;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function passageDocuments(story: StoryFields, rows: readonly PassageRow[], suggested: readonly string[]): PassageDocument[] {
  const audience = story.scopes ? audiencesOf(story.scopes) : [];
  const themes = [...new Set([...story.confirmedThemes, ...suggested])];
  return rows.map((row) => ({
    id: row.id,
    storyId: story.id,
    ordinal: row.ordinal,
    text: row.text,
    title: story.title ?? '',
    language: story.language,
    kind: story.kind,
    status: liveStatus(story.status),
    audience,
    themes,
    confirmedThemes: story.confirmedThemes,
    contentWarnings: story.contentWarnings,
    startChar: row.startChar,
    endChar: row.endChar,
    ...(row.speaker !== null ? { speaker: row.speaker } : {}),
    ...(row.startSeconds !== null ? { startSeconds: row.startSeconds } : {}),
    ...(row.endSeconds !== null ? { endSeconds: row.endSeconds } : {}),
    embedding: { model: row.model, vector: Array.from(row.embedding) },
  }));
}
