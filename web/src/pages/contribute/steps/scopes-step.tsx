import { useState } from 'preact/hooks';
import { FieldError } from '../../../components/field-error.js';
import { StepForm } from '../components/step-form.js';
import { YesNoGroup } from '../components/yes-no-group.js';
import { anyUseAllowed, unansweredScopes } from '../draft.js';
import { useMessages } from '../messages.js';
import type { ChoiceStepProps } from './step-props.js';


const ERROR_ID = 'scopes-error';

/** Step 2: each use a separate yes/no, none pre-selected; Next needs every answer and one use allowed. */
export function ScopesStep({ draft, update, consentText, focusHeading, onNext, onBack }: ChoiceStepProps) {
  const { t, list } = useMessages();
  const [tried, setTried] = useState(false);
  const unanswered = unansweredScopes(draft);
  const problem = !tried
    ? null
    : unanswered.length > 0
      ? t('scopes.error.unanswered', { scopes: list(consentText.scopes.filter((c) => unanswered.includes(c.id)).map((c) => c.title)) })
      : !anyUseAllowed(draft.scopes)
        ? t('scopes.error.noUse')
        : null;

  const next = () => {
    setTried(true);
    if (unanswered.length === 0 && anyUseAllowed(draft.scopes)) return onNext();
    // To the first group that needs an answer (or the first, when every use is «no»).
    const target = unanswered[0] ?? consentText.scopes[0]?.id;
    document.querySelector<HTMLInputElement>(`input[name="scope-${target}"]`)?.focus();
  };

  return (
    <StepForm id="step-scopes" heading={t('steps.scopes')} focusHeading={focusHeading} onNext={next} onBack={onBack}>
      <p>{t('scopes.intro')}</p>
      {consentText.scopes.map((choice) => (
        <YesNoGroup
          key={choice.id}
          idPrefix="scope"
          choice={choice}
          value={draft.scopes[choice.id]}
          errorId={problem && (unanswered.length === 0 || unanswered.includes(choice.id)) ? ERROR_ID : null}
          onChange={(answer) => update({ scopes: { ...draft.scopes, [choice.id]: answer } })}
        />
      ))}
      <FieldError id={ERROR_ID} message={problem} />
    </StepForm>
  );
}
