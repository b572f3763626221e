import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/client.js';

/**
 * One change sent to the API (publish, save, delete, approve …): busy while it runs, then its
 * error or its result. Reads go through hooks/use-api.ts; changes through this. Use:
 *
 *   const save = useAction<Collection>();
 *   <button aria-disabled={save.busy || undefined} onClick={() => void save.run(() => updateCollection(id, body))}>
 *   {save.busy && <Loading label={…} />}
 *   {save.error !== null && <ErrorNotice error={save.error} onRetry={save.retry} />}
 *
 * A second `run` while one is under way is dropped: the guard is a ref, not state, because two
 * clicks in one frame both see the state from before. `onError` may claim an error (e.g. a
 * receipt code the API no longer accepts → ask for it again) by returning true; it is then not
 * kept in `error`. A request called off (AbortError) is neither an error nor a result.
 */

export type ActionOutcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly error: unknown }
  /** Another run was under way, or the request was called off. */
  | { readonly status: 'skipped' };

export interface Action<T> {
  readonly busy: boolean;
  readonly error: unknown;
  /** The last successful run's value (null before one, and while a new run is under way). */
  readonly done: T | null;
  run(work: () => Promise<T>): Promise<ActionOutcome<T>>;
  /** Runs the last work again (the error notice's retry). */
  retry(): void;
  /** Forgets the error and the result (e.g. when the form is edited again). */
  reset(): void;
}

export interface ActionOptions {
  /** Returns true when it has dealt with the error itself. */
  readonly onError?: (error: unknown) => boolean;
}

interface ActionState<T> {
  readonly busy: boolean;
  readonly error: unknown;
  readonly done: T | null;
}

export function useAction<T = void>(options: ActionOptions = {}): Action<T> {
  const [state, setState] = useState<ActionState<T>>({ busy: false, error: null, done: null });
  const running = useRef(false);
  const last = useRef<(() => Promise<T>) | null>(null);
  const onError = useRef(options.onError);
  onError.current = options.onError;

  const run = useCallback(async (work: () => Promise<T>): Promise<ActionOutcome<T>> => {
    if (running.current) return { status: 'skipped' };
    running.current = true;
    last.current = work;
    setState({ busy: true, error: null, done: null });
    try {
      const value = await work();
      setState({ busy: false, error: null, done: value });
      return { status: 'done', value };
    } catch (error) {
      if (isAbort(error)) {
        setState({ busy: false, error: null, done: null });
        return { status: 'skipped' };
      }
      const claimed = onError.current?.(error) ?? false;
      setState({ busy: false, error: claimed ? null : error, done: null });
      return { status: 'failed', error };
    } finally {
      running.current = false;
    }
  }, []);
  const retry = useCallback(() => {
    if (last.current) void run(last.current);
  }, [run]);
  const reset = useCallback(() => {
    if (!running.current) setState({ busy: false, error: null, done: null });
  }, []);
  return useMemo(() => ({ ...state, run, retry, reset }), [state, run, retry, reset]);
}
