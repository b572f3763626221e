import { useRef } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { themeLabel, useThemes } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';
import { EMPTY_SEARCH, parseSearchParams, searchUrl, toggle, type SearchState } from '../../lib/search-state.js';
import { navigate, useLocation } from '../../router.js';
import { rememberSearch } from './last-search.js';
import { ResultCard } from './result-card.js';
import { SearchFilters } from './search-filters.js';
import { ThemeChips } from './theme-chips.js';
import { useSearch, type SearchView } from './use-search.js';

const TYPING_DEBOUNCE_MS = 250;

/**
 * `/`: the search box, theme chips, filters and results. The URL is the state: typing replaces
 * the history entry (after pushing one at the first key, so back returns to the previous search);
 * a submit, a chip or a filter pushes one.
 */
export function SearchPage() {
  const { t } = useI18n();
  const location = useLocation();
  const state = parseSearchParams(location.query);
  rememberSearch(location.href);
  const typing = useRef(false);
  const lastChange = useRef<'typing' | 'commit'>('commit');
  if (location.via === 'pop' || location.via === 'load') lastChange.current = 'commit';
  const search = useSearch(state, lastChange.current === 'typing' ? TYPING_DEBOUNCE_MS : 0);
  const themes = useThemes();
  useDocumentTitle(state.q.trim() ? `${state.q.trim()} – ${t('search.title')}` : t('search.title'));

  const onType = (q: string) => {
    const first = !typing.current;
    typing.current = true;
    lastChange.current = 'typing';
    navigate(searchUrl({ ...state, q }), { replace: !first });
  };
  const commit = (next: SearchState) => {
    typing.current = false;
    lastChange.current = 'commit';
    navigate(searchUrl(next));
  };
  // The empty state's buttons disappear with the answer they change: focus goes to the search box.
  const input = useRef<HTMLInputElement>(null);
  const commitFromEmptyState = (next: SearchState) => {
    commit(next);
    input.current?.focus();
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    typing.current = false;
    lastChange.current = 'commit';
    search.now();
  };

  const { view } = search;
  const seenWarnings = [...new Set(view.results.flatMap((r) => r.story.contentWarnings))];
  return (
    <div class="search-page">
      <h1>{t('search.title')}</h1>
      <p class="intro">{t('search.intro')}</p>
      <form role="search" class="search-form" onSubmit={onSubmit} aria-label={t('search.label')}>
        <label for="search-q" class="search-label">
          {t('search.label')}
        </label>
        <div class="search-row">
          <input
            ref={input}
            id="search-q"
            type="search"
            name="q"
            value={state.q}
            maxLength={500}
            autoComplete="off"
            spellcheck={true}
            placeholder={t('search.placeholder')}
            onInput={(e) => onType(e.currentTarget.value)}
          />
          <button type="submit" class="button button-primary">
            {t('search.submit')}
          </button>
        </div>
      </form>

      <div class="search-layout">
        <aside class="search-side">
          {themes.error ? (
            <ErrorNotice error={themes.error} onRetry={themes.retry} />
          ) : (
            <ThemeChips themes={themes.themes} bySlug={themes.bySlug} selected={state.themes} counts={view.response?.facets.themes ?? null} onToggle={(slug) => commit({ ...state, themes: toggle(state.themes, slug) })} />
          )}
          <details class="filters-box" open={Boolean(state.lang || state.kind || state.hide.length)}>
            <summary>{t('search.filters')}</summary>
            <SearchFilters state={state} facets={view.response?.facets ?? null} seenWarnings={seenWarnings} onChange={commit} />
          </details>
        </aside>
        <section class="search-results" aria-labelledby="results-heading" aria-busy={view.status === 'loading'}>
          <h2 id="results-heading" class="visually-hidden">
            {t('search.title')}
          </h2>
          <ResultCount view={view} />
          <Results view={view} state={state} themes={themes} onRetry={search.retry} onMore={search.loadMore} onClear={() => commitFromEmptyState({ ...EMPTY_SEARCH, q: state.q })} onTheme={(slug) => commitFromEmptyState({ ...EMPTY_SEARCH, themes: [slug] })} />
        </section>
      </div>
    </div>
  );
}

