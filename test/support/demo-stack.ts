import { DEMO_CORPUS_DIR } from '../../indexer/ingest/demo-corpus.js';
import { importStories } from '../../indexer/ingest/import-stories.js';
import { readSources } from '../../indexer/ingest/sources.js';
import { createLogger } from '../../services/platform/logger.js';
import { openTestStack, type StackShape, type TestStack } from './stack.js';

/** What the demo corpus says about one of its stories (read from the files, never hard-coded). */
export interface DemoStory {
  readonly externalId: string;
  readonly language: string;
  readonly kind: string;
  readonly themes: readonly string[];
  readonly scopes: { readonly public: boolean; readonly clinicians: boolean; readonly teaching: boolean; readonly research: boolean };
  readonly withdrawn: boolean;
}

export async function demoCatalogue(): Promise<Map<string, DemoStory>> {
  const stories = new Map<string, DemoStory>();
  for await (const item of readSources([DEMO_CORPUS_DIR])) {
    if (item.kind !== 'record') continue;
    const record = item.record as Record<string, unknown> & { consent?: Record<string, unknown> };
    const consent = record.consent ?? {};
    const externalId = String(record.externalId);
    stories.set(externalId, {
      externalId,
      language: String(record.language),
      kind: String(record.kind ?? 'written'),
      themes: (record.themes as string[] | undefined) ?? [],
      scopes: { public: consent.public === true, clinicians: consent.clinicians === true, teaching: consent.teaching === true, research: consent.research === true },
      withdrawn: Boolean(consent.withdrawnAt),
    });
  }
  return stories;
}

/** A fresh stack of the given shape holding the demo corpus, published and indexed in every engine. */
export async function openDemoStack(shape: StackShape): Promise<TestStack> {
  const stack = await openTestStack(shape);
  try {
    const summary = await importStories(
      { db: stack.runtime.db, queue: stack.runtime.queue, log: createLogger('silent') },
      { paths: [DEMO_CORPUS_DIR], publish: true, wait: true, maxStoryChars: 200_000, actor: 'test' },
    );
    if (summary.refused.length > 0 || summary.jobs.failed.length > 0) {
      throw new Error(`the demo corpus did not import cleanly: ${JSON.stringify({ refused: summary.refused, failed: summary.jobs.failed })}`);
    }
    return stack;
  } catch (error) {
    await stack.cleanup();
    throw error;
  }
}
