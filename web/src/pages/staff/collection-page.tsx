// The route's entry (routes.ts loads this file on first visit); the page lives in collections/.
export { CollectionPage } from './collections/collection-page.js';
