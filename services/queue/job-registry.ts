import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type JobDefinition } from './queue.js';

/**
 * The jobs this process can run, by name. Built from an explicit list (no directory
 * scanning) and checked once at start-up, so a typo or a second handler for a name fails
 * the boot instead of surfacing as a stuck job later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
export type AnyJobDefinition = JobDefinition<any>;
export type JobRegistry = ReadonlyMap<string, AnyJobDefinition>;

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function createJobRegistry(definitions: readonly AnyJobDefinition[]): JobRegistry {
  const problems: string[] = [];
  const byName = new Map<string, AnyJobDefinition>();
  const seen = new Map<string, number>();
  definitions.forEach((definition, index) => {
    const label = `job #${index + 1} (${JSON.stringify(definition.name)})`;
    if (typeof definition.name !== 'string' || !KEBAB_CASE.test(definition.name)) {
      problems.push(`${label}: the name must be non-empty kebab-case, like "index-story"`);
    }
    if (typeof definition.handle !== 'function') problems.push(`${label}: has no handle() function`);
    if (typeof definition.payload?.safeParse !== 'function') problems.push(`${label}: has no zod payload schema`);
    const { attempts, backoffMs, delayMs } = definition;
    if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1)) {
      problems.push(`${label}: attempts must be a whole number ≥ 1 (got ${attempts})`);
    }
    if (backoffMs !== undefined && !(Number.isFinite(backoffMs) && backoffMs >= 0)) {
      problems.push(`${label}: backoffMs must be a number ≥ 0 (got ${backoffMs})`);
    }
    if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
      problems.push(`${label}: delayMs must be a number ≥ 0 (got ${delayMs})`);
    }
    seen.set(definition.name, (seen.get(definition.name) ?? 0) + 1);
    byName.set(definition.name, definition);
  });
  for (const [name, count] of seen) {
    if (count > 1) problems.push(`"${name}" is registered ${count} times: each job name needs exactly one handler`);
  }
  if (problems.length > 0) {
    throw new Error(`The job registry is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return byName;
}

/** A job that must not be queued: unknown name, bad id or bad payload. Never retried. */
export class InvalidJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}

export interface PreparedJob {
  readonly definition: AnyJobDefinition;
  /** The parsed payload as it will be stored: zod's output (unknown keys stripped), JSON-safe. */
  readonly payload: unknown;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly delayMs: number;
}

/**
 * The enqueue-time checks both runners share, so the in-process runner refuses exactly
 * what BullMQ would. Storing zod's output rather than the caller's object keeps stray
 * fields (story text passed by mistake) out of Redis; the JSON round trip makes the
 * in-process runner see what a Redis worker would.
 */
export function prepareJob(registry: JobRegistry, name: string, payload: unknown, jobId: string): PreparedJob {
  const definition = registry.get(name);
  if (!definition) {
    throw new InvalidJobError(`Unknown job "${name}": it is not in the job registry (known: ${[...registry.keys()].join(', ') || 'none'})`);
  }
  // BullMQ reserves integer ids for the ids it generates itself.
  if (typeof jobId !== 'string' || jobId.trim() === '' || /^\d+$/.test(jobId)) {
    throw new InvalidJobError(`Invalid id ${JSON.stringify(jobId)} for job "${name}": use a deterministic id like "${name}:<id>:<revision>"`);
  }
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new InvalidJobError(`Invalid payload for job "${name}" (${jobId}); nothing was queued: ${describeIssues(parsed.error.issues)}`);
  }
  return {
    definition,
    payload: parsed.data === undefined ? undefined : JSON.parse(JSON.stringify(parsed.data)),
    attempts: definition.attempts ?? DEFAULT_ATTEMPTS,
    backoffMs: definition.backoffMs ?? DEFAULT_BACKOFF_MS,
    delayMs: definition.delayMs ?? 0,
  };
}

/** Paths and zod's messages only: the received values could be text that must not be logged. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(payload)'}: ${issue.message}`).join('; ');
}
