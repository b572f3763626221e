import { z } from 'zod';
import { searchResultSchema, storyCardSchema } from '../search/search.schema.js';

/** The story page's contract: a story in full, as far as its consent lets the caller see it. */

export const storyParamsSchema = z.object({ id: z.uuid({ error: 'must be a story id (a UUID)' }) }).strict();

export const storyQuerySchema = z
  .object({
    passage: z.uuid({ error: 'must be a passage id (a UUID) from a search result' }).optional().describe('A passage to mark and scroll to.'),
  })
  .strict();

export const similarQuerySchema = z
  .object({
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(20, 'must be at most 20')
      .default(5)
      .describe('How many related stories.'),
  })
  .strict();

const segmentSchema = z.object({
  speaker: z.string().optional(),
  start: z.number().min(0).optional(),
  end: z.number().min(0).optional(),
  text: z.string(),
  /** Where the segment sits in the story's `text` (transcripts are laid out as `Speaker: …` turns). */
  startChar: z.number().int().min(0),
  endChar: z.number().int().min(0),
});

const passageMarkSchema = z.object({
  chunkId: z.uuid(),
  startChar: z.number().int().min(0),
  endChar: z.number().int().min(0),
  speaker: z.string().optional(),
  start: z.number().min(0).optional(),
  end: z.number().min(0).optional(),
});

export const storyViewSchema = z.object({
  story: storyCardSchema.extend({
    /** The whole text; for interviews the turns laid out as `Speaker: …` paragraphs, which passage offsets point into. */
    text: z.string(),
    segments: z.array(segmentSchema).nullable(),
    publishedAt: z.string().nullable(),
  }),
  /** The story's passages as search knows them, in story order. */
  passages: z.array(passageMarkSchema),
  /** The passage asked for with `?passage=`, when it belongs to this story. */
  focus: passageMarkSchema.nullable(),
});
export type StoryView = z.infer<typeof storyViewSchema>;

export const similarResponseSchema = z.object({ results: z.array(searchResultSchema) });
export type SimilarResponse = z.infer<typeof similarResponseSchema>;
