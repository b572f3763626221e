import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AuthService } from '../auth/auth.service.js';
import type { Config } from '../config/config.js';
import type { ReadinessChecks } from '../health/readiness.js';
import type { Logger } from '../platform/logger.js';
import type { SearchService } from '../search/search.service.js';
import type { StoryReader } from '../stories/story-reader.js';
import type { ThemeCatalogue } from '../themes/theme-catalogue.js';
import type { ContributionService } from '../contributions/contribution.service.js';
import type { ModerationService } from '../moderation/moderation.service.js';
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

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/public');

export interface HttpDeps {
  readonly log: Logger;
  readonly readiness: ReadinessChecks;
  /** The API's services; absent, only health and the web UI's files are served (tests of the HTTP shell). */
  readonly api?: ApiServices;
}

export interface ApiServices {
  readonly search: SearchService;
  readonly stories: StoryReader;
  readonly taxonomy: ThemeCatalogue;
  readonly auth: AuthService;
  readonly contributions: ContributionService;
  readonly moderation: ModerationService;
  readonly config: Pick<Config, 'auth' | 'submissions'>;
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
  if (deps.api) {
    // Who is asking: the session cookie becomes req.viewer before any API route runs.
    app.use(API_BASE, authenticate({ auth: deps.api.auth, receipts: createReceiptResolver(deps.api.contributions, deps.log) }));
    app.use(sessionRoutes(deps.api.auth, deps.api.config.auth), staffUserRoutes(deps.api.auth));
    // Each route's path and access rule come from the contract (api-contract.ts), via mount.ts.
    app.use(searchRoutes(deps.api.search), storyRoutes(deps.api.stories, deps.api.search), themeRoutes(deps.api.taxonomy));
    app.use(consentTextRoutes(), contributionRoutes(deps.api.contributions, deps.api.config.submissions), moderationRoutes(deps.api.moderation));
    app.use(openApiRoutes());
  }
  app.use(API_BASE, notFound);
  app.use(express.static(WEB_ROOT, { index: 'index.html', maxAge: '1h' }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
