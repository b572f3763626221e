import { ApiError } from '../../../api/client.js';

/**
 * A receipt code that opens nothing: 401 from the access layer (unknown code, or a story withdrawn
 * in the meantime), 404 from the service. Contributors never sign in, so this is never «log in».
 */
export const isWrongCode = (error: unknown): boolean => error instanceof ApiError && error.kind === 'http' && (error.status === 401 || error.status === 404);
