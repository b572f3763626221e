import type { z } from 'zod';
import {
  classificationSchema,
  editRequestSchema,
  moderationQueueQuerySchema,
  moderationQueueSchema,
  moderationStoryParamsSchema,
  redactionRequestSchema,
  reviewActionSchema,
  reviewViewSchema,
} from '../../moderation/moderation.schema.js';
import { endpoint, staffOnly, type ApiEndpoint } from './endpoint.js';

const EDITORS = staffOnly('editor', 'admin');

/**
 * The editors' work: the queue, de-identification, theme confirmation and the review steps
 * (claim → send for approval / publish, reject with a reason, unpublish). Editors and admins only.
 */
export const MODERATION_API = {
  moderationQueue: endpoint({
    operationId: 'getModerationQueue',
    method: 'get',
    access: EDITORS,
    path: '/api/moderation/queue',
    summary: 'Stories waiting for an editor or their contributor, oldest first',
    tags: ['moderation'],
    query: moderationQueueQuerySchema,
    responses: { 200: { description: 'The queue.', schema: moderationQueueSchema } },
    errors: [400, 401, 403],
  }),
  reviewStory: endpoint({
    operationId: 'getReview',
    method: 'get',
    access: EDITORS,
    path: '/api/moderation/stories/{id}',
    summary: 'A story under review: its current text, the personal data marked in it, the pseudonym map, revisions and consent',
    tags: ['moderation'],
    params: moderationStoryParamsSchema,
    responses: { 200: { description: 'The story as its editors see it.', schema: reviewViewSchema } },
    errors: [400, 401, 403, 404],
  }),
  reviewAction: endpoint({
    operationId: 'actOnReview',
    method: 'post',
    access: EDITORS,
    path: '/api/moderation/stories/{id}/actions',
    summary: 'A review step: claim, send for approval, publish, reject (with a reason) or unpublish',
    tags: ['moderation'],
    params: moderationStoryParamsSchema,
    body: { schema: reviewActionSchema },
    responses: { 200: { description: 'Done; the story as it now stands.', schema: reviewViewSchema } },
    errors: [400, 401, 403, 404, 409],
  }),
  redactStory: endpoint({
    operationId: 'redactStory',
    method: 'post',
    access: EDITORS,
    path: '/api/moderation/stories/{id}/redactions',
    summary: 'De-identify: replace marked spans with a category label or a pseudonym (a new revision)',
    tags: ['moderation'],
    params: moderationStoryParamsSchema,
    body: { schema: redactionRequestSchema },
    responses: { 200: { description: 'The new revision.', schema: reviewViewSchema } },
    errors: [400, 401, 403, 404, 409],
  }),
  editStory: endpoint({
    operationId: 'editStory',
    method: 'put',
    access: EDITORS,
    path: '/api/moderation/stories/{id}/text',
    summary: 'Replace the title and text (or segment texts) with the editor\'s corrections (a new revision)',
    tags: ['moderation'],
    params: moderationStoryParamsSchema,
    body: { schema: editRequestSchema },
    responses: { 200: { description: 'The new revision.', schema: reviewViewSchema } },
    errors: [400, 401, 403, 404, 409],
  }),
  classifyStory: endpoint({
    operationId: 'classifyStory',
    method: 'put',
    access: EDITORS,
    path: '/api/moderation/stories/{id}/classification',
    summary: 'Confirm the story\'s themes and content warnings',
    tags: ['moderation'],
    params: moderationStoryParamsSchema,
    body: { schema: classificationSchema },
    responses: { 200: { description: 'Saved.', schema: reviewViewSchema } },
    errors: [400, 401, 403, 404],
  }),
} as const satisfies Record<string, ApiEndpoint>;

export const MODERATION_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ModerationQueue: moderationQueueSchema,
  ReviewView: reviewViewSchema,
  ReviewAction: reviewActionSchema,
  RedactionRequest: redactionRequestSchema,
  EditRequest: editRequestSchema,
  Classification: classificationSchema,
};
