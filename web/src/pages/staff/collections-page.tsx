// The route's entry (routes.ts loads this file on first visit); the page lives in collections/.
export { CollectionsPage } from './collections/collections-page.js';
