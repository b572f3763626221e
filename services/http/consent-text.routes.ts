import { Router, type Response } from 'express';
import { consentText, currentConsentVersion, type ConsentTextView } from '../consent/consent-texts.js';
import { CONSENT_TEXT_API, consentTextQuerySchema, consentVersionParamsSchema } from './contract/consent.contract.js';
import { HttpError } from './errors.js';
import { mount } from './mount.js';

function send(res: Response, view: ConsentTextView, cacheControl: string): void {
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', `"${view.sha256}"`);
  res.json(view);
}

/**
 * GET /api/consent-texts/current and /api/consent-texts/{version}. `current` is registered
 * first so it is never read as a version id (ids are `YYYY-MM`, so it could not be one anyway).
 */
export function consentTextRoutes(): Router {
  const router = Router();
  mount(router, CONSENT_TEXT_API.currentConsentText, (req, res) => {
    const { lang } = consentTextQuerySchema.parse(req.query);
    const view = consentText(currentConsentVersion, lang);
    // Checked at start-up (versions.json names a current version with both languages).
    if (!view) throw new Error(`The current consent text ${currentConsentVersion} has no "${lang}" text`);
    // Which version is current changes with a deploy: revalidate, the ETag keeps that cheap.
    send(res, view, 'no-cache');
  });
  mount(router, CONSENT_TEXT_API.consentText, (req, res) => {
    const { version } = consentVersionParamsSchema.parse(req.params);
    const { lang } = consentTextQuerySchema.parse(req.query);
    const view = consentText(version, lang);
    if (!view) throw new HttpError(404, `No consent text with version "${version}"`);
    // A published version never changes (versions.json pins its hash).
    send(res, view, 'public, max-age=86400, immutable');
  });
  return router;
}
