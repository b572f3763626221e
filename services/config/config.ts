import path from 'node:path';
import { z } from 'zod';
import { MODEL_PROFILES, type ModelProfile } from '../../indexer/embedding/model-profiles.js';
import { DEFAULT_SUGGEST_OPTIONS } from '../../indexer/themes/suggest-themes.js';

/**
 * The one module that reads `process.env`. Everything else receives a typed `Config`.
 * An absent server URL is not an error: it selects the embedded counterpart
 * (PGlite, the in-process queue, PostgreSQL full-text search).
 */

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const urlWithProtocols = (protocols: readonly string[], example: string) =>
  optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z
  .object({
    DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/levd'),
    DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
    REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379'),
    MEILI_URL: urlWithProtocols(['http:', 'https:'], 'http://host:7700'),
    MEILI_MASTER_KEY: optionalText,
    MEILI_INDEX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be letters, digits, - or _').default('passages'),
    MODEL_DIR: optionalText,
    MODEL_HUB_URL: urlWithProtocols(['http:', 'https:'], 'https://huggingface.co/'),
    EMBEDDING_MODEL: z
      .string()
      .trim()
      .default('Xenova/multilingual-e5-small')
      .refine((id) => id in MODEL_PROFILES, {
        message: `must be one of: ${Object.keys(MODEL_PROFILES).join(', ')}`,
      }),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: wholeNumber(1, 65535).default(3000),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    QUEUE_CONCURRENCY: wholeNumber(1, 64).default(2),
    QUEUE_NAME: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - or _').default('levd'),
    IMPORT_MAX_STORY_CHARS: wholeNumber(1_000, 10_000_000).default(200_000),
    THEME_SUGGEST_TOP_K: wholeNumber(0, 18).default(DEFAULT_SUGGEST_OPTIONS.topK),
    THEME_SUGGEST_MIN_SCORE: z.coerce.number({ error: 'must be a number' }).min(-10).max(10).default(DEFAULT_SUGGEST_OPTIONS.minScore),
    DEMO_CORPUS: z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'),
    SEARCH_EF_SEARCH: wholeNumber(10, 1000).default(100),
    SEARCH_RRF_K: wholeNumber(1, 1000).default(60),
    SEARCH_CANDIDATES: wholeNumber(20, 1000).default(100),
    SEARCH_QUERY_CACHE_SIZE: wholeNumber(0, 1_000_000).default(2_000),
    SEARCH_LEXICAL_TIMEOUT_MS: wholeNumber(50, 60_000).default(2_000),
    SESSION_TTL_HOURS: wholeNumber(1, 720).default(12),
    COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
    SIGN_IN_ATTEMPTS_PER_15_MIN: wholeNumber(1, 10_000).default(10),
    SUBMISSION_MAX_CHARS: wholeNumber(1_000, 10_000_000).default(200_000),
    SUBMISSION_UPLOAD_MAX_BYTES: wholeNumber(1_024, 100 * 1024 * 1024).default(2 * 1024 * 1024),
    SUBMISSIONS_PER_HOUR: wholeNumber(1, 10_000).default(5),
    RECEIPT_ATTEMPTS_PER_15_MIN: wholeNumber(1, 10_000).default(20),
  });

function wholeNumber(min: number, max: number) {
  return z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });
}

