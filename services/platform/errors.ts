/**
 * An error whose message is written for the person running Levd: one line saying what is
 * wrong and what to do. The CLI prints only the message of these (no stack trace) and
 * exits non-zero; anything else is a bug and is logged in full.
 */
export class UserFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** The message of any thrown value, for logs and one-line reports. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A request a service refuses on purpose, with a message for the person who made it (never
 * story text or personal data). The HTTP layer maps the kind to its status (services/http/errors.ts);
 * services stay free of HTTP.
 */
export type RefusalKind = 'invalid' | 'unauthorised' | 'not_found' | 'conflict' | 'too_large' | 'unsupported';

export class RefusedError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}
