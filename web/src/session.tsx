import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { getSession, signOut as endSession } from './api/endpoints.js';
import type { SessionUser, StaffRole } from './api/types.js';

/**
 * Who is signed in (staff only; contributors have no session), from GET /api/session at start-up.
 * The sign-in page calls `setUser` with POST /api/session's answer. The API decides every access:
 * the UI only uses the role to choose which links to show.
 */

export interface SessionState {
  /** undefined while the first GET /api/session is on its way. */
  readonly user: SessionUser | null | undefined;
  setUser(user: SessionUser | null): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setUser((await getSession()).user);
    } catch {
      setUser(null); // no session information: show the public UI; staff pages report their own errors
    }
  }, []);
  const signOut = useCallback(async () => {
    setUser((await endSession()).user);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ user, setUser, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}

/** The staff areas each role has a link to (the API still checks every request). */
export const STAFF_LINKS: Readonly<Record<StaffRole, readonly ('moderation' | 'collections')[]>> = {
  clinician: [],
  educator: ['collections'],
  editor: ['moderation'],
  admin: ['moderation', 'collections'],
};
