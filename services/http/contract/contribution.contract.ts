import type { z } from 'zod';
import {
  approvalSchema,
  consentChangeSchema,
  contributorViewSchema,
  submissionAcceptedSchema,
  submissionSchema,
  withdrawalResultSchema,
  withdrawalSchema,
} from '../../contributions/submission.schema.js';
import { CONTRIBUTOR, endpoint, PUBLIC, type ApiEndpoint } from './endpoint.js';

/**
 * Contributing a story and looking after it afterwards. No account: the receipt code given
 * once at submission (sent back in `X-Receipt-Code`) opens the contributor's own story and
 * nothing else. Wrong codes are slowed down, limited per address and logged.
 */
export const CONTRIBUTION_API = {
  submitStory: endpoint({
    operationId: 'submitStory',
    method: 'post',
    access: PUBLIC,
    path: '/api/submissions',
    summary: 'Contribute a story, with the consent choices; answers with the receipt code (shown once)',
    description:
      'JSON (the story in `text`), or multipart/form-data with the same document as JSON in a `submission` field and an optional ' +
      '`transcript` file (.txt, .vtt or .srt) instead of `text`. Every consent choice is an explicit true/false, and `consent` names the ' +
      'consent text shown (version, language, SHA-256 from GET /api/consent-texts/current). Submissions per client address are limited.',
    tags: ['contributions'],
    body: { schema: submissionSchema, mediaTypes: ['application/json', 'multipart/form-data'] },
    responses: { 201: { description: 'Received; keep the receipt code — it cannot be shown again or recovered.', schema: submissionAcceptedSchema } },
    errors: [400, 403, 413, 415, 429],
  }),
  contribution: endpoint({
    operationId: 'getContribution',
    method: 'get',
    access: CONTRIBUTOR,
    path: '/api/contribution',
    summary: 'The story the receipt code opens: its status, the version that will be published, and its consent',
    tags: ['contributions'],
    responses: { 200: { description: 'The contributor\'s view of their story.', schema: contributorViewSchema } },
    errors: [401, 404, 429],
  }),
  changeConsent: endpoint({
    operationId: 'changeContributionConsent',
    method: 'put',
    access: CONTRIBUTOR,
    path: '/api/contribution/consent',
    summary: 'Change what the story may be used for (and how its teller is named)',
    description: 'Narrowing takes effect at once in every search engine. Allowing a new use needs the consent text read again: send `consentText`.',
    tags: ['contributions'],
    body: { schema: consentChangeSchema },
    responses: { 200: { description: 'The new consent is in force.', schema: contributorViewSchema } },
    errors: [400, 401, 403, 404, 429],
  }),
  approveEdits: endpoint({
    operationId: 'approveContribution',
    method: 'post',
    access: CONTRIBUTOR,
    path: '/api/contribution/approval',
    summary: 'Approve the edited version an editor sent; it is published',
    tags: ['contributions'],
    body: { schema: approvalSchema },
    responses: { 200: { description: 'Approved and published.', schema: contributorViewSchema } },
    errors: [400, 401, 403, 404, 409, 429],
  }),
  declineEdits: endpoint({
    operationId: 'declineContributionEdits',
    method: 'post',
    access: CONTRIBUTOR,
    path: '/api/contribution/declined-edits',
    summary: 'Send the edited version back to the editors without publishing it',
    tags: ['contributions'],
    responses: { 200: { description: 'Back with the editors.', schema: contributorViewSchema } },
    errors: [401, 403, 404, 409, 429],
  }),
  withdraw: endpoint({
    operationId: 'withdrawContribution',
    method: 'post',
    access: CONTRIBUTOR,
    path: '/api/contribution/withdrawal',
    summary: 'Withdraw some uses of the story, or everything (the story is deleted from every store)',
    description:
      '`{"scopes":"all"}` deletes the text, every revision, passages, embeddings, search documents, collection items and queued jobs; ' +
      'only a record that a story existed and was withdrawn, and when, remains. The receipt code stops working.',
    tags: ['contributions'],
    body: { schema: withdrawalSchema },
    responses: { 200: { description: 'Withdrawn.', schema: withdrawalResultSchema } },
    errors: [400, 401, 403, 404, 429],
  }),
} as const satisfies Record<string, ApiEndpoint>;

export const CONTRIBUTION_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Submission: submissionSchema,
  SubmissionAccepted: submissionAcceptedSchema,
  ContributorView: contributorViewSchema,
  ConsentChange: consentChangeSchema,
  Approval: approvalSchema,
  Withdrawal: withdrawalSchema,
  WithdrawalResult: withdrawalResultSchema,
};
