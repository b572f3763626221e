import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import multer from 'multer';
import type { Config } from '../config/config.js';
import type { ContributionService, SubmittedContent } from '../contributions/contribution.service.js';
import { parseReceiptCode } from '../contributions/receipt-code.js';
import { approvalSchema, consentChangeSchema, submissionSchema, withdrawalSchema } from '../contributions/submission.schema.js';
import { parseTranscriptUpload, UploadError } from '../contributions/transcript-upload.js';
import type { Logger } from '../platform/logger.js';
import type { ReceiptResolver } from './access-control.js';
import { API } from './api-contract.js';
import { HttpError } from './errors.js';
import { mount } from './mount.js';

/** Where a contributor follows their story (the web UI's page; the code is typed there, never put in a URL). */
export const STATUS_PAGE = '/contribute/status';
/** A wrong code costs the guesser this long (on top of the slow hash and the per-address limit). */
const WRONG_CODE_DELAY_MS = 400;

/**
 * Receipt codes → stories, for the access layer. A code that does not parse or opens nothing is
 * logged (with a hash of the address, never the code) and answered only after a pause.
 */
export function createReceiptResolver(contributions: ContributionService, log: Logger): ReceiptResolver {
  return {
    async resolve(input, { ip }) {
      const parsed = parseReceiptCode(input);
      const storyId = parsed.ok ? await contributions.resolve(parsed.code) : undefined;
      if (storyId) return { storyId };
      log.warn({ client: clientTag(ip), malformed: !parsed.ok }, 'receipt code rejected');
      await sleep(WRONG_CODE_DELAY_MS);
      return undefined;
    },
  };
}

export function contributionRoutes(contributions: ContributionService, limits: Config['submissions']): Router {
  const router = Router();
  const submissionsPerHour = rateLimit({
    windowMs: 60 * 60_000,
    limit: limits.perHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, `Too many submissions from this address; at most ${limits.perHour} an hour. Try again later.`)),
  });
  // Counts wrong codes only (a 401 or 400), so a contributor using their own code is never held back.
  const receiptAttempts = rateLimit({
    windowMs: 15 * 60_000,
    limit: limits.receiptAttemptsPer15Min,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, 'Too many wrong receipt codes from this address. Wait 15 minutes and try again.')),
  });
  router.use('/api/contribution', receiptAttempts);

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: limits.uploadMaxBytes, files: 1, fields: 4, fieldSize: 4 * 1024 * 1024 } });

  mount(router, API.submitStory, submissionsPerHour, acceptedBodies, multipart(upload, limits.uploadMaxBytes), async (req, res) => {
    const isMultipart = req.is('multipart/form-data') !== false;
    const submission = submissionSchema.parse(isMultipart ? submissionField(req.body) : req.body);
    const content = contentOf(submission.text, req.file, limits.uploadMaxBytes);
    const { storyId, receiptCode } = await contributions.submit(submission, content);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ storyId, receiptCode, status: 'submitted', statusUrl: STATUS_PAGE });
  });

  mount(router, API.contribution, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await contributions.view(storyOf(req)));
  });
  mount(router, API.changeConsent, async (req, res) => {
    const change = consentChangeSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await contributions.changeConsent(storyOf(req), change));
  });
  mount(router, API.approveEdits, async (req, res) => {
    const { revision } = approvalSchema.parse(req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await contributions.approve(storyOf(req), revision));
  });
  mount(router, API.declineEdits, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await contributions.declineEdits(storyOf(req)));
  });
  mount(router, API.withdraw, async (req, res) => {
    const { scopes } = withdrawalSchema.parse(req.body);
    const result = await contributions.withdraw(storyOf(req), scopes);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      ...result,
      message:
        result.withdrawn === 'all'
          ? 'Your story has been withdrawn and deleted from every part of the archive. The receipt code no longer works.'
          : `Withdrawn: ${result.withdrawn.join(', ')}. The story is no longer used for these purposes.`,
    });
  });
  return router;
}

function storyOf(req: Request): string {
  // authorize() sets it on every contributor endpoint; its absence is a wiring bug, not bad input.
  if (!req.contributor) throw new Error('contributor endpoint reached without a resolved receipt code');
  return req.contributor.storyId;
}

/** JSON or multipart only: anything else is a 415 that says what to send. */
function acceptedBodies(req: Request, _res: Response, next: NextFunction): void {
  if (req.is(['application/json', 'multipart/form-data'])) return next();
  next(new HttpError(415, 'Send the submission as application/json, or as multipart/form-data with a "submission" field (JSON) and an optional "transcript" file.'));
}

/** multer for multipart requests, with its limits turned into clear 4xx answers. */
function multipart(upload: multer.Multer, maxBytes: number) {
  const single = upload.single('transcript');
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) return next();
    single(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(new HttpError(413, `The transcript file is too large; the limit is ${readableSize(maxBytes)}.`));
        if (error.code === 'LIMIT_UNEXPECTED_FILE') return next(new HttpError(400, 'Only one file, in the "transcript" field, can be uploaded.'));
        return next(new HttpError(400, `The form could not be read: ${error.message}.`));
      }
      next(new HttpError(400, 'The multipart form could not be read.'));
    });
  };
}

function submissionField(body: unknown): unknown {
  const field = (body as Record<string, unknown> | undefined)?.submission;
  if (typeof field !== 'string') throw new HttpError(400, 'submission: the multipart form needs a "submission" field holding the submission as JSON');
  try {
    return JSON.parse(field);
  } catch {
    throw new HttpError(400, 'submission: the "submission" field is not valid JSON');
  }
}

function contentOf(text: string | undefined, file: Express.Multer.File | undefined, maxBytes: number): SubmittedContent {
  if (text !== undefined && file) throw new HttpError(400, 'text: send the story as text or as a transcript file, not both');
  if (text !== undefined) return { kind: 'written', body: text };
  if (!file) throw new HttpError(400, 'text: the story is missing; send it as text or upload a transcript file');
  try {
    return parseTranscriptUpload({ filename: file.originalname, mediaType: file.mimetype, bytes: file.buffer }, { maxBytes });
  } catch (error) {
    if (error instanceof UploadError) throw new HttpError(error.status, error.message);
    throw error;
  }
}

function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

/** A short, stable tag for an address in logs: enough to see a burst from one place, not the address. */
function clientTag(ip: string): string {
  return createHash('sha256').update(ip).digest('hex').slice(0, 12);
}
