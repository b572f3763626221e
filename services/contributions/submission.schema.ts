import { z } from 'zod';
import { LANGUAGE_CODE, THEME_SLUG } from '../../indexer/ingest/story-record.js';
import { AUDIENCES, CONSENT_SCOPES } from '../consent/audience.js';
import { CONSENT_LANGUAGES } from '../consent/consent-texts.js';

/**
 * What a contributor sends, parsed at the boundary. Every consent choice is an explicit
 * yes or no (nothing defaults, so nothing can be pre-ticked or forgotten), and the receipt
 * records which consent text — version and the SHA-256 of the exact text — was shown.
 */

/** Story text may hold line breaks and tabs, nothing else below U+0020 (a NUL cannot even be stored). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'contains control characters; send plain text')
    .transform((s) => s.normalize('NFC'));

const choice = (what: string) =>
  z.boolean({
    error: (issue) => (issue.input === undefined ? `choose yes or no: may the story be ${what}?` : 'must be true or false'),
  });

export const consentChoicesSchema = z
  .object({
    public: choice('shown on the public web'),
    clinicians: choice('shown to signed-in clinicians'),
    teaching: choice('used in teaching'),
    research: choice('used in research'),
    quote: choice('quoted word for word'),
  })
  .strict();

export const consentGivenSchema = consentChoicesSchema
  .extend({
    /** The consent text shown: its version, language and the SHA-256 of its exact text. */
    version: z.string().trim().min(1, 'must name the consent text version shown').max(40),
    language: z.enum(CONSENT_LANGUAGES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 (64 hex digits) of the consent text shown'),
  })
  .strict();

export const displaySchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('anonymous') }).strict(),
    z.object({ mode: z.literal('name'), name: plainText(120) }).strict(),
    z.object({ mode: z.literal('pseudonym'), name: plainText(120) }).strict(),
  ],
  { error: 'mode must be "name", "pseudonym" or "anonymous"' },
);

/** The form's fields; the story itself is `text`, or an uploaded transcript (multipart). */
export const submissionSchema = z
  .object({
    title: plainText(300),
    language: z.string().trim().toLowerCase().regex(LANGUAGE_CODE, 'must be a language code such as nb, nn or en'),
    /** Written stories; absent when a transcript file is uploaded. Its size limit is configured (SUBMISSION_MAX_CHARS). */
    text: plainText(2_000_000).optional(),
    themes: z.array(z.string().trim().regex(THEME_SLUG, 'must be a theme slug such as "tvang"')).max(10, 'at most 10 themes').default([]),
    contentWarnings: z.array(plainText(60)).max(10, 'at most 10 content warnings').default([]),
    consent: consentGivenSchema,
    display: displaySchema,
  })
  .strict()
  .refine((s) => s.consent.public || s.consent.clinicians || s.consent.teaching || s.consent.research, {
    path: ['consent'],
    message: 'choose at least one use (public, clinicians, teaching or research): a story no one may read cannot be published',
  });

export type Submission = z.output<typeof submissionSchema>;
export type ConsentGiven = z.output<typeof consentGivenSchema>;
export type DisplayChoiceInput = z.output<typeof displaySchema>;

export const submissionAcceptedSchema = z.object({
  storyId: z.uuid(),
  /** Shown once: only a slow hash of it is stored. The contributor needs it to see, change or withdraw the story. */
  receiptCode: z.string(),
  status: z.literal('submitted'),
  /** The contributor's status page. */
  statusUrl: z.string(),
});

/** A change of scopes or display. Widening needs the consent text shown again (its version and hash). */
export const consentChangeSchema = z
  .object({
    scopes: consentChoicesSchema,
    display: displaySchema.optional(),
    consentText: consentGivenSchema.pick({ version: true, language: true, sha256: true }).optional(),
  })
  .strict();

export const approvalSchema = z.object({ revision: z.number().int().min(1) }).strict();

export const withdrawalSchema = z
  .object({
    /** `all`: withdraw everything (the story is deleted); or the scopes to withdraw. */
    scopes: z.union([z.literal('all'), z.array(z.enum(CONSENT_SCOPES)).min(1, 'name at least one scope, or "all"')]),
  })
  .strict();

// --- What the contributor reads back ----------------------------------------------------------

const scopeFlags = z.object({ public: z.boolean(), clinicians: z.boolean(), teaching: z.boolean(), research: z.boolean(), quote: z.boolean() });
const scopeName = z.enum(CONSENT_SCOPES);
export const storyStatusSchema = z.enum(['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected', 'withdrawn']);
export const segmentViewSchema = z.object({
  speaker: z.string().optional(),
  start: z.number().optional(),
  end: z.number().optional(),
  text: z.string(),
});

export const contributorViewSchema = z.object({
  storyId: z.uuid(),
  status: storyStatusSchema,
  awaitingYourApproval: z.boolean().describe('An editor has sent an edited version: read it, then approve or decline.'),
  version: z
    .object({
      revision: z.number().int(),
      title: z.string(),
      language: z.string(),
      kind: z.enum(['written', 'interview']),
      text: z.string().nullable(),
      segments: z.array(segmentViewSchema).nullable(),
    })
    .describe('The version that will be published, exactly as it would appear.'),
  approvedRevision: z.number().int().nullable(),
  consent: z.object({
    scopes: scopeFlags,
    withdrawnScopes: z.array(scopeName),
    audience: z.array(z.enum(AUDIENCES)).describe('Who can read the story once it is published.'),
    display: z.object({ mode: z.enum(['name', 'pseudonym', 'anonymous']), name: z.string().nullable() }),
    consentTextVersion: z.string(),
    givenAt: z.string(),
  }),
  themes: z.array(z.string()),
  contentWarnings: z.array(z.string()),
  rejectionReason: z.string().nullable(),
  submittedAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const withdrawalResultSchema = z.object({
  withdrawn: z.union([z.literal('all'), z.array(scopeName)]),
  /** Absent when everything was withdrawn: there is nothing left to show. */
  view: contributorViewSchema.optional(),
  message: z.string(),
});
