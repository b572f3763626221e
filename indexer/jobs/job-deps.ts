import type { Db } from '../../db/db.js';
import type { EnqueueResult } from '../../services/queue/queue.js';
import type { Embedder } from '../embedding/embedder.js';
import type { StoryIndexer } from '../indexing/story-indexer.js';

/** What job handlers receive from the composition root (services/runtime.ts). */
export interface JobDeps {
  readonly db: Db;
  readonly embedder: Embedder;
  readonly indexer: StoryIndexer;
  /** The queue's enqueue, bound late: jobs that fan out need the queue they are registered in. */
  readonly enqueue: (name: string, payload: unknown, options: { readonly jobId: string }) => Promise<EnqueueResult>;
  /** The queue's removeJobsNaming, bound late too: a purge clears the story's other jobs. */
  readonly removeJobsNaming: (subject: string) => Promise<number>;
}
