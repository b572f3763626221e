import { z } from 'zod';

/**
 * Educators' collections at the HTTP boundary: request bodies and parameters in, collections
 * and their items out. Routes parse with these; the OpenAPI document is generated from them.
 */

export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 2_000;
export const MAX_NOTE_CHARS = 2_000;
/** A handout, not an anthology: enough for a semester's reading, small enough to render at once. */
export const MAX_ITEMS_PER_COLLECTION = 200;
/** A passage, not a whole story: long enough for several paragraphs. */
export const MAX_PASSAGE_CHARS = 20_000;

// C0/C1 control characters other than tab and newline never reach the database or a handout.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !CONTROL.test(value), { error: 'must not contain control characters' });

const titleSchema = text(MAX_TITLE_CHARS)
  .transform((value) => value.trim())
  .pipe(z.string().min(1, { error: 'must not be empty' }));
const descriptionSchema = text(MAX_DESCRIPTION_CHARS).transform((value) => value.trim());
const noteSchema = text(MAX_NOTE_CHARS).transform((value) => value.trim());
const charOffset = z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be at least 0' });

export const collectionParamsSchema = z.strictObject({ id: z.uuid({ error: 'must be a collection id (a UUID)' }) });
export const collectionItemParamsSchema = z.strictObject({
  id: z.uuid({ error: 'must be a collection id (a UUID)' }),
  itemId: z.uuid({ error: 'must be an item id (a UUID)' }),
});

export const newCollectionSchema = z.strictObject({
  title: titleSchema,
  description: descriptionSchema.default(''),
});
export type NewCollection = z.output<typeof newCollectionSchema>;

export const collectionPatchSchema = z
  .strictObject({ title: titleSchema.optional(), description: descriptionSchema.optional() })
  .refine((patch) => patch.title !== undefined || patch.description !== undefined, { error: 'give a title, a description, or both' });
export type CollectionPatch = z.output<typeof collectionPatchSchema>;

export const newItemSchema = z
  .strictObject({
    storyId: z.uuid({ error: 'must be a story id (a UUID)' }),
    startChar: charOffset.describe('Where the passage starts in the story\'s `text` as GET /api/stories/{id} returns it.'),
    endChar: charOffset.describe('Where it ends (exclusive).'),
    note: noteSchema.default(''),
  })
  .refine((item) => item.endChar > item.startChar, { path: ['endChar'], error: 'must be greater than startChar' })
  .refine((item) => item.endChar - item.startChar <= MAX_PASSAGE_CHARS, { path: ['endChar'], error: `a passage may be at most ${MAX_PASSAGE_CHARS} characters long` });
export type NewItem = z.output<typeof newItemSchema>;

export const itemPatchSchema = z.strictObject({ note: noteSchema });

export const itemOrderSchema = z.strictObject({
  itemIds: z
    .array(z.uuid({ error: 'must be item ids (UUIDs)' }), { error: 'must be a list of item ids' })
    .max(MAX_ITEMS_PER_COLLECTION, { error: `must hold at most ${MAX_ITEMS_PER_COLLECTION} ids` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'must not name an item twice' }),
});

export const HANDOUT_FORMATS = ['md', 'html'] as const;
export type HandoutFormat = (typeof HANDOUT_FORMATS)[number];
export const HANDOUT_LANGUAGES = ['nb', 'en'] as const;
export type HandoutLanguage = (typeof HANDOUT_LANGUAGES)[number];

export const handoutQuerySchema = z.strictObject({
  format: z.enum(HANDOUT_FORMATS, { error: 'must be md or html' }).default('html').describe('md (Markdown) or html (a standalone page with a print stylesheet).'),
  lang: z.enum(HANDOUT_LANGUAGES, { error: 'must be nb or en' }).default('nb').describe('The language of the handout\'s own words (attribution, consent note).'),
});

// --- Responses ----------------------------------------------------------------------------------

export const collectionSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  /** Items whose stories still allow teaching (others are hidden, not counted). */
  itemCount: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CollectionSummary = z.infer<typeof collectionSummarySchema>;

export const collectionItemViewSchema = z.object({
  id: z.uuid(),
  storyId: z.uuid(),
  storyTitle: z.string(),
  /** The name the teller's consent allows to be shown; null when anonymous. */
  displayName: z.string().nullable(),
  themes: z.array(z.string()),
  startChar: z.number().int().min(0),
  endChar: z.number().int().min(0),
  /**
   * The passage as the story reads now. Given even when `quoteAllowed` is false: this is the
   * educator's own screen (the whole story is open to them on its page); the handout leaves it out.
   */
  text: z.string(),
  /** The teller consented to verbatim quotation; if not, the handout names the story but quotes nothing. */
  quoteAllowed: z.boolean(),
  /** The story was edited after the passage was chosen, so the range may no longer hold those words; the handout quotes nothing. */
  storyRevised: z.boolean(),
  note: z.string(),
  position: z.number().int().min(0),
});
export type CollectionItemView = z.infer<typeof collectionItemViewSchema>;

export const collectionViewSchema = collectionSummarySchema.extend({ items: z.array(collectionItemViewSchema) });
export type CollectionView = z.infer<typeof collectionViewSchema>;

export const collectionsResponseSchema = z.object({ collections: z.array(collectionSummarySchema) });

export const collectionDeletedSchema = z.object({ deleted: z.uuid() });

/** The handout as JSON (`Accept: application/json`), e.g. for a preview; otherwise the file itself is sent. */
export const handoutFileSchema = z.object({
  filename: z.string(),
  contentType: z.enum(['text/markdown; charset=utf-8', 'text/html; charset=utf-8']),
  content: z.string(),
});
export type HandoutFile = z.infer<typeof handoutFileSchema>;
