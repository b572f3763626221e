import { ApiError } from '../../../api/client.js';

/**
 * A receipt code that opens nothing: 401 from the access layer (unknown code, or a story withdrawn
 * in the meantime), 404 from the service. Contributors never sign in, so this is never «log in».
 */
export const isWrongCode = (error: unknown): boolean => error instanceof ApiError && error.kind === 'http' && (error.status === 401 || error.status === 404);

/**
 * The `onError` for a contributor action (hooks/use-action.ts): a wrong code goes to
 * `onCodeRejected` (the page asks for the code again) instead of showing as an error.
 */
export const wrongCodeTo =
  (onCodeRejected: () => void) =>
  (error: unknown): boolean => {
    if (!isWrongCode(error)) return false;
    onCodeRejected();
    return true;
  };
