import { useState } from 'preact/hooks';
import { useMessages } from '../messages.js';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly values: readonly string[];
  readonly onChange: (values: readonly string[]) => void;
}

/** Free-text chips: type, press Enter or «Add»; each chip has its own remove button. */
export function ChipInput({ id, label, hint, values, onChange }: Props) {
  const { m } = useMessages();
  const [typed, setTyped] = useState('');
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
      <div class="chip-entry">
        <input
          id={id}
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
          {m('write.warningAdd')}
        </button>
      </div>
      {values.length > 0 && (
        <ul class="chips" aria-label={m('write.warningsList')}>
          {values.map((value) => (
            <li key={value} class="chip">
              <span>{value}</span>
              <button type="button" class="chip-remove" aria-label={m('write.warningRemove', { warning: value })} onClick={() => onChange(values.filter((v) => v !== value))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
