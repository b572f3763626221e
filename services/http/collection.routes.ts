import { Router, type Request } from 'express';
import {
  collectionItemParamsSchema,
  collectionParamsSchema,
  collectionPatchSchema,
  handoutQuerySchema,
  itemOrderSchema,
  itemPatchSchema,
  newCollectionSchema,
  newItemSchema,
} from '../collections/collection.schema.js';
import type { CollectionService, Owner } from '../collections/collection.service.js';
import { HANDOUT_CSP } from '../collections/handout.js';
import { API } from './api-contract.js';
import { HttpError } from './errors.js';
import { mount } from './mount.js';
import { viewerOf } from './viewer.js';

/** Where a handout's reader opens a story: the web UI's story page. */
const STORY_PAGE = '/stories/';
/** A Host header we are willing to put into a link (name or address, optional port). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Educators' collections; access (educator, admin) and CSRF are checked by mount() before any of this runs. */
export function collectionRoutes(collections: CollectionService): Router {
  const router = Router();
  // Collections are one person's working material: never cached by anything between.
  router.use('/api/collections', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  mount(router, API.listCollections, async (req, res) => {
    res.json({ collections: await collections.list(ownerOf(req)) });
  });
  mount(router, API.createCollection, async (req, res) => {
    const input = newCollectionSchema.parse(req.body);
    res.status(201).json(await collections.create(ownerOf(req), input));
  });
  mount(router, API.getCollection, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    res.json(await collections.get(ownerOf(req), id));
  });
  mount(router, API.updateCollection, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    const patch = collectionPatchSchema.parse(req.body);
    res.json(await collections.update(ownerOf(req), id, patch));
  });
  mount(router, API.deleteCollection, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    await collections.remove(ownerOf(req), id);
    res.json({ deleted: id });
  });
  mount(router, API.addCollectionItem, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    const item = newItemSchema.parse(req.body);
    res.status(201).json(await collections.addItem(ownerOf(req), id, item));
  });
  mount(router, API.updateCollectionItem, async (req, res) => {
    const { id, itemId } = collectionItemParamsSchema.parse(req.params);
    const { note } = itemPatchSchema.parse(req.body);
    res.json(await collections.updateItem(ownerOf(req), id, itemId, note));
  });
  mount(router, API.deleteCollectionItem, async (req, res) => {
    const { id, itemId } = collectionItemParamsSchema.parse(req.params);
    res.json(await collections.removeItem(ownerOf(req), id, itemId));
  });
  mount(router, API.reorderCollectionItems, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    const { itemIds } = itemOrderSchema.parse(req.body);
    res.json(await collections.reorder(ownerOf(req), id, itemIds));
  });
  mount(router, API.collectionHandout, async (req, res) => {
    const { id } = collectionParamsSchema.parse(req.params);
    const { format, lang } = handoutQuerySchema.parse(req.query);
    const origin = originOf(req);
    const file = await collections.handout(ownerOf(req), id, { format, lang, storyUrl: (storyId) => `${origin}${STORY_PAGE}${storyId}` });
    const fileType = format === 'md' ? 'text/markdown' : 'text/html';
    // The file unless the caller prefers JSON (a preview); a browser's download link prefers the file or takes anything.
    if (req.accepts([fileType, 'application/json']) === 'application/json') {
      res.json(file);
      return;
    }
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (format === 'html') res.setHeader('Content-Security-Policy', HANDOUT_CSP);
    res.send(file.content);
  });
  return router;
}

function ownerOf(req: Request): Owner {
  const viewer = viewerOf(req);
  // mount() admitted only a signed-in staff account, so this is a bug if it ever happens.
  if (!viewer.userId) throw new HttpError(401, 'Sign in first: collections belong to a staff account (POST /api/session).');
  return { userId: viewer.userId, viewer };
}

/** Links in a handout are absolute (it is read away from the site); a Host header that is not a plain host name gets relative ones. */
function originOf(req: Request): string {
  const host = req.get('host');
  return host && PLAIN_HOST.test(host) ? `${req.protocol}://${host}` : '';
}
