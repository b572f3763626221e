import { useEffect } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { navigate, useLocation } from '../../router.js';
import { signInHref } from './sign-in.js';

/**
 * A staff page's failed read: a 401 (not signed in, or the session ran out) goes to the sign-in
 * page, which brings the user back here; anything else is a readable error with a retry.
 */
export function StaffLoadError({ error, onRetry }: { readonly error: unknown; readonly onRetry: () => void }) {
  const { href } = useLocation();
  const signedOut = error instanceof ApiError && error.status === 401;
  useEffect(() => {
    if (signedOut) navigate(signInHref(href), { replace: true });
  }, [signedOut, href]);
  return signedOut ? <Loading /> : <ErrorNotice error={error} onRetry={onRetry} />;
}
