/**
 * Readiness: each component Levd needs, named with its state. /readyz answers 503 until
 * every one is ready, so a load balancer or compose healthcheck waits for the model too.
 */
import { TimeoutError, withTimeout } from '../platform/timeout.js';

export type ComponentState =
  | { readonly state: 'ready' }
  | { readonly state: 'starting'; readonly detail?: string }
  | { readonly state: 'failed'; readonly error: string };

export type ComponentName = 'database' | 'queue' | 'lexical' | 'model';

export type ReadinessChecks = Record<ComponentName, () => Promise<ComponentState>>;

export interface Readiness {
  readonly ready: boolean;
  readonly components: Record<ComponentName, ComponentState>;
}

export async function checkReadiness(checks: ReadinessChecks, timeoutMs = 2_000): Promise<Readiness> {
  const names = Object.keys(checks) as ComponentName[];
  const states = await Promise.all(
    names.map((name) =>
      withTimeout(checks[name](), timeoutMs, name).catch((error: unknown): ComponentState => ({ state: 'failed', error: oneLine(error) })),
    ),
  );
  const components = Object.fromEntries(names.map((name, i) => [name, states[i]!])) as Record<ComponentName, ComponentState>;
  return { ready: states.every((s) => s.state === 'ready'), components };
}

/** Turns a probe that throws into a `failed` state with its message. */
export function probe(fn: () => Promise<unknown>): () => Promise<ComponentState> {
  return async () => {
    await fn();
    return { state: 'ready' };
  };
}

function oneLine(error: unknown): string {
  if (error instanceof TimeoutError) return error.message.replace(/^.* did not answer/, 'no answer');
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
}
