import { readFile } from 'node:fs/promises';
import { loadDemoCorpusOnce } from '../../indexer/ingest/demo-corpus.js';
import { indexStoryJobId } from '../../indexer/jobs/index-story.job.js';
import { syncLexicalJobId } from '../../indexer/jobs/sync-lexical.job.js';
import type { Config } from '../config/config.js';
import type { ViewerRole } from '../consent/viewer.js';
import type { Logger } from '../platform/logger.js';
import { createProgress } from '../platform/progress.js';
import { createJobProgressRepository } from '../repositories/job-run.repository.js';
import { createStoryIndexRepository } from '../repositories/story-index.repository.js';
import { createStoryRepository, type StoryHead } from '../repositories/story.repository.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { EvalSetError, parseEvalSet, type EvalQuery } from '../search/evaluation/eval-set.js';
import { EvalSearchError, formatEvalTable, runEval, type EvalReport } from '../search/evaluation/run-eval.js';
import { SearchUnavailableError } from '../search/search-errors.js';
import { SEARCH_MODES, searchQuerySchema } from '../search/search.schema.js';

export interface EvalCommandOptions {
  readonly as: ViewerRole;
  readonly json: boolean;
}

/** Indexing that makes no progress for this long is reported and no longer waited for. */
const STALL_MS = 5 * 60_000;

const errorStack = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
const say = (stream: NodeJS.WritableStream, line: string) => stream.write(`${line}\n`);

/**
 * `levd eval FILE.jsonl [--as ROLE] [--json]`: exit 0 with the table; 2 for a bad file (the
 * line and field named); 1 when there is nothing to search or an engine could not answer.
 */
export async function evalCommand(config: Config, log: Logger, file: string, options: EvalCommandOptions): Promise<number> {
  let queries: EvalQuery[];
  try {
    queries = parseEvalSet(await readEvalFile(file));
  } catch (error) {
    if (!(error instanceof EvalSetError)) throw error;
    say(process.stderr, `levd eval: ${file}: ${error.message}`);
    return 2;
  }

  const runtime = await openRuntime(config, log, 'cli');
  try {
    await runtime.embedder.load();
    // The embedded default opens with the demo corpus, as `levd start` does. With the in-process
    // queue this process also works the index jobs (the demo's own, and any an interrupted
    // earlier run left behind): wait for them, or the figures would miss stories.
    await loadDemoCorpusOnce(runtime, log);
    if (runtime.queue.kind === 'in-process') await waitForIndexing(runtime, log);
    if (!(await hasSomethingToSearch(runtime))) {
      say(process.stderr, 'levd eval: the archive has no published story to search; import some first (levd import PATH --publish)');
      return 1;
    }
    const stories = await relevantStoryLanguages(runtime, queries);
    if ('problem' in stories) {
      say(process.stderr, `levd eval: ${file}: ${stories.problem}`);
      return 2;
    }

    let report: EvalReport;
    try {
      report = await runEval(runtime.search, queries, { viewer: { role: options.as }, storyLanguage: (id) => stories.languages.get(id) });
    } catch (error) {
      if (!(error instanceof EvalSearchError)) throw error;
      // An engine that is down (a 503 to the API) is a state to report; anything else is a bug, with its stack in the log.
      if (!(error.cause instanceof SearchUnavailableError)) log.error({ error: errorStack(error.cause), line: error.line, mode: error.mode }, 'eval: search failed');
      say(process.stderr, `levd eval: ${error.message}`);
      return 1;
    }
    log.info({ queries: queries.length, role: options.as, degraded: report.degraded.length }, 'eval finished');
    process.stdout.write(options.json ? `${JSON.stringify(asJson(report, file), null, 2)}\n` : formatReport(report, file));
    if (report.degraded.length > 0) {
      const engines = [...new Set(report.degraded.flatMap((d) => d.engines))].join(' and ');
      say(process.stderr, `levd eval: the ${engines} engine could not answer ${report.degraded.length} search(es); those figures are not the engines' own`);
      return 1;
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

async function readEvalFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvalSetError(undefined, undefined, code === 'ENOENT' ? 'no such file' : `the file cannot be read (${code ?? 'unknown error'})`);
  }
}

/**
 * Until PostgreSQL says no story is left to index or to sync to the lexical engine. A story
 * whose job failed for good stays behind: once only such stories are left (or nothing has
 * moved for STALL_MS) the eval goes on without them and says so.
 */
async function waitForIndexing(runtime: Runtime, log: Logger): Promise<void> {
  const stories = createStoryIndexRepository(runtime.db);
  const runs = createJobProgressRepository(runtime.db);
  const backlog = async () => [
    ...(await stories.needingIndexing()).map((s) => indexStoryJobId(s.id, s.indexVersion)),
    ...(await stories.needingLexicalSync()).map((s) => syncLexicalJobId(s.id, s.indexedVersion)),
  ];
  let pending = await backlog();
  if (pending.length === 0) return;
  const total = pending.length;
  const progress = createProgress({ label: 'indexing before the eval', total, log });
  let lastChange = Date.now();
  while (pending.length > 0) {
    const failed = (await runs.failures(pending)).length;
    if (failed === pending.length || Date.now() - lastChange > STALL_MS) {
      log.warn({ left: pending.length, failed }, 'some stories are not indexed; the eval runs without them');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await backlog();
    if (next.length !== pending.length) lastChange = Date.now();
    pending = next;
    progress.update(Math.max(0, total - pending.length));
  }
  progress.finish();
}

/** Whether any published story can be found at all: the vector side always returns its nearest passages. */
async function hasSomethingToSearch(runtime: Runtime): Promise<boolean> {
  const probe = await runtime.search.search(searchQuerySchema.parse({ q: 'erfaring', mode: 'vector', limit: 1 }), { role: 'editor' });
  return probe.total > 0;
}

/**
 * The language of each relevant story, for the cross-lingual group, or the first line that
 * names a story the archive does not hold published (its figures would be wrong, not low).
 */
async function relevantStoryLanguages(
  runtime: Runtime,
  queries: readonly EvalQuery[],
): Promise<{ languages: Map<string, string> } | { problem: string }> {
  const repository = createStoryRepository(runtime.db);
  const heads = new Map<string, StoryHead | undefined>();
  for (const query of queries) {
    for (const id of query.relevant) {
      if (!heads.has(id)) heads.set(id, await repository.findByExternalId(id));
      const head = heads.get(id);
      if (!head) return { problem: `line ${query.line}: relevant: no story with externalId "${id}" in the archive` };
      if (head.status !== 'published') return { problem: `line ${query.line}: relevant: the story "${id}" is ${head.status}, not published` };
    }
  }
  return { languages: new Map([...heads].flatMap(([id, head]) => (head ? [[id, head.language] as const] : []))) };
}

function formatReport(report: EvalReport, name: string): string {
  const queries = report.rows.find((r) => r.group === 'all')?.queries ?? 0;
  return `${queries} queries from ${name}, top ${report.k} per mode, searched as ${report.role}\n\n${formatEvalTable(report)}`;
}

function asJson(report: EvalReport, name: string) {
  return { file: name, k: report.k, role: report.role, modes: SEARCH_MODES, rows: report.rows, perQuery: report.perQuery, degraded: report.degraded };
}
