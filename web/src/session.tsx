import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { onSessionAnswer } from './api/client.js';
import { getSession, signOut as endSession } from './api/endpoints.js';
import type { SessionUser } from './api/types.js';

/**
 * Who is signed in (staff only; contributors have no session), from GET /api/session at start-up,
 * again whenever the tab comes back into view (a sign-in or sign-out in another tab changes the
 * cookie), and from every session answer the API client sees (it re-reads the session when a change
 * is refused for a stale CSRF token). The sign-in page calls `setUser` with POST /api/session's
 * answer. The API decides every access: the UI only uses the role to choose which links to show
 * (STAFF_AREAS in api/types.ts).
 */

export interface SessionState {
  /** undefined while the first GET /api/session is on its way. */
  readonly user: SessionUser | null | undefined;
  setUser(user: SessionUser | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      await getSession(); // its answer arrives through onSessionAnswer
    } catch {
      // No session information: keep what we knew (the public UI at start); staff pages report their own errors.
      setUser((known) => (known === undefined ? null : known));
    }
  }, []);
  const signOut = useCallback(async () => {
    await endSession();
  }, []);
  useEffect(() => onSessionAnswer((session) => setUser((known) => (sameUser(known, session.user) ? known : session.user))), []);
  useEffect(() => {
    void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);
  const value = useMemo(() => ({ user, setUser, signOut }), [user, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Same account with the same name and role: keeps the object, so nothing re-renders for nothing. */
const sameUser = (a: SessionUser | null | undefined, b: SessionUser | null) =>
  a === b || (a != null && b !== null && a.id === b.id && a.role === b.role && a.displayName === b.displayName && a.email === b.email);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
