import { z } from 'zod';

/**
 * The search API's contract: query parameters in, results out. The HTTP routes parse with
 * these, the OpenAPI document is generated from them, and the eval and benchmark speak them.
 */

export const SEARCH_MODES = ['hybrid', 'vector', 'lexical'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Longer queries are refused, not cut: a pasted page is not a query, and the model reads 512 tokens. */
export const MAX_QUERY_CHARS = 500;
export const MAX_LIMIT = 50;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// C0/C1 control characters other than tab/newline: refused so they never reach an engine or a log.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A query parameter that may be given once or repeated (`?theme=a&theme=b`). */
const repeatable = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20, 'at most 20 values'));

export const searchQuerySchema = z
  .object({
    q: z
      .string()
      .max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`)
      .refine((q) => !CONTROL.test(q), 'must not contain control characters')
      .transform((q) => q.replace(/\s+/g, ' ').trim())
      .default('')
      .describe('Free text, in any language of the archive. May be empty when a theme is given.'),
    theme: repeatable(z.string().regex(SLUG, 'must be a theme slug like "tvang"')).describe(
      'Theme slugs (repeatable): stories must have every one, confirmed or suggested.',
    ),
    lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like nb, nn or en').optional().describe('Only stories in this language.'),
    kind: z.enum(['written', 'interview']).optional().describe('Only written stories or only interviews.'),
    excludeWarnings: repeatable(
      z
        .string()
        .min(1, 'must not be empty')
        .max(100, 'must be at most 100 characters')
        .refine((w) => !CONTROL.test(w), 'must not contain control characters'),
    ).describe('Leave out stories with any of these content warnings (repeatable).'),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
      .default(10)
      .describe('Stories per page.'),
    cursor: z.string().max(200).optional().describe('The nextCursor of the previous page, as it was given.'),
    mode: z.enum(SEARCH_MODES).default('hybrid').describe('hybrid (default), or one engine alone: vector, lexical.'),
  })
  .strict()
  .refine((query) => query.q !== '' || query.theme.length > 0, {
    path: ['q'],
    message: 'is empty: give a query, a theme, or both',
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const textRangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

export const passageSchema = z.object({
  chunkId: z.uuid(),
  text: z.string(),
  /** The text, HTML-escaped, with the matching words in <mark>…</mark>: safe to insert as HTML. */
  highlighted: z.string(),
  /** The same matches as [start, end) offsets into `text`, for clients that render text themselves. */
  highlights: z.array(textRangeSchema),
  startChar: z.number().int().min(0),
  endChar: z.number().int().min(0),
  speaker: z.string().optional(),
  start: z.number().min(0).optional(),
  end: z.number().min(0).optional(),
  /** Which engines found this passage: the "why this result" hint (meaning / words / theme). */
  matchedBy: z.array(z.enum(['vector', 'lexical', 'theme'])),
});
export type PassageView = z.infer<typeof passageSchema>;

export const storyCardSchema = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  title: z.string(),
  language: z.string(),
  kind: z.enum(['written', 'interview']),
  themes: z.array(z.string()),
  contentWarnings: z.array(z.string()),
  /** The name or pseudonym the teller chose to be shown with; null when anonymous. */
  displayName: z.string().nullable(),
});
export type StoryCard = z.infer<typeof storyCardSchema>;

export const searchResultSchema = z.object({
  story: storyCardSchema,
  score: z.number(),
  passages: z.array(passageSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

const counts = z.record(z.string(), z.number().int().min(0));

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  /** Stories per value among all results of the query (every page), within the caller's audience. */
  facets: z.object({ themes: counts, language: counts, kind: counts }),
  /** How many stories the query found in all. */
  total: z.number().int().min(0),
  nextCursor: z.string().nullable(),
  tookMs: z.number().min(0),
  mode: z.enum(SEARCH_MODES),
  /** Themes recognised in the query text, whose vocabulary and description took part. */
  recognisedThemes: z.array(z.string()),
  /** Engines that could not answer; the results come from the others. */
  degraded: z.array(z.enum(['vector', 'lexical'])).optional(),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
