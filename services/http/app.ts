import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config/config.js';
import type { ReadinessChecks } from '../health/readiness.js';
import type { Logger } from '../platform/logger.js';
import type { Runtime } from '../runtime.js';
import { collectionRoutes } from './collection.routes.js';
import { authenticate } from './access-control.js';
import { consentTextRoutes } from './consent-text.routes.js';
import { contributionRoutes, createReceiptResolver } from './contribution.routes.js';
import { moderationRoutes } from './moderation.routes.js';
import { errorHandler, notFound } from './errors.js';
import { healthRoutes } from './health.routes.js';
import { API_BASE } from './contract/endpoint.js';
import { openApiRoutes } from './openapi.js';
import { requestContext } from './request-context.js';
import { searchRoutes } from './search.routes.js';
import { sessionRoutes } from './session.routes.js';
import { staffUserRoutes } from './staff-user.routes.js';
import { storyRoutes } from './story.routes.js';
import { themeRoutes } from './theme.routes.js';

/** The built web UI (`npm run build:web`; the Docker image builds it too). */
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface HttpDeps {
  readonly log: Logger;
  readonly readiness: ReadinessChecks;
  /** The API's services; absent, only health and the web UI's files are served (tests of the HTTP shell). */
  readonly api?: ApiServices;
}

/** The runtime's services the API serves (tests pass a runtime), with only the settings the routes read. */
export type ApiServices = Pick<Runtime, 'search' | 'stories' | 'taxonomy' | 'auth' | 'contributions' | 'moderation' | 'collections'> & {
  readonly config: Pick<Config, 'auth' | 'submissions'>;
};

/** The HTTP surface: health, the API (routes plug in under /api) and the web UI's files. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(helmet());
  app.use(requestContext(deps.log));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.readiness));
  if (deps.api) {
    // Who is asking: the session cookie becomes req.viewer before any API route runs.
    app.use(API_BASE, authenticate({ auth: deps.api.auth, receipts: createReceiptResolver(deps.api.contributions, deps.log) }));
    app.use(sessionRoutes(deps.api.auth, deps.api.config.auth), staffUserRoutes(deps.api.auth));
    // Each route's path and access rule come from the contract (api-contract.ts), via mount.ts.
    app.use(searchRoutes(deps.api.search), storyRoutes(deps.api.stories, deps.api.search), themeRoutes(deps.api.taxonomy));
    app.use(consentTextRoutes(), contributionRoutes(deps.api.contributions, deps.api.config.submissions), moderationRoutes(deps.api.moderation));
    app.use(collectionRoutes(deps.api.collections));
    app.use(openApiRoutes());
  }
  app.use(API_BASE, notFound);
  app.use(webUi(WEB_ROOT));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * The web UI's files, and index.html for every other page URL (the UI routes in the browser:
 * /stories/…, /contribute, /staff/…). Vite names the files under assets/ by their content hash,
 * so browsers keep them for a year; index.html, which names them, is revalidated on every visit
 * so a new release is picked up at once. A missing file (a path with an extension) stays a 404.
 */
function webUi(root: string): RequestHandler[] {
  const index = path.join(root, 'index.html');
  const files = express.static(root, {
    index: false,
    cacheControl: false,
    setHeaders: (res, file) => {
      const inAssets = path.relative(root, file).startsWith(`assets${path.sep}`);
      res.setHeader('Cache-Control', inAssets ? YEAR_IMMUTABLE : file === index ? REVALIDATE : 'public, max-age=3600');
    },
  });
  const spaFallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.extname(req.path) !== '') return next();
    res.sendFile(index, { headers: { 'Cache-Control': REVALIDATE } }, (error) => {
      // Not built yet (`npm run build:web`): the 404 handler answers instead.
      if (error && !res.headersSent) next();
    });
  };
  return [files, spaFallback];
}
