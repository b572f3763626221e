import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import type { PassageMark } from '../../api/types.js';
import { describeError, ErrorNotice } from '../error-notice.js';
import { describedBy, FieldError } from '../field-error.js';
import { Loading } from '../loading.js';
import { useI18n } from '../../i18n/i18n.js';
import { addItem, createCollection, LIMITS, type CollectionSummary, type CollectionView } from '../../api/collections.js';
import { useAddText } from './messages.js';
import type { CollectionChoices } from './collection-choices.js';

export interface Added {
  readonly collectionId: string;
  readonly title: string;
}

interface Props {
  readonly storyId: string;
  readonly passage: PassageMark;
  readonly excerptId: string;
  readonly choices: CollectionChoices;
  onCancel(): void;
  onAdded(added: Added): void;
}

/** The select's value for "a new collection" (collection ids are UUIDs, so it cannot clash). */
const NEW = 'new';

type FormState =
  | { readonly step: 'idle' | 'working' | 'missing' }
  /** `target`: the collection the passage was sent to, when it got that far (a 409 is read against it). */
  | { readonly step: 'failed'; readonly error: unknown; readonly target: CollectionSummary | null };

const summaryOf = ({ items, ...summary }: CollectionView): CollectionSummary => ({ ...summary, itemCount: items.length });

/** Which collection (or a new one) and a note; sends the passage's range. The API decides whether consent allows it. */
export function AddPassageForm({ storyId, passage, excerptId, choices, onCancel, onAdded }: Props) {
  const { t: text } = useAddText();
  const { t } = useI18n();
  const [choice, setChoice] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [note, setNote] = useState('');
  const [state, setState] = useState<FormState>({ step: 'idle' });
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  const ids = `add-${passage.chunkId}`;

  const collections = choices.state.status === 'ok' ? choices.state.collections : [];
  const selected = choice ?? collections[0]?.id ?? NEW;
  const ready = choices.state.status === 'ok';

  useEffect(() => {
    if (ready) first.current?.focus();
  }, [ready]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (selected === NEW && newTitle.trim() === '') {
      setState({ step: 'missing' });
      return;
    }
    setState({ step: 'working' });
    let target = collections.find((c) => c.id === selected);
    try {
      if (!target) {
        const created = summaryOf(await createCollection({ title: newTitle }));
        choices.touched(created);
        // Chosen from now on: a retry after a refusal must not make a second collection.
        setChoice(created.id);
        target = created;
      }
      const view = await addItem(target.id, { storyId, startChar: passage.startChar, endChar: passage.endChar, note });
      choices.touched(summaryOf(view));
      onAdded({ collectionId: view.id, title: view.title });
    } catch (error) {
      setState({ step: 'failed', error, target: target ?? null });
    }
  };

  return (
    <form class="add-passage-form" aria-label={text('add.form')} aria-describedby={excerptId} onSubmit={(e) => void submit(e)} noValidate>
      {choices.state.status === 'loading' || choices.state.status === 'idle' ? (
        <Loading label={text('add.loading')} />
      ) : choices.state.status === 'error' ? (
        <ErrorNotice error={choices.state.error} onRetry={choices.retry} />
      ) : (
        <>
          {collections.length > 0 && (
            <div class="form-field">
              <label for={`${ids}-collection`}>{text('add.collection')}</label>
              <select id={`${ids}-collection`} ref={first} value={selected} onChange={(e) => setChoice(e.currentTarget.value)}>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
                <option value={NEW}>{text('add.newOption')}</option>
              </select>
            </div>
          )}
          {selected === NEW && (
            <div class="form-field">
              <label for={`${ids}-title`}>{text('add.newTitle')}</label>
              <input
                id={`${ids}-title`}
                ref={collections.length === 0 ? first : undefined}
                type="text"
                value={newTitle}
                maxLength={LIMITS.title}
                required
                aria-invalid={state.step === 'missing' ? 'true' : undefined}
                aria-describedby={describedBy(state.step === 'missing' && `${ids}-title-error`)}
                onInput={(e) => setNewTitle(e.currentTarget.value)}
              />
              <FieldError id={`${ids}-title-error`} message={state.step === 'missing' ? text('add.titleMissing') : null} />
            </div>
          )}
          <div class="form-field">
            <label for={`${ids}-note`}>{text('add.note')}</label>
            <textarea id={`${ids}-note`} rows={2} value={note} maxLength={LIMITS.note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
        </>
      )}
      {state.step === 'failed' && (
        <div class="notice notice-error" role="alert">
          <p>{refusal(state.error, state.target, text, t)}</p>
        </div>
      )}
      <div class="button-row">
        <button type="submit" class="button button-primary" disabled={!ready || state.step === 'working'}>
          {state.step === 'working' ? text('add.working') : text('add.submit')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {text('add.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Why the API said no, readably, by its status (its messages are English). Adding answers 409 for
 * two reasons: the collection is full, or the teller has not consented to teaching (the one refusal
 * an educator meets in normal use). A collection the page knows to be at the limit is the first;
 * any other 409 the second. Creating a collection never answers 409, so `target` is set whenever
 * a 409 comes. Anything else as usual.
 */
function refusal(error: unknown, target: CollectionSummary | null, text: ReturnType<typeof useAddText>['t'], t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError && error.status === 409) {
    return target && target.itemCount >= LIMITS.items ? text('add.full', { max: LIMITS.items }) : text('add.noTeaching');
  }
  if (error instanceof ApiError && error.status === 400) return text('add.refused', { message: error.message });
  return describeError(error, t);
}
