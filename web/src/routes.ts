import type { ComponentType } from 'preact';
import { lazyPage } from './components/lazy-page.js';
import type { Params } from './lib/route-match.js';
import { SearchPage } from './pages/search/search-page.js';
import { StoryPage } from './pages/story/story-page.js';

/**
 * Every URL of the web UI and the page that shows it (first match wins; none → the 404 page).
 * Search and story pages are in the first load; the others load when first visited. To add a
 * page: put it under pages/, export a component taking PageProps, list it here.
 */

export interface PageProps {
  /** The `:name` parts of the route's path, decoded. Query parameters: `useLocation().query`. */
  readonly params: Params;
}

export interface Route {
  readonly path: string;
  readonly page: ComponentType<PageProps>;
}

export const ROUTES: readonly Route[] = [
  { path: '/', page: SearchPage },
  { path: '/stories/:id', page: StoryPage },
  { path: '/contribute', page: lazyPage(() => import('./pages/contribute/contribute-page.js').then((m) => m.ContributePage)) },
  { path: '/contribute/status', page: lazyPage(() => import('./pages/contribute/status-page.js').then((m) => m.ContributionStatusPage)) },
  { path: '/staff/sign-in', page: lazyPage(() => import('./pages/staff/sign-in-page.js').then((m) => m.SignInPage)) },
  { path: '/staff/moderation', page: lazyPage(() => import('./pages/staff/moderation-page.js').then((m) => m.ModerationPage)) },
  { path: '/staff/moderation/:id', page: lazyPage(() => import('./pages/staff/moderation-item-page.js').then((m) => m.ModerationItemPage)) },
  { path: '/staff/collections', page: lazyPage(() => import('./pages/staff/collections/collections-page.js').then((m) => m.CollectionsPage)) },
  { path: '/staff/collections/:id', page: lazyPage(() => import('./pages/staff/collections/collection-page.js').then((m) => m.CollectionPage)) },
];
