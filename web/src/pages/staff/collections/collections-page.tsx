import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/confirm-dialog.js';
import { ErrorNotice } from '../../../components/error-notice.js';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { Loading } from '../../../components/loading.js';
import { useApi } from '../../../hooks/use-api.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../routes.js';
import { navigate } from '../../../router.js';
import { StaffLoadError } from '../staff-gate.js';
import { useCollectionText } from './messages.js';
import { focusById } from './focus.js';
import { createCollection, deleteCollection, LIMITS, listCollections, type CollectionSummary } from '../../../api/collections.js';
import './collections.css';

/** /staff/collections — the educator's collections, a form to start one, and delete with confirmation. */
export function CollectionsPage(_props: PageProps) {
  const { t: c } = useCollectionText();
  useDocumentTitle(c('list.title'));
  const list = useApi((signal) => listCollections(signal), []);
  const [announcement, setAnnouncement] = useState('');
  // Deleted here since the list loaded: taken out in place, so the create form below (and what
  // is typed in it) stays; a reload would unmount both.
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());

  return (
    <section class="page collections-page" aria-labelledby="collections-title">
      <h1 id="collections-title">{c('list.title')}</h1>
      <p>{c('list.intro')}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <StaffLoadError error={list.error} onRetry={list.retry} />}
      {list.status === 'ok' && (
        <CollectionTable
          collections={list.data.collections.filter((collection) => !deleted.has(collection.id))}
          onDeleted={(gone) => {
            setDeleted((previous) => new Set(previous).add(gone.id));
            setAnnouncement(c('list.deleted', { title: gone.title }));
            // The row and its button are gone: the keyboard goes to the list (or what says it is empty).
            focusById(TABLE_CAPTION_ID, EMPTY_LIST_ID);
          }}
        />
      )}
      {list.status !== 'loading' && <CreateCollectionForm />}
    </section>
  );
}

const TABLE_CAPTION_ID = 'collections-caption';
const EMPTY_LIST_ID = 'collections-empty';

function CollectionTable({ collections, onDeleted }: { readonly collections: readonly CollectionSummary[]; readonly onDeleted: (c: CollectionSummary) => void }) {
  const { t: c, tn: cn } = useCollectionText();
  const { date } = useI18n();
  if (collections.length === 0) {
    return (
      <p id={EMPTY_LIST_ID} class="empty-state" tabIndex={-1}>
        {c('list.empty')}
      </p>
    );
  }
  return (
    <div class="table-scroll" role="region" aria-labelledby={TABLE_CAPTION_ID} tabIndex={0}>
      <table class="collections-table">
        <caption id={TABLE_CAPTION_ID} tabIndex={-1}>
          {c('list.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{c('list.col.title')}</th>
            <th scope="col">{c('list.col.items')}</th>
            <th scope="col">{c('list.col.updated')}</th>
            <th scope="col">{c('list.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {collections.map((collection) => (
            <tr key={collection.id}>
              <th scope="row">
                <a href={`/staff/collections/${encodeURIComponent(collection.id)}`}>{collection.title}</a>
                {collection.description && <span class="collection-description">{collection.description}</span>}
              </th>
              <td>{cn('items', collection.itemCount)}</td>
              <td>
                <time dateTime={collection.updatedAt}>{date(collection.updatedAt)}</time>
              </td>
              <td>
                <DeleteCollection collection={collection} onDeleted={onDeleted} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Delete asks first: the question names the collection and how many passages go with it. */
function DeleteCollection({ collection, onDeleted }: { readonly collection: CollectionSummary; readonly onDeleted: (c: CollectionSummary) => void }) {
  const { t: c, tn: cn } = useCollectionText();
  const [state, setState] = useState<{ step: 'idle' | 'confirm' | 'working' } | { step: 'failed'; error: unknown }>({ step: 'idle' });

  const remove = async () => {
    setState({ step: 'working' });
    try {
      await deleteCollection(collection.id);
      onDeleted(collection);
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };

  return (
    <>
      {state.step === 'failed' && <ErrorNotice error={state.error} />}
      {/* aria-disabled, not disabled, while deleting: the dialog gives focus back to this button, and keeps it there if the delete fails. */}
      <button
        type="button"
        class="button button-small"
        aria-label={c('list.deleteLabel', { title: collection.title })}
        aria-disabled={state.step === 'working' || undefined}
        onClick={() => state.step !== 'working' && setState({ step: 'confirm' })}
      >
        {c('list.delete')}
      </button>
      {state.step === 'confirm' && (
        <ConfirmDialog
          title={cn('list.confirmDelete', collection.itemCount, { title: collection.title })}
          confirmLabel={c('list.confirmYes')}
          cancelLabel={c('list.confirmNo')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setState({ step: 'idle' })}
        />
      )}
    </>
  );
}

/** Title and description; on success the new collection's page opens. The API checks both. */
function CreateCollectionForm() {
  const { t: c } = useCollectionText();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [state, setState] = useState<{ step: 'idle' | 'working' | 'missing' } | { step: 'failed'; error: unknown }>({ step: 'idle' });

  const submit = async (event: Event) => {
    event.preventDefault();
    // An empty title is the one mistake worth catching before the round trip; the API refuses it too.
    if (title.trim() === '') {
      setState({ step: 'missing' });
      return;
    }
    setState({ step: 'working' });
    try {
      const created = await createCollection({ title, description });
      navigate(`/staff/collections/${encodeURIComponent(created.id)}`);
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };

  return (
    <form class="collection-form" aria-labelledby="create-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="create-title">{c('create.title')}</h2>
      {state.step === 'failed' && <ErrorNotice error={state.error} />}
      <div class="form-field">
        <label for="new-collection-title">{c('create.name')}</label>
        <input
          id="new-collection-title"
          type="text"
          value={title}
          maxLength={LIMITS.title}
          required
          aria-invalid={state.step === 'missing' ? 'true' : undefined}
          aria-describedby={describedBy(state.step === 'missing' && 'new-collection-title-error')}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <FieldError id="new-collection-title-error" message={state.step === 'missing' ? c('create.nameMissing') : null} />
      </div>
      <div class="form-field">
        <label for="new-collection-description">{c('create.description')}</label>
        <textarea
          id="new-collection-description"
          rows={3}
          value={description}
          maxLength={LIMITS.description}
          aria-describedby="new-collection-description-hint"
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <p id="new-collection-description-hint" class="hint">
          {c('create.descriptionHint')}
        </p>
      </div>
      <button type="submit" class="button button-primary" disabled={state.step === 'working'}>
        {state.step === 'working' ? c('create.working') : c('create.submit')}
      </button>
    </form>
  );
}
