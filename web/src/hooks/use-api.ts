import { useCallback, useEffect, useState } from 'preact/hooks';
import { isAbort } from '../api/client.js';

/**
 * One API read for a page or a panel: loading → ok | error, called off when the inputs change or
 * the component goes away, and `retry()` for the ErrorNotice's button.
 */

export type AsyncState<T> = { readonly status: 'loading' } | { readonly status: 'ok'; readonly data: T } | { readonly status: 'error'; readonly error: unknown };

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, inputs: readonly unknown[]): AsyncState<T> & { retry: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => setState({ status: 'ok', data }),
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `inputs` says when it really changed.
  }, [...inputs, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
