import { useState } from 'preact/hooks';
import { themeLabel, type ThemesState } from '../../../hooks/use-themes.js';
import { ChipInput } from '../components/chip-input.js';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { StepForm } from '../components/step-form.js';
import { STORY_LANGUAGES } from '../../../api/types.js';
import { writeProblems, type Draft, type WriteProblem } from '../draft.js';
import { formatSize, isAcceptedFile } from '../file-check.js';
import { useMessages, type ContributeKey } from '../messages.js';

interface Props {
  readonly draft: Draft;
  readonly update: (change: Partial<Draft>) => void;
  readonly file: File | null;
  readonly setFile: (file: File | null) => void;
  readonly themes: ThemesState;
  readonly focusHeading: boolean;
  readonly onNext: () => void;
}

const FOCUS_TARGET: Record<WriteProblem, string> = { title: 'story-title', text: 'story-text', file: 'story-file' };

/** Step 1: the story itself — typed, or a transcript file — with its title, language, themes and warnings. */
export function WriteStep({ draft, update, file, setFile, themes, focusHeading, onNext }: Props) {
  const { t, lang } = useMessages();
  const [problems, setProblems] = useState<readonly WriteProblem[]>([]);
  const [refused, setRefused] = useState<string | null>(null);
  const error = (p: WriteProblem) => (problems.includes(p) ? t(`write.error.${p}` as ContributeKey) : null);
  const fileError = refused ? t('write.fileRefused', { name: refused }) : error('file');

  const next = () => {
    const found = writeProblems(draft, file !== null);
    setProblems(found);
    if (found.length === 0) return onNext();
    document.getElementById(FOCUS_TARGET[found[0]!])?.focus();
  };

  return (
    <StepForm id="step-write" heading={t('steps.write')} focusHeading={focusHeading} onNext={next}>
      <div class="field">
        <label for="story-title">{t('write.title')}</label>
        <p id="story-title-hint" class="hint">
          {t('write.titleHint')}
        </p>
        <input
          id="story-title"
          type="text"
          value={draft.title}
          maxLength={300}
          autoComplete="off"
          aria-invalid={error('title') ? true : undefined}
          aria-describedby={describedBy('story-title-hint', error('title') && 'story-title-error')}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
        <FieldError id="story-title-error" message={error('title')} />
      </div>

      <div class="field">
        <label for="story-language">{t('write.language')}</label>
        <select id="story-language" value={draft.language} onChange={(e) => update({ language: e.currentTarget.value as Draft['language'] })}>
          {STORY_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`write.lang.${l}` as ContributeKey)}
            </option>
          ))}
        </select>
      </div>

      <fieldset class="choice-group">
        <legend>{t('write.source')}</legend>
        {(['text', 'file'] as const).map((source) => (
          <label key={source} class="radio">
            <input type="radio" name="story-source" value={source} checked={draft.source === source} onChange={() => update({ source })} />
            {t(`write.source.${source}`)}
          </label>
        ))}
      </fieldset>

      {draft.source === 'text' ? (
        <div class="field">
          <label for="story-text">{t('write.text')}</label>
          <p id="story-text-hint" class="hint">
            {t('write.textHint')}
          </p>
          <textarea
            id="story-text"
            rows={14}
            value={draft.text}
            aria-invalid={error('text') ? true : undefined}
            aria-describedby={describedBy('story-text-hint', error('text') && 'story-text-error')}
            onInput={(e) => update({ text: e.currentTarget.value })}
          />
          <FieldError id="story-text-error" message={error('text')} />
        </div>
      ) : (
        <div class="field">
          <label for="story-file">{t('write.file')}</label>
          <p id="story-file-hint" class="hint">
            {t('write.fileHint')}
          </p>
          <input
            id="story-file"
            type="file"
            accept=".txt,.vtt,.srt,text/plain,text/vtt"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy('story-file-hint', 'story-file-status', fileError && 'story-file-error')}
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0] ?? null;
              if (chosen && !isAcceptedFile(chosen.name)) {
                // Refused before anything is sent; the input is emptied so the wrong file cannot go.
                e.currentTarget.value = '';
                setRefused(chosen.name);
                setFile(null);
                update({ file: null });
                return;
              }
              setRefused(null);
              setFile(chosen);
              update({ file: chosen ? { name: chosen.name, size: chosen.size } : null });
            }}
          />
          <p id="story-file-status" class="file-status" aria-live="polite">
            {file
              ? t('write.fileChosen', { name: file.name, size: formatSize(file.size, lang) })
              : draft.file
                ? t('write.fileAgain', { name: draft.file.name, size: formatSize(draft.file.size, lang) })
                : ''}
          </p>
          <FieldError id="story-file-error" message={fileError} />
        </div>
      )}

      <fieldset class="choice-group themes">
        <legend>{t('write.themes')}</legend>
        <p class="hint">{t('write.themesHint')}</p>
        {themes.error !== null && <p class="hint">{t('write.themesMissing')}</p>}
        {themes.ready && (
          <ul class="checkbox-list">
            {themes.themes.map((theme) => (
              <li key={theme.slug}>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    value={theme.slug}
                    checked={draft.themes.includes(theme.slug)}
                    onChange={(e) => update({ themes: e.currentTarget.checked ? [...draft.themes, theme.slug] : draft.themes.filter((s) => s !== theme.slug) })}
                  />
                  {themeLabel(themes.bySlug, theme.slug, lang)}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <ChipInput id="story-warnings" label={t('write.warnings')} hint={t('write.warningsHint')} values={draft.contentWarnings} onChange={(contentWarnings) => update({ contentWarnings })} />
    </StepForm>
  );
}
