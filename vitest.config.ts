import { defineConfig } from 'vitest/config';

// Two tiers: test/unit (pure logic, no services) and test/integration (the real
// PostgreSQL, PGlite, Redis, Meilisearch and embedding model that scripts/test.sh starts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Two cores; each worker that loads the model holds ~800 MB.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
