import { useRef, useState } from 'preact/hooks';
import { isWrongCode } from './wrong-code.js';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** What the last successful run said, for a role=status line. */
  readonly done: string | null;
  run(work: () => Promise<string | null>): Promise<void>;
  /** Runs the last work again (the error notice's retry). */
  retry(): void;
}

/**
 * One contributor action (approve, change scopes, withdraw): busy while it runs, its error or its
 * result. A second run while one is under way is dropped (a ref, not state: two clicks in one
 * frame both see the state from before). A code the API no longer accepts goes to
 * `onCodeRejected` (the page asks for the code again) instead of showing as an error here.
 */
export function useAction(onCodeRejected: () => void): Action {
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string | null }>({ busy: false, error: null, done: null });
  const running = useRef(false);
  const last = useRef<(() => Promise<string | null>) | null>(null);
  const run = async (work: () => Promise<string | null>) => {
    if (running.current) return;
    running.current = true;
    last.current = work;
    setState({ busy: true, error: null, done: null });
    try {
      const done = await work();
      setState({ busy: false, error: null, done });
    } catch (error) {
      setState({ busy: false, error: isWrongCode(error) ? null : error, done: null });
      if (isWrongCode(error)) onCodeRejected();
    } finally {
      running.current = false;
    }
  };
  return { ...state, run, retry: () => void (last.current && run(last.current)) };
}
