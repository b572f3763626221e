import { useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/confirm-dialog.js';
import { describeError } from '../../../components/error-notice.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useCollectionText } from './messages.js';
import { LIMITS, type CollectionItem } from '../../../api/collections.js';

export type Direction = 'up' | 'down';

interface Props {
  readonly item: CollectionItem;
  /** 1-based place in the list, as the reader counts. */
  readonly number: number;
  readonly count: number;
  /** Another change to the collection is on its way: moving and removing wait for it. */
  readonly busy: boolean;
  onMove(direction: Direction): void;
  onRemove(): Promise<void>;
  /** Saves the note; resolves to the note as the API stored it (trimmed). */
  onSaveNote(note: string): Promise<string>;
}

/** The id of an item's move button, so the page can put focus back on it after a reorder. */
export const moveButtonId = (itemId: string, direction: Direction) => `move-${direction}-${itemId}`;

/**
 * One passage: its attribution, its text (and why the handout will not quote it, when it will
 * not), a note saved on leaving the field or with its button, move up/down and remove.
 */
export function CollectionItemCard({ item, number, count, busy, onMove, onRemove, onSaveNote }: Props) {
  const { t: c } = useCollectionText();
  const headingId = `item-${item.id}`;
  const byline = item.displayName ? c('item.by', { name: item.displayName }) : c('item.anonymous');
  const withheld = !item.quoteAllowed ? 'noQuote' : item.storyRevised ? 'revised' : null;
  return (
    <li class="collection-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{c('item.heading', { number, title: item.storyTitle })}</h3>
      <p class="collection-byline">{byline}</p>
      <blockquote class={withheld ? 'collection-passage screen-only' : 'collection-passage'} aria-label={c('item.passage')}>
        {paragraphsOf(item.text).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </blockquote>
      {withheld && (
        <>
          <p class="notice notice-quiet screen-only">{c(`item.${withheld}`)}</p>
          <p class="withheld print-only">{c(`print.${withheld}`)}</p>
        </>
      )}
      {item.note && (
        <p class="print-only">
          <strong>{c('item.noteLabel')}:</strong> {item.note}
        </p>
      )}
      <NoteField item={item} number={number} onSave={onSaveNote} />
      <div class="button-row item-actions no-print">
        <button
          id={moveButtonId(item.id, 'up')}
          type="button"
          class="button button-small"
          aria-label={c('item.moveUpLabel', { number, title: item.storyTitle })}
          disabled={busy || number === 1}
          onClick={() => onMove('up')}
        >
          <span aria-hidden="true">↑</span> {c('item.moveUp')}
        </button>
        <button
          id={moveButtonId(item.id, 'down')}
          type="button"
          class="button button-small"
          aria-label={c('item.moveDownLabel', { number, title: item.storyTitle })}
          disabled={busy || number === count}
          onClick={() => onMove('down')}
        >
          <span aria-hidden="true">↓</span> {c('item.moveDown')}
        </button>
        <a class="item-story-link" href={`/stories/${encodeURIComponent(item.storyId)}`}>
          {c('item.open')}
        </a>
        <RemoveItem number={number} title={item.storyTitle} busy={busy} onRemove={onRemove} />
      </div>
    </li>
  );
}

function paragraphsOf(text: string): string[] {
  const parts = text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return parts.length > 0 ? parts : [text];
}

type NoteState = { readonly step: 'idle' | 'saving' | 'saved' } | { readonly step: 'failed'; readonly error: unknown };

/** The note: saved when the field loses focus (if it changed) or with the button; the outcome is announced. */
function NoteField({ item, number, onSave }: { readonly item: CollectionItem; readonly number: number; onSave(note: string): Promise<string> }) {
  const { t: c } = useCollectionText();
  const { t } = useI18n();
  const [draft, setDraft] = useState(item.note);
  const [state, setState] = useState<NoteState>({ step: 'idle' });
  // The last note the API holds or is being sent: leaving the field and then pressing the button sends it once.
  const sent = useRef(item.note);
  const fieldId = `note-${item.id}`;

  const save = async () => {
    if (draft.trim() === sent.current) return;
    const previous = sent.current;
    sent.current = draft.trim();
    setState({ step: 'saving' });
    try {
      const stored = await onSave(draft);
      sent.current = stored;
      setDraft((current) => (current.trim() === stored ? stored : current));
      setState({ step: 'saved' });
    } catch (error) {
      sent.current = previous;
      setState({ step: 'failed', error });
    }
  };

  return (
    <div class="form-field note-field no-print">
      <label for={fieldId}>{c('item.note', { number })}</label>
      <textarea
        id={fieldId}
        rows={2}
        value={draft}
        maxLength={LIMITS.note}
        aria-describedby={`${fieldId}-hint ${fieldId}-status`}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => void save()}
      />
      <p id={`${fieldId}-hint`} class="hint">
        {c('item.noteHint')}
      </p>
      <div class="button-row">
        <button type="button" class="button button-small" disabled={state.step === 'saving'} onClick={() => void save()}>
          {c('item.saveNote')}
        </button>
        <p id={`${fieldId}-status`} class={state.step === 'failed' ? 'field-error' : 'hint'} role="status" aria-live="polite">
          {state.step === 'saving' && c('item.noteSaving')}
          {state.step === 'saved' && c('item.noteSaved', { number })}
          {state.step === 'failed' && c('item.failed', { message: describeError(state.error, t) })}
        </p>
      </div>
    </div>
  );
}

/** Remove asks first; the note goes with the item, so the question says so. */
function RemoveItem({ number, title, busy, onRemove }: { readonly number: number; readonly title: string; readonly busy: boolean; onRemove(): Promise<void> }) {
  const { t: c } = useCollectionText();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {/* aria-disabled, not disabled, while another change is on its way: the dialog gives focus back to this button. */}
      <button
        type="button"
        class="button button-small"
        aria-label={c('item.removeLabel', { number, title })}
        aria-disabled={busy || undefined}
        onClick={() => !busy && setConfirming(true)}
      >
        {c('item.remove')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={c('item.confirmRemove', { number })}
          confirmLabel={c('item.confirmYes')}
          cancelLabel={c('item.confirmNo')}
          danger
          onConfirm={() => {
            // Focus goes back to this button while the removal is on its way; the page moves it on when the item is gone.
            setConfirming(false);
            void onRemove();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}
