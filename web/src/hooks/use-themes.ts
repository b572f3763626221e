import { useEffect, useState } from 'preact/hooks';
import { listThemes } from '../api/endpoints.js';
import type { Theme } from '../api/types.js';
import type { Language } from '../i18n/i18n.js';

/**
 * The theme taxonomy, fetched once per visit and shared by every page (labels for slugs). Its
 * counts are the caller's at that time; the search page shows the query's own counts instead.
 */

let themes: Promise<readonly Theme[]> | null = null;

function loadThemes(): Promise<readonly Theme[]> {
  themes ??= listThemes().then(
    (response) => response.themes,
    (error: unknown) => {
      themes = null; // try again next time instead of keeping the failure
      throw error;
    },
  );
  return themes;
}

export interface ThemesState {
  readonly themes: readonly Theme[];
  readonly error: unknown;
  readonly bySlug: ReadonlyMap<string, Theme>;
  readonly retry: () => void;
}

export function useThemes(): ThemesState {
  const [state, setState] = useState<{ themes: readonly Theme[]; error: unknown }>({ themes: [], error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loadThemes().then(
      (loaded) => live && setState({ themes: loaded, error: null }),
      (error: unknown) => live && setState({ themes: [], error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return { ...state, bySlug: new Map(state.themes.map((t) => [t.slug, t])), retry: () => setAttempt((n) => n + 1) };
}

/** A theme's label in the UI language; the slug itself for a theme the taxonomy does not (yet) hold. */
export function themeLabel(bySlug: ReadonlyMap<string, Theme>, slug: string, lang: Language): string {
  const theme = bySlug.get(slug);
  if (!theme) return slug;
  return lang === 'en' ? theme.labelEn : theme.labelNb;
}
