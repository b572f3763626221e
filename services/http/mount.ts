import type { RequestHandler, Router } from 'express';
import { authorize, type AuthorizeOptions } from './access-control.js';
import type { ApiEndpoint } from './contract/endpoint.js';

/**
 * The one way a route is registered: at the endpoint's own method and path, behind its access
 * rule, so the route's handlers (and the zod parsing in them) run only for callers the
 * registry admits.
 */
export function mount(router: Router, endpoint: ApiEndpoint, ...handlers: RequestHandler[]): void {
  register(router, endpoint, {}, handlers);
}

/** `mount` for sign-in alone, the one state-changing route without a session to protect (see AuthorizeOptions). */
export function mountWithoutCsrf(router: Router, endpoint: ApiEndpoint, ...handlers: RequestHandler[]): void {
  register(router, endpoint, { csrf: 'exempt' }, handlers);
}

function register(router: Router, endpoint: ApiEndpoint, options: AuthorizeOptions, handlers: RequestHandler[]): void {
  router[endpoint.method](endpoint.expressPath, authorize(endpoint, options), ...handlers);
}
