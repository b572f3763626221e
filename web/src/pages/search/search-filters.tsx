import { STORY_KINDS, type Counts, type StoryKind } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { toggle, type SearchState } from '../../lib/search-state.js';

/** Warnings offered even before a result shows one: the words the archive's editors use most. */
export const COMMON_WARNINGS = ['selvmord', 'selvskading', 'vold', 'overgrep', 'tvang', 'rusbruk', 'dødsfall'] as const;

interface Props {
  readonly state: SearchState;
  readonly facets: { readonly language: Counts; readonly kind: Counts } | null;
  /** Content warnings seen in the results so far (besides the common ones). */
  readonly seenWarnings: readonly string[];
  readonly onChange: (next: SearchState) => void;
}

/** Language, kind, and content warnings to hide: each change is a new history entry. */
export function SearchFilters({ state, facets, seenWarnings, onChange }: Props) {
  const { t, tOr, number, languageName } = useI18n();
  const languages = [...new Set(['nb', 'nn', 'en', ...Object.keys(facets?.language ?? {}), ...(state.lang ? [state.lang] : [])])];
  const warnings = [...new Set([...COMMON_WARNINGS, ...seenWarnings, ...state.hide])];
  const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${number(count)})`);
  return (
    <fieldset class="filters">
      <legend>{t('search.filters')}</legend>
      <div class="filter">
        <label for="filter-lang">{t('search.language')}</label>
        <select id="filter-lang" value={state.lang ?? ''} onChange={(e) => onChange({ ...state, lang: e.currentTarget.value || null })}>
          <option value="">{t('search.language.any')}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {withCount(languageName(code), facets?.language[code])}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="filter">
        <legend>{t('search.kind')}</legend>
        {([null, ...STORY_KINDS] as (StoryKind | null)[]).map((kind) => (
          <label key={kind ?? 'any'} class="choice">
            <input type="radio" name="kind" checked={state.kind === kind} onChange={() => onChange({ ...state, kind })} />
            {kind === null ? t('search.kind.any') : withCount(t(`search.kind.${kind}`), facets?.kind[kind])}
          </label>
        ))}
      </fieldset>
      <fieldset class="filter">
        <legend>{t('search.hide')}</legend>
        <p class="hint">{t('search.hideHint')}</p>
        <ul class="choice-list">
          {warnings.map((warning) => (
            <li key={warning}>
              <label class="choice">
                <input type="checkbox" checked={state.hide.includes(warning)} onChange={() => onChange({ ...state, hide: toggle(state.hide, warning) })} />
                {tOr(`warning.${warning}`, warning)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </fieldset>
  );
}
