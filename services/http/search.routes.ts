import { Router } from 'express';
import { searchQuerySchema } from '../search/search.schema.js';
import type { SearchService } from '../search/search.service.js';
import { API } from './api-contract.js';
import { mount } from './mount.js';
import { viewerOf } from './viewer.js';

/** GET /api/search: parse (400 naming the parameter), search with the caller's audience, answer. */
export function searchRoutes(search: SearchService): Router {
  const router = Router();
  mount(router, API.search, async (req, res) => {
    const query = searchQuerySchema.parse(req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await search.search(query, viewerOf(req)));
  });
  return router;
}
