import { useState } from 'preact/hooks';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { StepForm } from '../components/step-form.js';
import { displayProblem } from '../draft.js';
import { useMessages } from '../messages.js';
import type { ChoiceStepProps } from './step-props.js';


/** Step 3: named, a pseudonym, or anonymous — with the consent text's own explanation of each. */
export function DisplayStep({ draft, update, consentText, focusHeading, onNext, onBack }: ChoiceStepProps) {
  const { t } = useMessages();
  const [tried, setTried] = useState(false);
  const problem = tried ? displayProblem(draft) : null;

  const next = () => {
    setTried(true);
    const found = displayProblem(draft);
    if (!found) return onNext();
    document.getElementById(found === 'name' ? 'display-name' : 'display-name-mode-name')?.focus();
  };

  return (
    <StepForm id="step-display" heading={t('steps.display')} focusHeading={focusHeading} onNext={next} onBack={onBack}>
      <fieldset class="choice-group" aria-describedby={describedBy('display-intro', problem === 'mode' && 'display-error')}>
        <legend>{t('display.legend')}</legend>
        <p id="display-intro" class="hint">
          {t('display.intro')}
        </p>
        {consentText.display.map((choice) => (
          <div key={choice.id} class="radio-with-explanation">
            <label class="radio">
              <input
                id={`display-name-mode-${choice.id}`}
                type="radio"
                name="display-mode"
                value={choice.id}
                checked={draft.displayMode === choice.id}
                aria-describedby={`display-${choice.id}-explanation`}
                onChange={() => update({ displayMode: choice.id })}
              />
              {choice.title}
            </label>
            <p id={`display-${choice.id}-explanation`} class="hint">
              {choice.explanation}
            </p>
          </div>
        ))}
        <FieldError id="display-error" message={problem === 'mode' ? t('display.error.mode') : null} />
      </fieldset>
      {(draft.displayMode === 'name' || draft.displayMode === 'pseudonym') && (
        <div class="field">
          <label for="display-name">{t(draft.displayMode === 'name' ? 'display.name' : 'display.pseudonym')}</label>
          <input
            id="display-name"
            type="text"
            value={draft.displayName}
            maxLength={120}
            autoComplete={draft.displayMode === 'name' ? 'name' : 'off'}
            aria-invalid={problem === 'name' ? true : undefined}
            aria-describedby={describedBy(problem === 'name' && 'display-name-error')}
            onInput={(e) => update({ displayName: e.currentTarget.value })}
          />
          <FieldError id="display-name-error" message={problem === 'name' ? t('display.error.name') : null} />
        </div>
      )}
    </StepForm>
  );
}
