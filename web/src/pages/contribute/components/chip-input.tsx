import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../messages.js';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly values: readonly string[];
  readonly onChange: (values: readonly string[]) => void;
}

/**
 * Free-text chips: type, press Enter or «Add»; each chip has its own remove button. Removing a
 * chip moves focus to the next chip's button (the previous one at the end, the input when none is
 * left), so the keyboard is never dropped on <body>.
 */
export function ChipInput({ id, label, hint, values, onChange }: Props) {
  const { t } = useMessages();
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // The index whose remove button takes focus once the shorter list is rendered.
  const [focusAt, setFocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (focusAt === null) return;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.warning-chip-remove');
    const target = buttons && buttons.length > 0 ? buttons[Math.min(focusAt, buttons.length - 1)] : input.current;
    target?.focus();
    setFocusAt(null);
  }, [focusAt, values]);
  const remove = (index: number) => {
    onChange(values.filter((_, i) => i !== index));
    setFocusAt(index);
  };
  const add = () => {
    const value = typed.trim();
    if (value !== '' && !values.some((v) => v.toLocaleLowerCase() === value.toLocaleLowerCase())) onChange([...values, value]);
    setTyped('');
  };
  return (
    <div class="chip-input">
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      <div class="warning-chip-entry">
        <input
          id={id}
          ref={input}
          type="text"
          value={typed}
          maxLength={60}
          aria-describedby={`${id}-hint`}
          onInput={(e) => setTyped(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter adds a chip instead of submitting the step's form.
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="button button-secondary" onClick={add}>
          {t('write.warningAdd')}
        </button>
      </div>
      {values.length > 0 && (
        <ul class="warning-chips" ref={list} aria-label={t('write.warningsList')}>
          {values.map((value, index) => (
            <li key={value} class="warning-chip">
              <span>{value}</span>
              <button type="button" class="warning-chip-remove" aria-label={t('write.warningRemove', { warning: value })} onClick={() => remove(index)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
