import type { Db } from '../../db/db.js';
import { createThemeEmbeddingRepository, type ThemeEmbedding } from '../../services/repositories/theme-embedding.repository.js';
import { createThemeRepository, type Theme } from '../../services/repositories/theme.repository.js';
import type { Embedder } from '../embedding/embedder.js';
import { sha256Hex } from '../indexing/chunk-id.js';

/** A theme as theme suggestion (and later search) compares it: its vocabulary and description vectors. */
export interface ThemeProfile {
  readonly theme: Theme;
  /** The nb and en descriptions, embedded as queries: a theme asks "which passages speak of me?". */
  readonly vectors: readonly Float32Array[];
}

export interface ThemeProfileSource {
  /** The taxonomy with vectors for the loaded model; embeds what is missing or out of date, once. */
  get(): Promise<readonly ThemeProfile[]>;
  /** Forget the cache after the taxonomy changes (the admin issue edits themes). */
  invalidate(): void;
}

export function createThemeProfileSource(deps: { db: Db; embedder: Embedder }): ThemeProfileSource {
  let cached: Promise<readonly ThemeProfile[]> | undefined;
  return {
    get() {
      cached ??= build(deps).catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** What each description vector is made from; its hash tells when the stored vector is stale. */
export function themeText(theme: Theme, language: 'nb' | 'en'): string {
  return language === 'nb' ? `${theme.labelNb}. ${theme.descriptionNb}` : `${theme.labelEn}. ${theme.descriptionEn}`;
}

async function build({ db, embedder }: { db: Db; embedder: Embedder }): Promise<readonly ThemeProfile[]> {
  const model = embedder.profile.id;
  const themes = await createThemeRepository(db).list();
  const repository = createThemeEmbeddingRepository(db);
  const stored = new Map((await repository.forModel(model)).map((row) => [`${row.slug}/${row.language}`, row]));
  const wanted = themes.flatMap((theme) =>
    (['nb', 'en'] as const).map((language) => ({ theme, language, text: themeText(theme, language) })),
  );
  const missing = wanted.filter((w) => stored.get(`${w.theme.slug}/${w.language}`)?.textSha256 !== sha256Hex(w.text));
  if (missing.length > 0) {
    const vectors = await embedder.embedQueries(missing.map((m) => m.text));
    const rows: ThemeEmbedding[] = missing.map((m, i) => ({
      slug: m.theme.slug,
      language: m.language,
      textSha256: sha256Hex(m.text),
      embedding: vectors[i]!,
    }));
    await repository.upsert(model, rows);
    for (const row of rows) stored.set(`${row.slug}/${row.language}`, row);
  }
  return themes.map((theme) => ({
    theme,
    vectors: (['nb', 'en'] as const).map((language) => stored.get(`${theme.slug}/${language}`)!.embedding),
  }));
}
