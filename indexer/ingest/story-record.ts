import { z } from 'zod';

/**
 * One story as it arrives for import, whatever the file format: JSONL lines, CSV rows,
 * Markdown / text files with front matter and transcripts (+ sidecar .json) all become
 * this shape before anything is written. The JSON Schema published in docs/ is generated
 * from it (`npm run schema`), so the README, the parsers and the importer agree.
 *
 * Unknown fields are refused rather than ignored: a misspelt consent field (`consent.publc`)
 * must stop the story, never silently narrow or widen what its teller agreed to.
 */

export const LANGUAGE_CODE = /^[a-z]{2,3}$/;
export const THEME_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const nonBlank = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, like 2024-03-01T12:00:00Z' });

export const segmentSchema = z
  .object({
    speaker: nonBlank(100).optional().describe('Who speaks, e.g. "I" (interviewer), "R" (respondent) or a name'),
    start: z.number().nonnegative().optional().describe('Start of the turn, in seconds from the start of the recording'),
    end: z.number().nonnegative().optional().describe('End of the turn, in seconds'),
    text: nonBlank(100_000).describe('What was said'),
  })
  .strict()
  .refine((s) => s.start === undefined || s.end === undefined || s.end >= s.start, {
    message: 'end must not be before start',
    path: ['end'],
  });

export const consentSchema = z
  .object({
    public: z.boolean().describe('May be shown on the public web'),
    clinicians: z.boolean().describe('May be shown to signed-in clinicians'),
    teaching: z.boolean().describe('May be used in teaching collections and handouts'),
    research: z.boolean().describe('May be used in research (a separate legal basis)'),
    quote: z.boolean().describe('May be quoted verbatim'),
    display: z.enum(['name', 'pseudonym', 'anonymous']).describe('How the teller is named with the story'),
    name: nonBlank(120).optional().describe('The name shown when display is "name"'),
    pseudonym: nonBlank(120).optional().describe('The pseudonym shown when display is "pseudonym"'),
    consentTextVersion: nonBlank(200).describe('Label of the consent form the person signed, kept as given'),
    givenAt: isoDateTime.optional().describe('When consent was given; the import time if absent'),
    withdrawnAt: isoDateTime
      .optional()
      .describe('Set when the teller has withdrawn everything: only a content-free record is kept, the text is never stored'),
  })
  .strict()
  .superRefine((consent, ctx) => {
    if (consent.display === 'name' && consent.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required when display is "name"' });
    }
    if (consent.display === 'pseudonym' && consent.pseudonym === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pseudonym'], message: 'is required when display is "pseudonym"' });
    }
  });

export const storyRecordSchema = z
  .object({
    externalId: nonBlank(200).describe('Your stable id for the story; importing it again updates the story'),
    title: nonBlank(300).optional().describe('Required unless the consent is withdrawn'),
    language: z
      .string()
      .trim()
      .toLowerCase()
      .regex(LANGUAGE_CODE, 'must be a 2–3 letter language code such as nb, nn or en')
      .optional()
      .describe('nb, nn, en, …; detected from the text when absent'),
    kind: z.enum(['written', 'interview']).describe('written: one text; interview: speaker segments'),
    text: z.string().optional().describe('The story (kind "written")'),
    segments: z.array(segmentSchema).min(1, 'must hold at least one segment').optional().describe('The turns of an interview (kind "interview")'),
    themes: z.array(z.string().trim().regex(THEME_SLUG, 'must be a theme slug such as "tvang"')).default([]).describe('Confirmed theme slugs'),
    contentWarnings: z.array(nonBlank(60)).default([]).describe('e.g. "selvskading", "vold"'),
    fictional: z.boolean().default(false).describe('True for invented stories such as the demo corpus'),
    consent: consentSchema.describe('The consent record; a story without one is refused'),
  })
  .strict()
  .superRefine((story, ctx) => {
    if (story.consent.withdrawnAt !== undefined) return; // nothing but the receipt is kept
    if (story.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required' });
    if (story.kind === 'written') {
      if (story.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required for a written story' });
      else if (story.text.trim() === '') ctx.addIssue({ code: 'custom', path: ['text'], message: 'is empty' });
      if (story.segments !== undefined) ctx.addIssue({ code: 'custom', path: ['segments'], message: 'belong to interviews; a written story has text' });
    } else {
      if (story.segments === undefined) ctx.addIssue({ code: 'custom', path: ['segments'], message: 'are required for an interview' });
      if (story.text !== undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'belongs to written stories; an interview has segments' });
    }
  });

export type Segment = z.infer<typeof segmentSchema>;
export type ConsentRecord = z.infer<typeof consentSchema>;
export type StoryRecord = z.infer<typeof storyRecordSchema>;
/** What a parser hands over: a plain object not yet checked against the schema. */
export type RawStoryRecord = Record<string, unknown>;
