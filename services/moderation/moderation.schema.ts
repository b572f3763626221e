import { z } from 'zod';
import { THEME_SLUG } from '../../indexer/ingest/story-record.js';
import { segmentViewSchema, storyStatusSchema } from '../contributions/submission.schema.js';
import { CONFIDENCES, PII_CATEGORIES } from './pii/pii.js';
import { REVIEW_ACTIONS } from './review-flow.js';

/** The editors' requests and what they read back, parsed and documented at the boundary. */

export const moderationStoryParamsSchema = z.object({ id: z.uuid({ error: 'must be a story id (a UUID)' }) }).strict();

export const moderationQueueQuerySchema = z
  .object({
    status: z
      .union([storyStatusSchema, z.array(storyStatusSchema)])
      .optional()
      .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s]))
      .describe('Repeatable; default: submitted, in_review and awaiting_approval.'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();


const storyPart = z.union([z.literal('title'), z.literal('body'), z.number().int().min(0)]).describe('"title", "body" (written), or the index of an interview segment');

export const piiMarkSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  category: z.enum(PII_CATEGORIES),
  confidence: z.enum(CONFIDENCES),
  reason: z.string(),
});

export const reviewedStorySchema = z.object({
  id: z.uuid(),
  status: storyStatusSchema,
  source: z.enum(['import', 'contribution']),
  kind: z.enum(['written', 'interview']),
  language: z.string(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  segments: z.array(segmentViewSchema).nullable(),
  revision: z.number().int(),
  approvedRevision: z.number().int().nullable(),
  indexVersion: z.number().int(),
  displayMode: z.enum(['name', 'pseudonym', 'anonymous']),
  displayName: z.string().nullable(),
  contentWarnings: z.array(z.string()),
  contributorThemes: z.array(z.string()),
  confirmedThemes: z.array(z.string()),
  suggestedThemes: z.array(z.object({ slug: z.string(), score: z.number() })),
  rejectionReason: z.string().nullable(),
  indexError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const queueEntrySchema = reviewedStorySchema.pick({
  id: true, status: true, source: true, kind: true, language: true, title: true, revision: true, approvedRevision: true, createdAt: true, updatedAt: true,
});
export const moderationQueueSchema = z.object({ stories: z.array(queueEntrySchema) });

export const reviewViewSchema = z.object({
  story: reviewedStorySchema,
  personalData: z.array(z.object({ part: storyPart, marks: z.array(piiMarkSchema) })),
  pseudonyms: z.array(z.object({ original: z.string(), replacement: z.string(), category: z.enum(PII_CATEGORIES) })),
  revisions: z.array(z.object({ revision: z.number().int(), createdAt: z.string() })),
  consent: z
    .object({
      public: z.boolean(),
      clinicians: z.boolean(),
      teaching: z.boolean(),
      research: z.boolean(),
      quote: z.boolean(),
      withdrawnScopes: z.array(z.string()),
      audience: z.array(z.string()),
      displayMode: z.enum(['name', 'pseudonym', 'anonymous']),
      consentTextVersion: z.string(),
      consentTextSha256: z.string().nullable(),
      givenAt: z.string(),
    })
    .nullable(),
});

export const reviewActionSchema = z
  .object({
    action: z.enum(REVIEW_ACTIONS.filter((a) => a !== 'approve' && a !== 'decline_edits') as ['claim', 'send_for_approval', 'publish', 'reject', 'unpublish']),
    reason: z.string().trim().min(1).max(2000).optional().describe('Required to reject: the contributor reads it.'),
  })
  .strict();

const replacementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('label'), category: z.enum(PII_CATEGORIES) }).strict(),
  z.object({ kind: z.literal('pseudonym'), value: z.string().trim().min(1).max(120).optional() }).strict(),
  z.object({ kind: z.literal('keep') }).strict(),
]);

export const redactionRequestSchema = z
  .object({
    revision: z.number().int().min(1).describe('The revision the decisions were made on; another editor\'s newer one is a 409.'),
    parts: z
      .array(
        z
          .object({
            part: storyPart,
            decisions: z
              .array(
                z
                  .object({
                    start: z.number().int().min(0),
                    end: z.number().int().min(1),
                    category: z.enum(PII_CATEGORIES).optional(),
                    replacement: replacementSchema,
                  })
                  .strict(),
              )
              .max(5000),
          })
          .strict(),
      )
      .min(1, 'send at least one part with decisions'),
  })
  .strict();

export const editRequestSchema = z
  .object({
    revision: z.number().int().min(1),
    title: z.string().trim().min(1).max(300),
    text: z.string().trim().min(1).max(2_000_000).optional(),
    segments: z.array(z.string().trim().min(1).max(100_000)).min(1).optional(),
  })
  .strict()
  .refine((r) => (r.text === undefined) !== (r.segments === undefined), { message: 'send text (written story) or segments (interview), not both', path: ['text'] });

export const classificationSchema = z
  .object({
    themes: z.array(z.string().regex(THEME_SLUG, 'must be a theme slug such as "tvang"')).max(20),
    contentWarnings: z.array(z.string().trim().min(1).max(60)).max(20),
  })
  .strict();
