import { useRef, useState } from 'preact/hooks';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** What the last successful run said, for a role=status line. */
  readonly done: string | null;
  run(work: () => Promise<string | null>): Promise<void>;
  /** Runs the last work again (the error notice's retry). */
  retry(): void;
}

/** One contributor action (approve, change scopes, withdraw): busy while it runs, its error or its result. */
export function useAction(): Action {
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string | null }>({ busy: false, error: null, done: null });
  const last = useRef<(() => Promise<string | null>) | null>(null);
  const run = async (work: () => Promise<string | null>) => {
    if (state.busy) return;
    last.current = work;
    setState({ busy: true, error: null, done: null });
    try {
      const done = await work();
      setState({ busy: false, error: null, done });
    } catch (error) {
      setState({ busy: false, error, done: null });
    }
  };
  return { ...state, run, retry: () => void (last.current && run(last.current)) };
}
