import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client.js';
import { ErrorNotice } from '../../../components/error-notice.js';
import { Loading } from '../../../components/loading.js';
import { useApi } from '../../../hooks/use-api.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../routes.js';
import { StaffLoadError } from '../staff-gate.js';
import { CollectionAbout, ConsentNote, HandoutExport } from './collection-parts.js';
import { useCollectionText } from './messages.js';
import { CollectionItemCard, moveButtonId, type Direction } from './collection-item.js';
import { getCollection, removeItem, reorderItems, updateItemNote, type CollectionView } from '../../../api/collections.js';
import { focusById } from './focus.js';
import { moveBy } from './reorder.js';
import './collections.css';

/** /staff/collections/:id — one collection: edit it, order and annotate its passages, export or print the handout. */
export function CollectionPage({ params }: PageProps) {
  const { t: c } = useCollectionText();
  const id = params.id ?? '';
  const collection = useApi((signal) => getCollection(id, signal), [id]);
  useDocumentTitle(collection.status === 'ok' ? collection.data.title : c('list.title'));

  if (collection.status === 'loading') return <Loading />;
  if (collection.status === 'error') {
    // Someone else's collection answers 404 like a missing one; a malformed id (400) is no collection either.
    const missing = collection.error instanceof ApiError && (collection.error.status === 404 || collection.error.status === 400);
    return missing ? <CollectionMissing /> : <StaffLoadError error={collection.error} onRetry={collection.retry} />;
  }
  return <CollectionEditor key={id} initial={collection.data} />;
}

function CollectionMissing() {
  const { t: c } = useCollectionText();
  return (
    <section class="page collection-page">
      <h1>{c('list.title')}</h1>
      <p>{c('detail.notFound')}</p>
      <p>
        <a href="/staff/collections">{c('detail.back')}</a>
      </p>
    </section>
  );
}

/** Every change answers with the whole collection as it now is: that answer replaces what the page shows. */
function CollectionEditor({ initial }: { readonly initial: CollectionView }) {
  const { t: c, tn: cn } = useCollectionText();
  const { date } = useI18n();
  const [view, setView] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  useDocumentTitle(view.title);

  // Changes go to the API one after another, so the last answer shown is the newest state (a note
  // saved on leaving its field and the move button pressed next would otherwise race).
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const serial = <T,>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task, task);
    queue.current = run.catch(() => undefined);
    return run;
  };

  /** Moving and removing also disable each other while one is on its way: a reorder is computed from the order shown. */
  const change = async (request: () => Promise<CollectionView>, after: (next: CollectionView) => void) => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await serial(request);
      setView(next);
      after(next);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, direction: Direction) => {
    const ids = moveBy(view.items.map((item) => item.id), index, direction === 'up' ? -1 : 1);
    const moved = view.items[index];
    if (!ids || !moved) return;
    void change(
      () => reorderItems(view.id, ids),
      (next) => {
        const place = next.items.findIndex((item) => item.id === moved.id);
        setAnnouncement(c('item.moved', { title: moved.storyTitle, number: place + 1, count: next.items.length }));
        // Keep the keyboard where it was: on the same button of the moved item, or its other one at an end of the list.
        const atEnd = direction === 'up' ? place === 0 : place === next.items.length - 1;
        focusById(moveButtonId(moved.id, atEnd ? (direction === 'up' ? 'down' : 'up') : direction));
      },
    );
  };

  const remove = (itemId: string, title: string) =>
    change(
      () => removeItem(view.id, itemId),
      () => {
        setAnnouncement(c('item.removed', { title }));
        focusById('collection-items-title');
      },
    );

  const saveNote = async (itemId: string, note: string) => {
    const next = await serial(() => updateItemNote(view.id, itemId, note));
    setView(next);
    return next.items.find((item) => item.id === itemId)?.note ?? note.trim();
  };

  return (
    <article class="page collection-page" aria-labelledby="collection-title">
      <p class="back-link no-print">
        <a href="/staff/collections">{c('detail.back')}</a>
      </p>
      <h1 id="collection-title">{view.title}</h1>
      {view.description && <p class="collection-description-text">{view.description}</p>}
      <p class="hint no-print">
        {cn('items', view.items.length)} · {c('detail.updated', { date: date(view.updatedAt) })}
      </p>
      <p class="print-only print-made">{c('print.made', { date: date(new Date().toISOString()) })}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <CollectionAbout view={view} onSaved={setView} />

      <section aria-labelledby="collection-items-title">
        <h2 id="collection-items-title" class="no-print" tabIndex={-1}>
          {c('detail.items')}
        </h2>
        {failure !== null && <ErrorNotice error={failure} />}
        {view.items.length === 0 ? (
          <p class="empty-state">
            {c('detail.empty')} <a href="/">{c('detail.findStories')}</a>
          </p>
        ) : (
          <ol class="collection-items">
            {view.items.map((item, index) => (
              <CollectionItemCard
                key={item.id}
                item={item}
                number={index + 1}
                count={view.items.length}
                busy={busy}
                onMove={(direction) => move(index, direction)}
                onRemove={() => remove(item.id, item.storyTitle)}
                onSaveNote={(note) => saveNote(item.id, note)}
              />
            ))}
          </ol>
        )}
      </section>

      <HandoutExport view={view} />
      <ConsentNote />
    </article>
  );
}
