import type { z } from 'zod';
import {
  collectionDeletedSchema,
  collectionItemParamsSchema,
  collectionItemViewSchema,
  collectionParamsSchema,
  collectionPatchSchema,
  collectionsResponseSchema,
  collectionSummarySchema,
  collectionViewSchema,
  handoutFileSchema,
  handoutQuerySchema,
  itemOrderSchema,
  itemPatchSchema,
  newCollectionSchema,
  newItemSchema,
} from '../../collections/collection.schema.js';
import { endpoint, staffOnly, type ApiEndpoint } from './endpoint.js';

/**
 * Educators' collections of passages for teaching, and the handouts made from them.
 *
 * Educators and admins only. Not editors: a handout is how story text leaves the archive for
 * teaching, and the teller's `teaching` consent is a consent to that use, which the educator
 * role stands for; editors publish stories, and an editor who also teaches gets an educator
 * account. Admins may do everything staff can.
 */
const EDUCATORS = staffOnly('educator', 'admin');

const OWNERSHIP = 'A collection belongs to the account that made it; to anyone else it does not exist (404).';
const VISIBILITY =
  'Only items whose story allows teaching now are shown: an item whose teller narrowed consent is hidden (and returns if they widen it again); ' +
  'a withdrawn story\'s items are deleted.';

export const COLLECTION_API = {
  listCollections: endpoint({
    operationId: 'listCollections',
    method: 'get',
    access: EDUCATORS,
    path: '/api/collections',
    summary: 'Your collections, most recently changed first',
    tags: ['collections'],
    responses: { 200: { description: 'The collections, without their items.', schema: collectionsResponseSchema } },
    errors: [401, 403],
  }),
  createCollection: endpoint({
    operationId: 'createCollection',
    method: 'post',
    access: EDUCATORS,
    path: '/api/collections',
    summary: 'Start a collection',
    tags: ['collections'],
    body: { schema: newCollectionSchema },
    responses: {
      201: {
        description: 'The new, empty collection.',
        schema: collectionViewSchema,
        links: { collection: { operationId: 'getCollection', description: 'The new collection.', parameters: { id: '$response.body#/id' } } },
      },
    },
    errors: [400, 401, 403],
  }),
  getCollection: endpoint({
    operationId: 'getCollection',
    method: 'get',
    access: EDUCATORS,
    path: '/api/collections/{id}',
    summary: 'A collection with its passages in order',
    description:
      `${OWNERSHIP} ${VISIBILITY} Each item's \`text\` is given even when the teller did not consent to verbatim quotation ` +
      '(`quoteAllowed: false`): this is the educator\'s own view, and the handout leaves such text out.',
    tags: ['collections'],
    params: collectionParamsSchema,
    responses: { 200: { description: 'The collection.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  updateCollection: endpoint({
    operationId: 'updateCollection',
    method: 'patch',
    access: EDUCATORS,
    path: '/api/collections/{id}',
    summary: 'Rename a collection or change its description',
    tags: ['collections'],
    params: collectionParamsSchema,
    body: { schema: collectionPatchSchema },
    responses: { 200: { description: 'The collection as it now is.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  deleteCollection: endpoint({
    operationId: 'deleteCollection',
    method: 'delete',
    access: EDUCATORS,
    path: '/api/collections/{id}',
    summary: 'Delete a collection and its items',
    tags: ['collections'],
    params: collectionParamsSchema,
    responses: { 200: { description: 'Deleted.', schema: collectionDeletedSchema } },
    errors: [400, 401, 403, 404],
  }),
  addCollectionItem: endpoint({
    operationId: 'addCollectionItem',
    method: 'post',
    access: EDUCATORS,
    path: '/api/collections/{id}/items',
    summary: 'Add a passage: a character range of a story whose teller consented to teaching use',
    description:
      '`startChar`/`endChar` index the story\'s `text` as GET /api/stories/{id} returns it (for interviews, the laid-out turns). ' +
      'The range is kept, not a copy of the text. A story whose teller has not consented to teaching use is refused with 409; ' +
      'one the caller may not read at all, with 404.',
    tags: ['collections'],
    params: collectionParamsSchema,
    body: { schema: newItemSchema },
    responses: { 201: { description: 'Added at the end; the collection as it now is.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404, 409],
  }),
  updateCollectionItem: endpoint({
    operationId: 'updateCollectionItem',
    method: 'patch',
    access: EDUCATORS,
    path: '/api/collections/{id}/items/{itemId}',
    summary: 'Change the note on a passage',
    tags: ['collections'],
    params: collectionItemParamsSchema,
    body: { schema: itemPatchSchema },
    responses: { 200: { description: 'The collection as it now is.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  deleteCollectionItem: endpoint({
    operationId: 'deleteCollectionItem',
    method: 'delete',
    access: EDUCATORS,
    path: '/api/collections/{id}/items/{itemId}',
    summary: 'Remove a passage from the collection',
    tags: ['collections'],
    params: collectionItemParamsSchema,
    responses: { 200: { description: 'The collection as it now is.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  reorderCollectionItems: endpoint({
    operationId: 'reorderCollectionItems',
    method: 'put',
    access: EDUCATORS,
    path: '/api/collections/{id}/order',
    summary: 'Put the passages in a new order',
    description: '`itemIds` must list exactly the items GET /api/collections/{id} shows, each once.',
    tags: ['collections'],
    params: collectionParamsSchema,
    body: { schema: itemOrderSchema },
    responses: { 200: { description: 'The collection in its new order.', schema: collectionViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  collectionHandout: endpoint({
    operationId: 'getCollectionHandout',
    method: 'get',
    access: EDUCATORS,
    path: '/api/collections/{id}/handout',
    summary: 'The collection as a handout to download: Markdown, or a standalone HTML page with a print stylesheet',
    description:
      'Sent as an attachment (`text/markdown` or `text/html`); with `Accept: application/json` (and no preference for the file\'s type) ' +
      'as JSON instead, e.g. for a preview. Each passage is attributed (story title, the name its consent allows or "Anonym", a link to the story); ' +
      'a passage whose teller did not consent to verbatim quotation is named but not quoted. Ends with a consent note. Every export is audited. ' +
      VISIBILITY,
    tags: ['collections'],
    params: collectionParamsSchema,
    query: handoutQuerySchema,
    examples: { format: ['html', 'md'], lang: ['nb', 'en'] },
    responses: {
      200: { description: 'The handout.', schema: handoutFileSchema, otherMediaTypes: ['text/markdown', 'text/html'] },
    },
    errors: [400, 401, 403, 404],
  }),
} as const satisfies Record<string, ApiEndpoint>;

/** Response bodies by the names the OpenAPI document gives them (spread into NAMED_SCHEMAS); request bodies stay inline. */
export const COLLECTION_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  CollectionSummary: collectionSummarySchema,
  CollectionItem: collectionItemViewSchema,
  CollectionView: collectionViewSchema,
  CollectionsResponse: collectionsResponseSchema,
  CollectionDeleted: collectionDeletedSchema,
  HandoutFile: handoutFileSchema,
};
