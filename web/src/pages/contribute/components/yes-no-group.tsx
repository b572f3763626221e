import type { Scope } from '../../../api/types.js';
import type { Choice } from '../contribute-types.js';
import type { Answer } from '../draft.js';
import { useMessages } from '../messages.js';
import { describedBy } from '../../../components/field-error.js';

interface Props {
  readonly idPrefix: string;
  readonly choice: Choice<Scope>;
  readonly value: Answer;
  readonly onChange: (value: boolean) => void;
  /** The id of an error that concerns this group, when one is shown. */
  readonly errorId?: string | null;
}

/** One scope as a yes/no radio group with its plain-words explanation; neither is checked until answered. */
export function YesNoGroup({ idPrefix, choice, value, onChange, errorId }: Props) {
  const { t } = useMessages();
  const name = `${idPrefix}-${choice.id}`;
  const explanation = `${name}-explanation`;
  return (
    <fieldset class="choice-group" aria-describedby={describedBy(explanation, errorId)} aria-invalid={errorId ? true : undefined} data-scope={choice.id}>
      <legend>{choice.title}</legend>
      <p id={explanation} class="hint">
        {choice.explanation}
      </p>
      <div class="yes-no">
        {([true, false] as const).map((answer) => (
          <label key={String(answer)} class="radio">
            <input type="radio" name={name} value={answer ? 'yes' : 'no'} checked={value === answer} onChange={() => onChange(answer)} />
            {answer ? t('scopes.yes') : t('scopes.no')}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
