import { useMemo } from 'preact/hooks';
import { listThemes } from '../api/endpoints.js';
import type { Theme } from '../api/types.js';
import type { Language } from '../i18n/i18n.js';
import { useSession } from '../session.js';
import { useApi } from './use-api.js';

/**
 * The theme taxonomy, fetched once per visit and account and shared by every page (labels for
 * slugs): `const { themes, bySlug, error, retry } = useThemes()`, then `themeLabel(bySlug, slug, lang)`.
 * Its counts are what the signed-in account (or an anonymous visitor) may read, so the cache belongs
 * to one account: a sign-in or sign-out empties it. The search page shows the query's own counts.
 */

let cache: { readonly account: string; readonly themes: Promise<readonly Theme[]> } | null = null;
/** The loaded list, so a page mounting again (back to the search) has its chips in the first render. */
let loaded: { readonly account: string; readonly themes: readonly Theme[] } | null = null;

function loadThemes(account: string): Promise<readonly Theme[]> {
  if (cache?.account !== account) {
    const themes = listThemes().then(
      (response) => {
        if (cache?.themes === themes) loaded = { account, themes: response.themes };
        return response.themes;
      },
      (error: unknown) => {
        if (cache?.themes === themes) cache = null; // try again next time instead of keeping the failure
        throw error;
      },
    );
    cache = { account, themes };
  }
  return cache.themes;
}

export interface ThemesState {
  readonly themes: readonly Theme[];
  readonly error: unknown;
  /** The list is known (loaded now or earlier in the visit): false while it loads and after an error. */
  readonly ready: boolean;
  readonly bySlug: ReadonlyMap<string, Theme>;
  readonly retry: () => void;
}

const NONE: readonly Theme[] = [];

export function useThemes(): ThemesState {
  const { user } = useSession();
  // Until the session is known the counts could be anyone's: wait for it.
  const account = user === undefined ? null : (user?.id ?? 'anonymous');
  const state = useApi(() => (account === null ? new Promise<never>(() => undefined) : loadThemes(account)), [account]);
  const earlier = loaded !== null && loaded.account === account ? loaded.themes : null;
  const themes = state.status === 'ok' ? state.data : (earlier ?? NONE);
  const bySlug = useMemo(() => new Map(themes.map((t) => [t.slug, t])), [themes]);
  return { themes, error: state.status === 'error' ? state.error : null, ready: state.status === 'ok' || earlier !== null, bySlug, retry: state.retry };
}

/** A theme's label in the UI language; the slug itself for a theme the taxonomy does not (yet) hold. */
export function themeLabel(bySlug: ReadonlyMap<string, Theme>, slug: string, lang: Language): string {
  const theme = bySlug.get(slug);
  if (!theme) return slug;
  return lang === 'en' ? theme.labelEn : theme.labelNb;
}

/** A theme's description in the UI language; '' when unknown. */
export function themeDescription(bySlug: ReadonlyMap<string, Theme>, slug: string, lang: Language): string {
  const theme = bySlug.get(slug);
  if (!theme) return '';
  return lang === 'en' ? theme.descriptionEn : theme.descriptionNb;
}
