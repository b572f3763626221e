import type { z } from 'zod';
import { detectLanguage } from './detect-language.js';
import { storyRecordSchema, type RawStoryRecord, type StoryRecord } from './story-record.js';

/**
 * The one step from "what a file said" to "a story we may import": the record schema, a
 * size limit, and the language filled in when the file left it out. Reasons name fields and
 * rules, never values — a value may be the story itself.
 */

export interface RecordLimits {
  /** Characters of text (all segments summed); default 200,000. */
  readonly maxChars: number;
}
export type ValidatedRecord = StoryRecord & { readonly language: string };

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxChars: 200_000 };

const number = (n: number) => n.toLocaleString('en-US');

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown field, refused (check the spelling)`);
  }
  if (!path) return [issue.message];
  // The schema's own messages read as a sentence after the field ("title is required"; an
  // "end must not be …" on the path "….end" says its field once); zod's start with a capital.
  const last = String(issue.path.at(-1));
  const message = issue.message.startsWith(`${last} `) ? issue.message.slice(last.length + 1) : issue.message;
  return [/^[a-z]/.test(message) ? `${path} ${message}` : `${path}: ${message}`];
}

/** The story's words, for language detection. */
function storyText(record: StoryRecord): string {
  return record.text ?? (record.segments ?? []).map((s) => s.text).join('\n');
}

/** Characters (code points, as PostgreSQL counts them) of the text, or of all segments summed. */
function countChars(record: StoryRecord): number {
  const length = (s: string) => [...s].length;
  return record.text !== undefined ? length(record.text) : (record.segments ?? []).reduce((sum, s) => sum + length(s.text), 0);
}

export function validateRecord(
  raw: RawStoryRecord,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): { ok: true; record: ValidatedRecord } | { ok: false; reason: string } {
  if (raw.consent === undefined || raw.consent === null) return { ok: false, reason: 'has no consent record (consent is required)' };

  const parsed = storyRecordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.flatMap(describeIssue).join('; ') };
  const record = parsed.data;

  if (record.consent.withdrawnAt !== undefined) {
    // Only the receipt of a withdrawal is kept: the text never goes further than this function.
    const { text: _text, segments: _segments, ...receipt } = record;
    return { ok: true, record: { ...receipt, language: record.language ?? 'nb' } };
  }

  const text = storyText(record);
  if (text.trim() === '') return { ok: false, reason: 'text is empty' };
  const chars = countChars(record);
  if (chars > limits.maxChars) {
    return { ok: false, reason: `text is ${number(chars)} characters; the limit is ${number(limits.maxChars)} (IMPORT_MAX_STORY_CHARS)` };
  }

  const language = record.language ?? detectLanguage(text);
  if (language === undefined) {
    return { ok: false, reason: 'language is missing and could not be detected from the text; give language (nb, nn, en, …)' };
  }
  return { ok: true, record: { ...record, language } };
}
