import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { RefusedError, type RefusalKind } from '../platform/errors.js';
import { SearchInputError, SearchUnavailableError } from '../search/search-errors.js';

const REFUSAL_STATUS: Readonly<Record<RefusalKind, number>> = {
  invalid: 400,
  unauthorised: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
};

/** An error a route throws on purpose: its status and message go to the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  readonly error: { readonly status: number; readonly message: string; readonly requestId: string };
}

export function notFound(req: Request, res: Response): void {
  send(res, 404, `No route for ${req.method} ${req.originalUrl.split('?')[0]}`, req.id);
}

/**
 * Bad input is a 4xx with a message that says what is wrong; anything else is a 500 whose
 * details stay in the log, found by request id.
 */
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof HttpError) return send(res, error.status, error.message, req.id);
  if (error instanceof RefusedError) return send(res, REFUSAL_STATUS[error.kind], error.message, req.id);
  if (error instanceof SearchInputError) return send(res, 400, error.message, req.id);
  if (error instanceof SearchUnavailableError) return send(res, 503, error.message, req.id);
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return send(res, 400, message, req.id);
  }
  const bodyError = error as { type?: string; status?: number };
  if (bodyError.type === 'entity.parse.failed') return send(res, 400, 'The request body is not valid JSON', req.id);
  if (bodyError.type === 'entity.too.large') return send(res, 413, 'The request body is too large', req.id);
  if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return send(res, bodyError.status, (error as Error).message, req.id);
  }
  req.log.error({ err: error }, 'unhandled error');
  send(res, 500, 'Something went wrong on our side. Quote this request id if you report it.', req.id);
}

function send(res: Response, status: number, message: string, requestId: string): void {
  if (res.headersSent) return;
  const body: ErrorBody = { error: { status, message, requestId } };
  res.status(status).json(body);
}
