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
