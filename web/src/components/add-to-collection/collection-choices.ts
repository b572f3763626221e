import { useCallback, useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api/client.js';
import { listCollections, type CollectionSummary } from '../../api/collections.js';

/** The educator's collections to choose from: loaded when a form first opens, kept while the page is open. */
export type Choices =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ok'; readonly collections: readonly CollectionSummary[] }
  | { readonly status: 'error'; readonly error: unknown };

export interface CollectionChoices {
  readonly state: Choices;
  retry(): void;
  /** A collection was changed or made: it goes first (the list is most recently changed first). */
  touched(collection: CollectionSummary): void;
}

export function useCollectionChoices(wanted: boolean): CollectionChoices {
  const [state, setState] = useState<Choices>({ status: 'idle' });
  // Once wanted, kept: closing the form does not call off or repeat the load.
  const [requested, setRequested] = useState(wanted);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (wanted) setRequested(true);
  }, [wanted]);
  useEffect(() => {
    if (!requested) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    listCollections(controller.signal).then(
      ({ collections }) => setState({ status: 'ok', collections }),
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [requested, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const touched = useCallback((collection: CollectionSummary) => {
    setState((previous) =>
      previous.status === 'ok' ? { status: 'ok', collections: [collection, ...previous.collections.filter((c) => c.id !== collection.id)] } : previous,
    );
  }, []);
  return { state, retry, touched };
}
