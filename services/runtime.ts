import type { Db } from '../db/db.js';
import { migrate, pendingMigrations } from '../db/migrator.js';
import { openDb } from '../db/open-db.js';
import { assertModelFilesPresent, createEmbedder, type Embedder } from '../indexer/embedding/embedder.js';
import { enqueuePendingWork } from '../indexer/indexing/enqueue-pending.js';
import { createStoryIndexer } from '../indexer/indexing/story-indexer.js';
import { createJobs } from '../indexer/jobs/registry.js';
import { createThemeProfileSource, type ThemeProfileSource } from '../indexer/themes/theme-vectors.js';
import { createAuthService, type AuthService } from './auth/auth.service.js';
import { describeConfig, type Config } from './config/config.js';
import { createStoryChanges, type StoryChanges } from './consent/story-changes.js';
import { createContributionService, type ContributionService } from './contributions/contribution.service.js';
import { createReceiptHasher, generateReceiptCode } from './contributions/receipt-code.js';
import { createModerationService, type ModerationService } from './moderation/moderation.service.js';
import { createCollectionService, type CollectionService } from './collections/collection.service.js';
import { createAppStateRepository } from './repositories/app-state.repository.js';
import { probe, type ComponentState, type ReadinessChecks } from './health/readiness.js';
import { createLexicalEngine, type LexicalEngine } from './lexical/lexical-engine.js';
import { UserFacingError, errorMessage } from './platform/errors.js';
import type { Logger } from './platform/logger.js';
import { createJobQueue } from './queue/create-queue.js';
import { createJobRegistry } from './queue/job-registry.js';
import type { JobQueue } from './queue/queue.js';
import type { JobDeps } from '../indexer/jobs/job-deps.js';
import { createJobRunRepository } from './repositories/job-run.repository.js';
import { createSearchService, type SearchService } from './search/search.service.js';
import { createStoryReader, type StoryReader } from './stories/story-reader.js';
import { createThemeCatalogue, type ThemeCatalogue } from './themes/theme-catalogue.js';

/**
 * The composition root: opens each external system once and hands them out as plain
 * arguments. Roles: `all` (levd start: API + worker in one process), `api` (levd serve),
 * `worker` (levd worker), `cli` (levd import / reindex: like `api`, but the model loads only
 * if this process ends up indexing).
 */
export type Role = 'all' | 'api' | 'worker' | 'cli';

