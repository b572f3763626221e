/** The account changes a service refuses on purpose; routes and the CLI turn them into 409 / a message. */
export class StaffAccountConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffAccountConflictError';
  }
}
