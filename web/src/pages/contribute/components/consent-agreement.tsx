import { describedBy, FieldError } from '../../../components/field-error.js';
import type { ConsentText } from '../contribute-types.js';
import { MarkdownView } from '../markdown-view.js';
import { useMessages } from '../messages.js';

/** The consent text as the contributor reads it before agreeing: focusable, so it scrolls by keyboard. */
export function ConsentTextView({ consentText }: { readonly consentText: ConsentText }) {
  const { t } = useMessages();
  return (
    <section class="consent-text" tabIndex={0} aria-label={t('consent.textLabel', { version: consentText.version })} lang={consentText.language}>
      <MarkdownView source={consentText.text} topLevel={3} />
    </section>
  );
}

interface AgreeProps {
  /** The checkbox's id; its error is `${id}-error`. */
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly error: string | null;
  readonly onChange: (checked: boolean) => void;
}

/** «I have read and agree»: the box, and its error when the contributor went on without ticking it. */
export function AgreeCheckbox({ id, label, checked, error, onChange }: AgreeProps) {
  return (
    <>
      <label class="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && `${id}-error`)}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}