export interface Runtime {
  readonly config: Config;
  readonly log: Logger;
  readonly db: Db;
  readonly queue: JobQueue;
  readonly lexical: LexicalEngine;
  readonly embedder: Embedder;
  readonly themes: ThemeProfileSource;
  readonly search: SearchService;
  readonly stories: StoryReader;
  readonly taxonomy: ThemeCatalogue;
  readonly auth: AuthService;
  /** Contributors' submissions and self-service (receipt codes). */
  readonly contributions: ContributionService;
  /** The editors' queue, de-identification and review steps. */
  readonly moderation: ModerationService;
  /** Educators' collections of passages and their handouts. */
  readonly collections: CollectionService;
  /** What follows a committed story change in every engine (re-index, narrowing, withdrawal). */
  readonly changes: StoryChanges;
  readonly readiness: ReadinessChecks;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, log: Logger, role: Role): Promise<Runtime> {
  if (role === 'worker' && config.queue.kind === 'in-process') {
    throw new UserFacingError(
      'levd worker needs REDIS_URL: without Redis, jobs run inside `levd start` or `levd serve`.',
    );
  }
  log.info({ role, ...describeConfig(config) }, 'starting');
  // A wrong MODEL_DIR is a setup mistake: say so now, not after the server is up and
  // /readyz stays red. The load itself (and a hub download) happens in the background.
  assertModelFilesPresent(config.model);
  const db = await openDb(config.database);
  try {
    await prepareSchema(db, config, role, log);
    const lexical = createLexicalEngine(config.lexical, db, {
      ...(config.lexical.kind === 'meilisearch' ? { indexUid: config.lexical.indexUid } : {}),
      model: config.model.profile,
    });
    const embedder = createEmbedder(config.model, { log });
    const themes = createThemeProfileSource({ db, embedder });
    const indexer = createStoryIndexer({ db, embedder, lexical, themes, suggest: config.indexing.suggest, log });
    // Jobs that fan out enqueue into the queue they are registered in; only called once it exists.
    const enqueue: JobDeps['enqueue'] = (name, payload, options) => queue.enqueue(name, payload, options);
    const removeJobsNaming: JobDeps['removeJobsNaming'] = (subject) => queue.removeJobsNaming(subject);
    const queue: JobQueue = createJobQueue(config.queue, {
      registry: createJobRegistry(createJobs({ db, embedder, indexer, enqueue, removeJobsNaming })),
      runLog: createJobRunRepository(db),
      log,
    });
    // Without Redis the queue lives in this process, so this process must also work it.
    const works = role === 'all' || role === 'worker' || config.queue.kind === 'in-process';
    const modelState = role === 'cli' && !works ? () => ({ state: 'ready' }) as ComponentState : loadInBackground(embedder, log);
    if (works) {
      await queue.startWorker();
      const pending = await enqueuePendingWork(db, enqueue, { syncsLexicalSeparately: indexer.syncsLexicalSeparately });
      if (pending.index + pending.sync + pending.purge > 0) log.info(pending, 're-enqueued indexing left behind by an earlier run');
    }
    const search = createSearchService({ db, lexical, embedder, themes, settings: config.search, log });
    const changes = createStoryChanges({ queue, lexical, forgetCachedResults: () => search.forgetCachedResults(), log });
    const receiptHasher = createReceiptHasher({ appState: createAppStateRepository(db) });
    return {
      config,
      log,
      db,
      queue,
      lexical,
      embedder,
      themes,
      search,
      stories: createStoryReader({ db }),
      taxonomy: createThemeCatalogue({ db }),
      auth: createAuthService({ db, log, sessionTtlHours: config.auth.sessionTtlHours }),
      contributions: createContributionService({
        db,
        changes,
        receiptCodes: { generate: generateReceiptCode, hash: (code) => receiptHasher.hash(code) },
        limits: { maxChars: config.submissions.maxChars },
        log,
      }),
      moderation: createModerationService({ db, changes, log }),
      collections: createCollectionService({ db }),
      changes,
      readiness: {
        database: probe(() => db.query('SELECT 1')),
        queue: probe(() => queue.ping()),
        lexical: probe(() => lexical.health()),
        model: async () => modelState(),
      },
      async close() {
        await queue.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The embedded database belongs to this process, so it migrates itself; against a server
 * `levd start` migrates, while `serve` and `worker` (several may start at once) expect
 * `levd migrate` to have run and say so if it has not.
 */
async function prepareSchema(db: Db, config: Config, role: Role, log: Logger): Promise<void> {
  if (config.database.kind === 'embedded' || role === 'all') {
    const { applied } = await migrate(db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    return;
  }
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    throw new UserFacingError(`The database needs ${pending.length} migration(s) (${pending.join(', ')}): run \`levd migrate\` first.`);
  }
}

/** The model loads while the server already answers /healthz; /readyz reports it. */
function loadInBackground(embedder: Embedder, log: Logger): () => ComponentState {
  let state: ComponentState = { state: 'starting', detail: 'loading the embedding model' };
  const startedAt = Date.now();
  embedder.load().then(
    () => {
      state = { state: 'ready' };
      log.info({ model: embedder.profile.id, ms: Date.now() - startedAt }, 'embedding model loaded');
    },
    (error: unknown) => {
      state = { state: 'failed', error: errorMessage(error) };
      log.error({ model: embedder.profile.id, error: errorMessage(error) }, 'embedding model failed to load');
    },
  );
  return () => state;
}
