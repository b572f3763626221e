import { z } from 'zod';
import { detectLanguage } from '../../../indexer/ingest/detect-language.js';
import { describeJsonError, describeJsonType, isPlainObject, parseJson } from '../../../indexer/ingest/formats/jsonl.js';
import { MAX_QUERY_CHARS } from '../search.schema.js';

/**
 * A labelled query set (JSON Lines): one query per line with the externalIds of the stories a
 * reader would be glad to get for it. Parsing is strict and stops at the first bad line,
 * naming the line and the field; messages never quote the line (a query may hold details of
 * a patient).
 */

export const EVAL_LANGUAGES = ['nb', 'nn', 'en'] as const;
export type EvalLanguage = (typeof EVAL_LANGUAGES)[number];

/** C0/C1 control characters other than tab, newline and carriage return: the search API refuses them. */
const hasControlCharacter = (text: string) =>
  [...text].some((c) => {
    const code = c.codePointAt(0)!;
    return (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
  });

export const evalLineSchema = z
  .object({
    query: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters (the search API refuses longer queries)`)
      .refine((q) => !hasControlCharacter(q), 'must not contain control characters'),
    relevant: z
      .array(z.string({ error: 'must hold externalIds as strings' }).trim().min(1, 'must not hold an empty externalId'), {
        error: 'must be an array of externalIds',
      })
      .min(1, 'must list at least one externalId')
      .refine((ids) => new Set(ids).size === ids.length, 'lists an externalId twice'),
    lang: z.enum(EVAL_LANGUAGES, { error: `must be one of ${EVAL_LANGUAGES.join(', ')}` }).optional(),
    note: z.string({ error: 'must be a string' }).optional(),
  })
  .strict();
export type EvalLine = z.infer<typeof evalLineSchema>;

export interface EvalQuery {
  /** 1-based line in the file, for messages and per-query reports. */
  readonly line: number;
  readonly query: string;
  readonly relevant: readonly string[];
  readonly lang: EvalLanguage;
  /** `given` in the line, or `detected` from the query text. */
  readonly langSource: 'given' | 'detected';
  readonly note?: string;
}

/** A bad eval file: `line` and `field` say where, the message says what is wrong. */
export class EvalSetError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super([line === undefined ? '' : `line ${line}`, field ?? '', problem].filter(Boolean).join(': '));
    this.name = 'EvalSetError';
  }
}

const ALLOWED_FIELDS = Object.keys(evalLineSchema.shape).join(', ');

function lineError(line: number, issue: z.core.$ZodIssue, value: object): EvalSetError {
  if (issue.code === 'unrecognized_keys') {
    return new EvalSetError(line, issue.keys[0], `unknown field (allowed: ${ALLOWED_FIELDS})`);
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  // A type error on a field the line does not have means the field is missing: say so plainly.
  const missing = issue.path.length === 1 && !Object.hasOwn(value, String(issue.path[0]));
  return new EvalSetError(line, field, missing ? 'is required' : issue.message);
}

function parseLine(raw: string, line: number): EvalQuery {
  const json = parseJson(raw);
  if (!json.ok) throw new EvalSetError(line, undefined, `not valid JSON: ${describeJsonError(json, false)}`);
  if (!isPlainObject(json.value)) {
    throw new EvalSetError(line, undefined, `holds ${describeJsonType(json.value)}; each line must be one JSON object like {"query": …, "relevant": […]}`);
  }
  const parsed = evalLineSchema.safeParse(json.value);
  if (!parsed.success) throw lineError(line, parsed.error.issues[0]!, json.value);
  const { query, relevant, lang, note } = parsed.data;
  const detected = lang ?? detectLanguage(query);
  if (detected === undefined) {
    throw new EvalSetError(line, 'lang', `is missing and the query is too short or mixed to detect its language; give lang (${EVAL_LANGUAGES.join(', ')})`);
  }
  return { line, query, relevant, lang: detected, langSource: lang ? 'given' : 'detected', ...(note !== undefined ? { note } : {}) };
}

/** Every query of a JSON Lines file (blank lines skipped), or an EvalSetError at the first bad line. */
export function parseEvalSet(text: string): EvalQuery[] {
  const queries = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .flatMap((raw, index) => (raw.trim() === '' ? [] : [parseLine(raw, index + 1)]));
  if (queries.length === 0) throw new EvalSetError(undefined, undefined, 'the file holds no queries (one JSON object per line)');
  return queries;
}

// ---- grouping ----------------------------------------------------------------------------

/** The rows of the eval table: each query counts in `all` and in every group it belongs to. */
export const EVAL_GROUPS = ['all', 'short', 'cross-lingual', 'nb', 'en'] as const;
export type EvalGroup = (typeof EVAL_GROUPS)[number];

/** Words as a person typed them: "self-harm" and «tvangsinnleggelse» are one word each. */
export function wordCount(query: string): number {
  return query.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Bokmål and Nynorsk are one written language family for this purpose: they share most of
 * their vocabulary and the same full-text configuration, so a Bokmål query for a Nynorsk
 * story is not cross-lingual. English is the other family.
 */
export function languageFamily(language: string): string {
  return language === 'nb' || language === 'nn' || language === 'no' ? 'norwegian' : language;
}

/**
 * The groups of one query. `storyLanguage` gives a story's language by externalId; a query is
 * cross-lingual when its language family differs from that of every relevant story (when a
 * relevant story's language is unknown, it is not counted as cross-lingual).
 */
export function groupsOf(query: EvalQuery, storyLanguage: (externalId: string) => string | undefined): EvalGroup[] {
  const groups: EvalGroup[] = ['all'];
  if (wordCount(query.query) <= 2) groups.push('short');
  const family = languageFamily(query.lang);
  const storyFamilies = query.relevant.map((id) => storyLanguage(id));
  if (storyFamilies.every((language) => language !== undefined && languageFamily(language) !== family)) groups.push('cross-lingual');
  groups.push(family === 'norwegian' ? 'nb' : 'en');
  return groups;
}
