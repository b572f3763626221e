/**
 * `waitUntilIdle` for both runners: poll the count of unfinished jobs per state until it
 * is zero. Polling rather than events because BullMQ's events arrive from other
 * processes' workers too, and a poll cannot miss one.
 */
export async function pollUntilIdle(
  countUnfinished: () => Promise<Readonly<Record<string, number>>>,
  options: { readonly timeoutMs?: number; readonly pollMs: number; readonly isClosed: () => boolean },
): Promise<void> {
  const { timeoutMs, pollMs } = options;
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
  for (;;) {
    const counts = await countUnfinished();
    if (Object.values(counts).every((n) => n === 0)) return;
    if (options.isClosed()) throw new Error(`The job queue was closed before it became idle: ${describeCounts(counts)}`);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`The job queue was not idle after ${timeoutMs} ms: ${describeCounts(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, remaining)));
  }
}

function describeCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
}
