import type { Db } from '../../db/db.js';

/** Database upkeep that cannot run inside a transaction. */
export function createMaintenanceRepository(db: Db) {
  return {
    /**
     * A deleted row is only marked dead: its bytes — passage text, the embedding in the heap
     * and in the HNSW graph — stay on disk until VACUUM reclaims them. Searches never return
     * dead rows (index scans check each row's visibility in the heap), but the erasure promise
     * is about the bytes too, so a withdrawal vacuums the tables that held the story at once
     * rather than whenever autovacuum gets round to it. VACUUM also repairs the HNSW graph
     * around the removed vectors.
     */
    async vacuumStoryContent(): Promise<void> {
      await db.query(`VACUUM chunks, story_revisions, story_themes, story_pseudonyms, collection_items, stories, consent_receipts`);
    },
  };
}
