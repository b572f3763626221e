import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ReadinessChecks } from '../health/readiness.js';
import type { Logger } from '../platform/logger.js';
import { errorHandler, notFound } from './errors.js';
import { healthRoutes } from './health.routes.js';
import { requestContext } from './request-context.js';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/public');

export interface HttpDeps {
  readonly log: Logger;
  readonly readiness: ReadinessChecks;
}

/** The HTTP surface: health, the API (routes plug in under /api) and the web UI's files. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(helmet());
  app.use(requestContext(deps.log));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.readiness));
  app.use('/api', notFound);
  app.use(express.static(WEB_ROOT, { index: 'index.html', maxAge: '1h' }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
