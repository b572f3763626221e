import { useEffect, useRef, useState } from 'preact/hooks';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { useMessages } from '../messages.js';

interface Props {
  /** Why the last code did not open a story, when it did not. */
  readonly problem: string | null;
  readonly onOpen: (code: string) => void;
}

/** The receipt code is typed here and sent in a header; it never goes into the URL. */
export function CodeForm({ problem, onOpen }: Props) {
  const { t } = useMessages();
  const [code, setCode] = useState('');
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const error = empty ? t('status.codeMissing') : problem;
  useEffect(() => {
    if (problem) input.current?.focus();
  }, [problem]);
  return (
    <form
      class="code-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = code.trim();
        setEmpty(trimmed === '');
        if (trimmed !== '') onOpen(trimmed);
      }}
    >
      <p id="receipt-intro">{t('status.intro')}</p>
      <div class="field">
        <label for="receipt-code">{t('status.codeLabel')}</label>
        <p id="receipt-code-hint" class="hint">
          {t('status.codeHint')}
        </p>
        <input
          id="receipt-code"
          ref={input}
          class="code-input"
          type="text"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('receipt-code-hint', error && 'receipt-code-error')}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <FieldError id="receipt-code-error" message={error} />
      </div>
      <button type="submit" class="button button-primary">
        {t('status.open')}
      </button>
    </form>
  );
}
