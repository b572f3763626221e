/**
 * Timing HTTP requests as a client sees them: Node's fetch (undici, keep-alive), from just
 * before the request to the last byte of the body. Failures are collected, never thrown,
 * so a run reports every error it met.
 */
export interface Timings {
  /** Client-side milliseconds of each successful request. */
  readonly ms: number[];
  /** The server's own `tookMs` of each successful request (search time without HTTP). */
  readonly serverMs: number[];
  /** Every failed request: HTTP status (0 for a network error) and a short reason. */
  readonly errors: { status: number; reason: string }[];
  /** Successful answers that said an engine could not answer (`degraded`), by engine. */
  readonly degraded: Record<string, number>;
}

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Nearest-rank percentiles. */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, max: sorted[sorted.length - 1]! };
}

export function emptyTimings(): Timings {
  return { ms: [], serverMs: [], errors: [], degraded: {} };
}

/** One request, timed, recorded into `into`. */
export async function timedGet(url: string, into: Timings): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(url);
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      into.errors.push({ status: response.status, reason: errorReason(body) });
      return;
    }
    into.ms.push(ms);
    const { tookMs, degraded } = JSON.parse(body) as { tookMs?: unknown; degraded?: unknown };
    if (typeof tookMs === 'number') into.serverMs.push(tookMs);
    if (Array.isArray(degraded)) for (const engine of degraded) into.degraded[String(engine)] = (into.degraded[String(engine)] ?? 0) + 1;
  } catch (error) {
    into.errors.push({ status: 0, reason: (error as Error).cause ? String((error as { cause: unknown }).cause) : (error as Error).message });
  }
}

/** One client, one request at a time. */
export async function sequential(urls: readonly string[]): Promise<Timings> {
  const timings = emptyTimings();
  for (const url of urls) await timedGet(url, timings);
  return timings;
}

/** `clients` clients, each sending its next request as soon as the last one answered, for `seconds`. */
export async function concurrent(nextUrl: () => string, clients: number, seconds: number): Promise<Timings & { seconds: number }> {
  const timings = emptyTimings();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) await timedGet(nextUrl(), timings);
    }),
  );
  return { ...timings, seconds: (performance.now() - started) / 1000 };
}

/** The API's error message (it names the parameter, never echoes the query), cut short. */
function errorReason(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message ?? '');
    return message.slice(0, 160);
  } catch {
    return `non-JSON body of ${body.length} bytes`;
  }
}

const f = (x: number) => (Number.isNaN(x) ? '   –' : x.toFixed(1).padStart(5));

export function formatRow(label: string, t: Timings): string {
  const c = summarise(t.ms);
  const s = summarise(t.serverMs);
  const errors = t.errors.length > 0 ? `  ERRORS ${t.errors.length}` : '';
  const degraded = Object.entries(t.degraded).map(([engine, n]) => `  degraded (${engine}) ${n}`).join('');
  return `${label.padEnd(34)} p50 ${f(c.p50)}  p95 ${f(c.p95)}  p99 ${f(c.p99)}  mean ${f(c.mean)}  max ${f(c.max)} ms  (n=${c.n}; server tookMs p50 ${f(s.p50)} p95 ${f(s.p95)})${errors}${degraded}`;
}
