/** A request the search service cannot answer as asked: the HTTP layer turns it into a 400 naming the parameter. */
export class SearchInputError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'SearchInputError';
  }
}

/** No engine that the request needs can answer right now: a 503. */
export class SearchUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchUnavailableError';
  }
}
