import type { JobDefinition } from '../../services/queue/queue.js';

/**
 * Every job Levd runs, listed explicitly (no directory scanning). The pipeline reads
 * top to bottom: submitted → approved → index-story (chunk → embed → pgvector, lexical)
 * and purge-story on withdrawal; the Indexer issue adds them here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
export const JOBS: readonly JobDefinition<any>[] = [];