/** Rules across variables; checked on the raw values so they are reported with the rest. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  return set('MEILI_URL') && !set('MEILI_MASTER_KEY') ? ['MEILI_MASTER_KEY is required when MEILI_URL is set'] : [];
}

/** The names of every variable Levd reads; docker-compose and `.env.example` are checked against it. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof z.input<typeof envSchema>)[];

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly dataDir: string;
  readonly database: { kind: 'server'; url: string } | { kind: 'embedded'; dir: string };
  readonly queue: { kind: 'redis'; url: string; concurrency: number; name: string } | { kind: 'in-process'; concurrency: number };
  readonly lexical: { kind: 'meilisearch'; url: string; masterKey: string; indexUid: string } | { kind: 'postgres' };
  readonly model: {
    readonly profile: ModelProfile;
    readonly source: { kind: 'local'; dir: string } | { kind: 'hub'; cacheDir: string; hubUrl: string };
  };
  readonly http: { host: string; port: number };
  readonly logLevel: LogLevel;
  readonly indexing: {
    /** Longest story text (characters; all segments summed) an import accepts. */
    readonly maxStoryChars: number;
    readonly suggest: { readonly topK: number; readonly minScore: number };
    /** `auto`: the embedded default loads the demo corpus on its first start. */
    readonly demoCorpus: 'auto' | 'off';
  };
  readonly search: {
    /** pgvector's hnsw.ef_search for each query (set with SET LOCAL): recall against speed. */
    readonly efSearch: number;
    /** The k of reciprocal rank fusion. */
    readonly rrfK: number;
    /** Passages each engine contributes to fusion: the depth pagination and facets reach. */
    readonly candidates: number;
    /** Query embeddings kept in memory (LRU); 0 turns the cache off. */
    readonly queryCacheSize: number;
    /** How long the lexical engine may take before search answers without it (degraded). */
    readonly lexicalTimeoutMs: number;
  };
  readonly auth: {
    /** How long a staff session lasts from sign-in (the cookie's Max-Age too). */
    readonly sessionTtlHours: number;
    /** `auto`: the cookie is Secure when the request came over TLS (req.secure, behind a trusted proxy too). */
    readonly cookieSecure: 'auto' | 'always' | 'never';
    /** Failed sign-ins one client address may make per 15 minutes before it gets 429. */
    readonly signInAttemptsPer15Min: number;
  };
  readonly submissions: {
    /** Longest story text a contributor may submit, in characters. */
    readonly maxChars: number;
    /** Largest transcript file a contributor may upload, in bytes. */
    readonly uploadMaxBytes: number;
    /** Submissions one client address may make per hour. */
    readonly perHour: number;
    /** Receipt-code attempts one client address may make per 15 minutes (guessing is slowed down). */
    readonly receiptAttemptsPer15Min: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const profile = MODEL_PROFILES[e.EMBEDDING_MODEL as keyof typeof MODEL_PROFILES];
  return {
    dataDir,
    database: e.DATABASE_URL ? { kind: 'server', url: e.DATABASE_URL } : { kind: 'embedded', dir: path.join(dataDir, 'pg') },
    queue: e.REDIS_URL
      ? { kind: 'redis', url: e.REDIS_URL, concurrency: e.QUEUE_CONCURRENCY, name: e.QUEUE_NAME }
      : { kind: 'in-process', concurrency: e.QUEUE_CONCURRENCY },
    lexical:
      e.MEILI_URL && e.MEILI_MASTER_KEY
        ? { kind: 'meilisearch', url: e.MEILI_URL, masterKey: e.MEILI_MASTER_KEY, indexUid: e.MEILI_INDEX }
        : { kind: 'postgres' },
    model: {
      profile,
      source: e.MODEL_DIR
        ? { kind: 'local', dir: path.resolve(e.MODEL_DIR) }
        : { kind: 'hub', cacheDir: path.join(dataDir, 'models'), hubUrl: withTrailingSlash(e.MODEL_HUB_URL ?? 'https://huggingface.co/') },
    },
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    indexing: {
      maxStoryChars: e.IMPORT_MAX_STORY_CHARS,
      suggest: { topK: e.THEME_SUGGEST_TOP_K, minScore: e.THEME_SUGGEST_MIN_SCORE },
      demoCorpus: e.DEMO_CORPUS,
    },
    search: {
      efSearch: e.SEARCH_EF_SEARCH,
      rrfK: e.SEARCH_RRF_K,
      candidates: e.SEARCH_CANDIDATES,
      queryCacheSize: e.SEARCH_QUERY_CACHE_SIZE,
      lexicalTimeoutMs: e.SEARCH_LEXICAL_TIMEOUT_MS,
    },
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: COOKIE_SECURE[e.COOKIE_SECURE],
      signInAttemptsPer15Min: e.SIGN_IN_ATTEMPTS_PER_15_MIN,
    },
    submissions: {
      maxChars: e.SUBMISSION_MAX_CHARS,
      uploadMaxBytes: e.SUBMISSION_UPLOAD_MAX_BYTES,
      perHour: e.SUBMISSIONS_PER_HOUR,
      receiptAttemptsPer15Min: e.RECEIPT_ATTEMPTS_PER_15_MIN,
    },
  };
}

const COOKIE_SECURE = { auto: 'auto', true: 'always', false: 'never' } as const;

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** A config with secrets and credentials removed, safe to log or show in /readyz. */
export function describeConfig(config: Config): Record<string, string> {
  return {
    database: config.database.kind === 'server' ? `server ${redactUrl(config.database.url)}` : `embedded ${config.database.dir}`,
    queue: config.queue.kind === 'redis' ? `redis ${redactUrl(config.queue.url)}` : 'in-process',
    lexical: config.lexical.kind === 'meilisearch' ? `meilisearch ${redactUrl(config.lexical.url)}` : 'postgres full-text',
    model: `${config.model.profile.id} (${config.model.source.kind === 'local' ? config.model.source.dir : `hub ${redactUrl(config.model.source.hubUrl)}`})`,
  };
}

function redactUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