/** The live region: screen readers hear the count once each search settles (nothing beside an error). */
function ResultCount({ view }: { readonly view: SearchView }) {
  const { t, tn } = useI18n();
  const total = view.response?.total;
  const text = view.status === 'idle' || view.status === 'error' || total === undefined ? '' : total === 0 ? t('search.countNone') : tn('search.count', total);
  return (
    <p class="result-count" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}

interface ResultsProps {
  readonly view: SearchView;
  readonly state: SearchState;
  readonly themes: ReturnType<typeof useThemes>;
  readonly onRetry: () => void;
  readonly onMore: () => void;
  readonly onClear: () => void;
  readonly onTheme: (slug: string) => void;
}

function Results({ view, state, themes, onRetry, onMore, onClear, onTheme }: ResultsProps) {
  const { t, lang, number } = useI18n();
  if (view.status === 'idle') return <p class="start-hint">{t('search.start')}</p>;
  if (view.status === 'error') return <ErrorNotice error={view.error} onRetry={onRetry} />;
  if (!view.response) return <Loading label={t('search.searching')} />;
  const { response, results } = view;
  const filtered = Boolean(state.lang || state.kind || state.hide.length || (state.q.trim() && state.themes.length));
  const stale = view.status === 'loading';
  return (
    <div class={stale ? 'results stale' : 'results'}>
      {stale && <Loading label={t('search.searching')} />}
      {response.degraded && response.degraded.length > 0 && <p class="notice notice-quiet">{t('search.degraded')}</p>}
      {response.recognisedThemes.length > 0 && (
        <p class="recognised">{t('search.recognised', { themes: response.recognisedThemes.map((s) => themeLabel(themes.bySlug, s, lang)).join(', ') })}</p>
      )}
      {results.length === 0 ? (
        <EmptyState filtered={filtered} themes={themes} onClear={onClear} onTheme={onTheme} />
      ) : (
        <>
          <ol class="result-list">
            {results.map((result) => (
              <li key={result.story.id}>
                <ResultCard result={result} themes={themes.bySlug} />
              </li>
            ))}
          </ol>
          <p class="shown">{t('search.shown', { shown: number(results.length), total: number(response.total) })}</p>
          {view.more.error !== null && <ErrorNotice error={view.more.error} onRetry={onMore} />}
          {/* Hidden while a newer search loads: its cursor belongs to the answer on screen. */}
          {view.nextCursor && view.more.error === null && !stale && (
            <button type="button" class="button" onClick={onMore} disabled={view.more.loading}>
              {view.more.loading ? t('search.loadingMore') : t('search.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function EmptyState({ filtered, themes, onClear, onTheme }: { readonly filtered: boolean; readonly themes: ReturnType<typeof useThemes>; readonly onClear: () => void; readonly onTheme: (slug: string) => void }) {
  const { t, lang } = useI18n();
  const suggested = [...themes.themes].sort((a, b) => b.count - a.count).slice(0, 3);
  return (
    <div class="empty">
      <h3>{t('search.empty.title')}</h3>
      <p>{t('search.empty.body')}</p>
      <ul>
        <li>
          {t('search.empty.theme')}{' '}
          {suggested.map((theme, i) => (
            <span key={theme.slug}>
              {i > 0 && ', '}
              <button type="button" class="link-button" onClick={() => onTheme(theme.slug)}>
                {themeLabel(themes.bySlug, theme.slug, lang)}
              </button>
            </span>
          ))}
        </li>
        <li>{t('search.empty.fewer')}</li>
        <li>{t('search.empty.language')}</li>
        {filtered && (
          <li>
            {t('search.empty.filters')}{' '}
            <button type="button" class="link-button" onClick={onClear}>
              {t('search.empty.removeFilters')}
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
