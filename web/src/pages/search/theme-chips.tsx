import type { Counts, Theme } from '../../api/types.js';
import { themeLabel } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';

interface Props {
  readonly themes: readonly Theme[];
  readonly selected: readonly string[];
  /** Stories per theme for the current query; absent before a search (the taxonomy's own counts then). */
  readonly counts: Counts | null;
  readonly onToggle: (slug: string) => void;
}

/** The taxonomy as toggle buttons (aria-pressed), each with its count of stories. */
export function ThemeChips({ themes, selected, counts, onToggle }: Props) {
  const { t, lang, number } = useI18n();
  const known = new Set(themes.map((th) => th.slug));
  // A theme in the URL that the taxonomy does not list stays visible, so it can be removed.
  const extra = selected.filter((slug) => !known.has(slug));
  return (
    <fieldset class="theme-chips">
      <legend>{t('search.themes')}</legend>
      <p class="hint" id="theme-hint">
        {t('search.themesHint')}
      </p>
      <ul class="chip-list">
        {[...themes.map((th) => th.slug), ...extra].map((slug) => {
          const theme = themes.find((th) => th.slug === slug);
          const count = counts ? (counts[slug] ?? 0) : (theme?.count ?? 0);
          const pressed = selected.includes(slug);
          return (
            <li key={slug}>
              <button
                type="button"
                class="chip"
                aria-pressed={pressed}
                aria-describedby="theme-hint"
                title={theme ? (lang === 'en' ? theme.descriptionEn : theme.descriptionNb) : undefined}
                onClick={() => onToggle(slug)}
              >
                <span class="chip-label">{themeLabel(new Map(theme ? [[slug, theme]] : []), slug, lang)}</span>{' '}
                <span class="chip-count">({number(count)})</span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
