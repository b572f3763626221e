import { Router, type Request } from 'express';
import {
  classificationSchema,
  editRequestSchema,
  moderationQueueQuerySchema,
  moderationStoryParamsSchema,
  redactionRequestSchema,
  reviewActionSchema,
} from '../moderation/moderation.schema.js';
import type { ModerationService } from '../moderation/moderation.service.js';
import { API } from './api-contract.js';
import { mount } from './mount.js';
import { viewerOf } from './viewer.js';

/** The editors' endpoints; access (editor, admin) and CSRF are checked by mount() before any of this runs. */
export function moderationRoutes(moderation: ModerationService): Router {
  const router = Router();
  mount(router, API.moderationQueue, async (req, res) => {
    const { status, limit } = moderationQueueQuerySchema.parse(req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ stories: await moderation.queue(status, limit) });
  });
  mount(router, API.reviewStory, async (req, res) => {
    const { id } = moderationStoryParamsSchema.parse(req.params);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await moderation.review(id));
  });
  mount(router, API.reviewAction, async (req, res) => {
    const { id } = moderationStoryParamsSchema.parse(req.params);
    const { action, reason } = reviewActionSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await moderation.act(id, action, actorOf(req), reason));
  });
  mount(router, API.redactStory, async (req, res) => {
    const { id } = moderationStoryParamsSchema.parse(req.params);
    const request = redactionRequestSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await moderation.deidentify(id, actorOf(req), request));
  });
  mount(router, API.editStory, async (req, res) => {
    const { id } = moderationStoryParamsSchema.parse(req.params);
    const request = editRequestSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await moderation.edit(id, actorOf(req), request));
  });
  mount(router, API.classifyStory, async (req, res) => {
    const { id } = moderationStoryParamsSchema.parse(req.params);
    const request = classificationSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await moderation.classify(id, actorOf(req), request));
  });
  return router;
}

/** The audit trail names staff by account id, never by name or e-mail. */
function actorOf(req: Request): string {
  const viewer = viewerOf(req);
  return `staff:${viewer.userId ?? viewer.role}`;
}
