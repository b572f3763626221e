import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../../components/error-notice.js';
import { Loading } from '../../../components/loading.js';
import { themeLabel, useThemes } from '../../../hooks/use-themes.js';
import { useI18n } from '../../../i18n/i18n.js';
import { classifyStory, type ReviewView } from '../staff-api.js';
import { useStaffText } from '../messages.js';

interface Props {
  readonly view: ReviewView;
  readonly onChange: (view: ReviewView, message: string) => void;
}

/** Warnings as typed: one per line (commas also split), trimmed, no blanks or repeats. */
export const parseWarnings = (text: string): string[] => [...new Set(text.split(/[\n,]/).map((w) => w.trim()).filter((w) => w !== ''))];

/**
 * The confirmed themes as checkboxes: first the ones someone suggested (the contributor, the
 * indexer with its score) or already confirmed, then every other theme; content warnings as text.
 */
export function ThemesPanel({ view, onChange }: Props) {
  const { t: s } = useStaffText();
  const { lang, number } = useI18n();
  const themes = useThemes();
  const { story } = view;
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set(story.confirmedThemes));
  const [warnings, setWarnings] = useState(story.contentWarnings.join('\n'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const suggested = new Map(story.suggestedThemes.map((t) => [t.slug, t.score]));
  const fromContributor = new Set(story.contributorThemes);
  const proposed = [...new Set([...story.confirmedThemes, ...story.contributorThemes, ...story.suggestedThemes.map((t) => t.slug)])];
  const toggle = (slug: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(slug);
    else next.delete(slug);
    setChecked(next);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const next = await classifyStory(story.id, { themes: [...checked], contentWarnings: parseWarnings(warnings) });
      onChange(next, s('themes.saved'));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const box = (slug: string) => {
    const notes = [
      fromContributor.has(slug) ? s('themes.fromContributor') : null,
      suggested.has(slug) ? s('themes.fromIndexer', { score: number(Math.round(suggested.get(slug)! * 100) / 100) }) : null,
    ].filter((n) => n !== null);
    return (
      <li key={slug}>
        <label>
          <input type="checkbox" checked={checked.has(slug)} onChange={(e) => toggle(slug, e.currentTarget.checked)} />
          {themeLabel(themes.bySlug, slug, lang)}
          {notes.length > 0 && <span class="hint"> – {notes.join('; ')}</span>}
        </label>
      </li>
    );
  };

  return (
    <section class="review-section" aria-labelledby="themes-title">
      <h2 id="themes-title">{s('themes.title')}</h2>
      <form class="staff-form" onSubmit={(e) => void save(e)}>
        {!themes.ready && themes.error === null && <Loading />}
        {themes.error !== null && <ErrorNotice error={themes.error} onRetry={themes.retry} title={s('themes.loadFailed')} />}
        {themes.ready && (
          <fieldset>
            <legend>{s('themes.legend')}</legend>
            <ul class="checkbox-list">{proposed.map(box)}</ul>
            <details>
              <summary>{s('themes.others')}</summary>
              <ul class="checkbox-list">
                {themes.themes.filter((t) => !proposed.includes(t.slug)).map((t) => box(t.slug))}
              </ul>
            </details>
          </fieldset>
        )}
        <div class="field">
          <label for="content-warnings">{s('themes.warnings')}</label>
          <textarea id="content-warnings" rows={3} value={warnings} onInput={(e) => setWarnings(e.currentTarget.value)} aria-describedby="content-warnings-hint" />
          <span id="content-warnings-hint" class="hint">
            {s('themes.warningsHint')}
          </span>
        </div>
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" class="button" disabled={busy || !themes.ready}>
          {busy ? s('themes.saving') : s('themes.save')}
        </button>
      </form>
    </section>
  );
}
