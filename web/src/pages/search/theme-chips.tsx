import type { Counts, Theme } from '../../api/types.js';
import { themeDescription, themeLabel } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';

interface Props {
  readonly themes: readonly Theme[];
  /** The same themes by slug (useThemes builds it once). */
  readonly bySlug: ReadonlyMap<string, Theme>;
  readonly selected: readonly string[];
  /** Stories per theme for the current query; absent before a search (the taxonomy's own counts then). */
  readonly counts: Counts | null;
  readonly onToggle: (slug: string) => void;
}

/**
 * The taxonomy as toggle buttons (aria-pressed), each with its count of stories. What each theme
 * means is written out under «Hva temaene betyr» (a disclosure anyone can open, by keyboard too),
 * not only in a hover title.
 */
export function ThemeChips({ themes, bySlug, selected, counts, onToggle }: Props) {
  const { t, lang, number } = useI18n();
  // A theme in the URL that the taxonomy does not list stays visible, so it can be removed.
  const extra = selected.filter((slug) => !bySlug.has(slug));
  const described = themes.filter((theme) => themeDescription(bySlug, theme.slug, lang) !== '');
  return (
    <fieldset class="theme-chips">
      <legend>{t('search.themes')}</legend>
      <p class="hint" id="theme-hint">
        {t('search.themesHint')}
      </p>
      <ul class="chip-list">
        {[...themes.map((th) => th.slug), ...extra].map((slug) => {
          const theme = bySlug.get(slug);
          const count = counts ? (counts[slug] ?? 0) : (theme?.count ?? 0);
          const description = themeDescription(bySlug, slug, lang);
          return (
            <li key={slug}>
              <button
                type="button"
                class="chip"
                aria-pressed={selected.includes(slug)}
                aria-describedby="theme-hint"
                title={description || undefined}
                onClick={() => onToggle(slug)}
              >
                <span class="chip-label">{themeLabel(bySlug, slug, lang)}</span> <span class="chip-count">({number(count)})</span>
              </button>
            </li>
          );
        })}
      </ul>
      {described.length > 0 && (
        <details class="theme-descriptions">
          <summary>{t('search.themesAbout')}</summary>
          <dl>
            {described.map((theme) => (
              <div key={theme.slug}>
                <dt>{themeLabel(bySlug, theme.slug, lang)}</dt>
                <dd>{themeDescription(bySlug, theme.slug, lang)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </fieldset>
  );
}
