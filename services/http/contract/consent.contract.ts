import { z } from 'zod';
import { CONSENT_LANGUAGES, CONSENT_SCOPES, CONSENT_VERSION_ID, DISPLAY_MODES, type ConsentTextView } from '../../consent/consent-texts.js';
import { endpoint, PUBLIC, type ApiEndpoint } from './endpoint.js';

/** The consent texts a contributor reads before choosing, with the form's short explanations. */

export const consentTextQuerySchema = z
  .object({
    lang: z.enum(CONSENT_LANGUAGES, { error: `must be one of ${CONSENT_LANGUAGES.join(', ')}` }).default('nb').describe('Language of the text: nb (default) or en.'),
  })
  .strict();

export const consentVersionParamsSchema = z
  .object({ version: z.string().regex(CONSENT_VERSION_ID, 'must be a consent text version like "2026-11"') })
  .strict();

const choice = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.object({ id: z.enum(ids), title: z.string(), explanation: z.string().describe('One or two sentences for the form.') });

export const consentTextViewSchema = z.object({
  version: z.string().describe('The version id a submission names as its consentTextVersion.'),
  language: z.enum(CONSENT_LANGUAGES),
  text: z.string().describe('The full consent text as Markdown, exactly as hashed.'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of the UTF-8 bytes of text; recorded on the consent receipt.'),
  scopes: z.array(choice(CONSENT_SCOPES)).describe('Each yes/no choice, in the order the form shows them.'),
  display: z.array(choice(DISPLAY_MODES)).describe('How the teller may be named with the story.'),
});

// The schema restates ConsentTextView; this fails to compile if the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const viewMatches: Same<z.infer<typeof consentTextViewSchema>, { -readonly [K in keyof ConsentTextView]: ConsentTextView[K] extends readonly (infer E)[] ? E[] : ConsentTextView[K] }> = true;
void viewMatches;

export const CONSENT_TEXT_API = {
  currentConsentText: endpoint({
    operationId: 'getCurrentConsentText',
    method: 'get',
    access: PUBLIC,
    path: '/api/consent-texts/current',
    summary: 'The consent text new submissions are shown, with the form\'s explanation of each choice',
    tags: ['consent'],
    query: consentTextQuerySchema,
    examples: { lang: ['nb', 'en'] },
    responses: { 200: { description: 'The current consent text in the language asked for.', schema: consentTextViewSchema } },
    errors: [400],
  }),
  consentText: endpoint({
    operationId: 'getConsentText',
    method: 'get',
    access: PUBLIC,
    path: '/api/consent-texts/{version}',
    summary: 'A published consent text by version: what a receipt with that version was shown',
    tags: ['consent'],
    params: consentVersionParamsSchema,
    query: consentTextQuerySchema,
    examples: { version: ['2026-11'], lang: ['nb', 'en'] },
    responses: { 200: { description: 'The consent text of that version; it never changes.', schema: consentTextViewSchema } },
    errors: [400, 404],
  }),
} as const satisfies Record<string, ApiEndpoint>;
