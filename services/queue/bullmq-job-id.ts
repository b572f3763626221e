/**
 * BullMQ 6 refuses custom job ids containing ':' (its Redis key separator) unless they
 * split into exactly three parts, a leftover for old repeatable jobs (Job.validateOptions,
 * "Custom Id cannot contain :"). Levd's ids are `index-story:<id>:<revision>` and the like,
 * so the adapter stores them percent-escaped and callers keep seeing their own ids.
 * Escaping '%' too makes the mapping reversible for every string.
 */
export function toBullmqJobId(jobId: string): string {
  return jobId.replace(/[%:]/g, (char) => (char === ':' ? '%3A' : '%25'));
}

export function fromBullmqJobId(bullmqId: string): string {
  return bullmqId.replace(/%3A|%25/g, (escape) => (escape === '%3A' ? ':' : '%'));
}
