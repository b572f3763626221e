import { Router } from 'express';
import type { SearchService } from '../search/search.service.js';
import type { StoryReader } from '../stories/story-reader.js';
import { similarQuerySchema, storyParamsSchema, storyQuerySchema } from '../stories/story.schema.js';
import { API } from './api-contract.js';
import { HttpError } from './errors.js';
import { mount } from './mount.js';
import { viewerOf } from './viewer.js';

const NOT_FOUND = 'No story with this id, or none you may see';

/** The story page's data and its related stories. A story the caller may not see is a 404, like one that does not exist. */
export function storyRoutes(stories: StoryReader, search: SearchService): Router {
  const router = Router();
  mount(router, API.story, async (req, res) => {
    const { id } = storyParamsSchema.parse(req.params);
    const { passage } = storyQuerySchema.parse(req.query);
    const view = await stories.get(id, viewerOf(req), passage !== undefined ? { passage } : {});
    if (!view) throw new HttpError(404, NOT_FOUND);
    res.setHeader('Cache-Control', 'no-store');
    res.json(view);
  });
  mount(router, API.similarStories, async (req, res) => {
    const { id } = storyParamsSchema.parse(req.params);
    const { limit } = similarQuerySchema.parse(req.query);
    const results = await search.similar(id, viewerOf(req), limit);
    if (!results) throw new HttpError(404, NOT_FOUND);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ results });
  });
  return router;
}
