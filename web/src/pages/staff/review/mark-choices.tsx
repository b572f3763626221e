import type { PseudonymEntry } from '../staff-api.js';
import { useStaffText, type StaffText } from '../messages.js';
import { choose, knownPseudonym, labelFor, piecesOf, type Choice, type Decisions, type MarkRef, type PartText, type StoryLanguage } from './deidentify.js';

/** A DOM id from a mark's key (`3:10:15` → `3-10-15`): unique in the story. */
const domId = (ref: MarkRef) => ref.key.replace(/[^A-Za-z0-9]/g, '-');

function choiceWord(choice: Choice | undefined, ref: MarkRef, language: StoryLanguage, s: StaffText['t']): string {
  if (!choice) return s('deid.choice.undecided');
  if (choice.kind === 'label') return s('deid.choice.label', { label: labelFor(ref.mark.category, language) });
  if (choice.kind === 'keep') return s('deid.choice.keep');
  return choice.value.trim() ? `${s('deid.choice.pseudonym')} ${choice.value.trim()}` : s('deid.choice.pseudonym');
}

/** Moves focus to the mark's choices (its chosen option, else the first). */
function focusChoices(ref: MarkRef): void {
  const fieldset = document.getElementById(`choice-${domId(ref)}`);
  const target = fieldset?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? fieldset?.querySelector<HTMLInputElement>('input[type=radio]');
  target?.focus();
}

/**
 * A part's text with each mark as a `<mark>` holding a button (reachable by Tab; its name says
 * the category, confidence and current choice). Built from offsets: the text stays text.
 */
export function PiiMarkedText({ part, decisions, language }: { readonly part: PartText; readonly decisions: Decisions; readonly language: StoryLanguage }) {
  const { t: s } = useStaffText();
  return (
    <p class="story-text deid-text">
      {piecesOf(part).map((piece) => {
        if (piece.kind === 'text') return piece.text;
        const { ref } = piece;
        const choice = decisions[ref.key];
        const name = s('deid.markDecided', {
          category: s(`category.${ref.mark.category}`),
          confidence: s(`confidence.${ref.mark.confidence}`),
          text: ref.original,
          choice: choiceWord(choice, ref, language, s),
        });
        return (
          <mark key={ref.key} id={`mark-${domId(ref)}`} class={`pii pii-${ref.mark.category} pii-${choice?.kind ?? 'open'}`}>
            <button type="button" class="pii-button" aria-label={name} title={name} onClick={() => focusChoices(ref)}>
              {piece.text}
            </button>
          </mark>
        );
      })}
    </p>
  );
}

interface ChoicesProps {
  readonly part: PartText;
  readonly parts: readonly PartText[];
  readonly decisions: Decisions;
  readonly pseudonyms: readonly PseudonymEntry[];
  readonly language: StoryLanguage;
  readonly onChange: (decisions: Decisions) => void;
}

/** One group of radio buttons per mark in the part: label, pseudonym (with its value) or keep. */
export function MarkChoices({ part, parts, decisions, pseudonyms, language, onChange }: ChoicesProps) {
  const { t: s } = useStaffText();
  return (
    <div class="mark-choices">
      {part.marks.map((ref) => {
        const id = domId(ref);
        const choice = decisions[ref.key];
        const set = (next: Choice) => onChange(choose(parts, decisions, ref.key, next));
        const pseudonymChoice: Choice = { kind: 'pseudonym', value: choice?.kind === 'pseudonym' ? choice.value : (knownPseudonym(pseudonyms, ref.original) ?? '') };
        return (
          <fieldset key={ref.key} id={`choice-${id}`} class="mark-choice">
            <legend>{s('deid.choiceFor', { text: ref.original })}</legend>
            <p class="hint">
              {s('deid.markMeta', { category: s(`category.${ref.mark.category}`), confidence: s(`confidence.${ref.mark.confidence}`) })}{' '}
              {s('deid.reason', { reason: ref.mark.reason })}
            </p>
            {ref.alreadyPseudonym && <p class="hint">{s('deid.alreadyPseudonym')}</p>}
            <div class="choice-options">
              <label>
                <input type="radio" name={`choice-${id}`} checked={choice?.kind === 'label'} onChange={() => set({ kind: 'label' })} />
                {s('deid.choice.label', { label: labelFor(ref.mark.category, language) })}
              </label>
              <label>
                <input type="radio" name={`choice-${id}`} checked={choice?.kind === 'pseudonym'} onChange={() => set(pseudonymChoice)} />
                {s('deid.choice.pseudonym')}
              </label>
              <label>
                <input type="radio" name={`choice-${id}`} checked={choice?.kind === 'keep'} onChange={() => set({ kind: 'keep' })} />
                {s('deid.choice.keep')}
              </label>
            </div>
            {choice?.kind === 'pseudonym' && (
              <div class="field">
                <label for={`pseudonym-${id}`}>{s('deid.pseudonymValue', { text: ref.original })}</label>
                <input
                  id={`pseudonym-${id}`}
                  type="text"
                  maxLength={120}
                  value={choice.value}
                  aria-describedby={`pseudonym-hint-${id}`}
                  onInput={(e) => onChange(choose(parts, decisions, ref.key, { kind: 'pseudonym', value: e.currentTarget.value }))}
                />
                <span id={`pseudonym-hint-${id}`} class="hint">
                  {s('deid.pseudonymHint')}
                </span>
              </div>
            )}
            <a class="back-to-mark" href={`#mark-${id}`} onClick={(e) => backToMark(e, ref)}>
              {s('deid.backToText')}
            </a>
          </fieldset>
        );
      })}
    </div>
  );
}

/** The router leaves in-page anchors alone, but a `<mark>` cannot take focus: its button does. */
function backToMark(event: Event, ref: MarkRef): void {
  event.preventDefault();
  document.querySelector<HTMLButtonElement>(`#mark-${domId(ref)} button`)?.focus();
}
