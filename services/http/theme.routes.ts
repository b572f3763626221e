import { Router } from 'express';
import type { ThemeCatalogue } from '../themes/theme-catalogue.js';
import { API } from './api-contract.js';
import { mount } from './mount.js';
import { viewerOf } from './viewer.js';

/** GET /api/themes: the taxonomy with nb/en labels, descriptions and the stories the caller may see per theme. */
export function themeRoutes(catalogue: ThemeCatalogue): Router {
  const router = Router();
  mount(router, API.themes, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ themes: await catalogue.list(viewerOf(req)) });
  });
  return router;
}
