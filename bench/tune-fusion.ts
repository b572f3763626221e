/**
 * Fusion tuning: `npm run tune:fusion -- [STACK…]` where each STACK is a file of environment
 * variables (KEY=value lines) naming an archive that holds the demo corpus — e.g. one for the
 * embedded default (DATA_DIR=…) and one for the full stack (DATABASE_URL, MEILI_URL, …).
 *
 * Each labelled query of bench/eval/demo-queries.jsonl is asked once per stack for the
 * engines' raw ranked lists (SearchService.candidates); then every fusion policy of a small
 * grid is applied to those lists offline (fusion is pure), and the policies are ranked by
 * hybrid MRR@10 over all queries, keeping only those where hybrid is at least as good as the
 * better single engine on every row (all, short, cross-lingual, nb, en) on every stack — the
 * bar the Search issue sets. Prints the best few; DEFAULT_FUSION_POLICY should be among them.
 */
import fs from 'node:fs';
import { loadConfig } from '../services/config/config.js';
import { createLogger } from '../services/platform/logger.js';
import { createStoryReadRepository } from '../services/repositories/story-read.repository.js';
import { createStoryRepository } from '../services/repositories/story.repository.js';
import { openRuntime } from '../services/runtime.js';
import { parseEvalSet, groupsOf } from '../services/search/evaluation/eval-set.js';
import { tabulate, type QueryOutcome } from '../services/search/evaluation/run-eval.js';
import { fuse } from '../services/search/fusion.js';
import { DEFAULT_FUSION_POLICY, type FusionPolicy } from '../services/search/fusion-weights.js';
import { searchQuerySchema, type SearchMode } from '../services/search/search.schema.js';
import { weigh, type Candidates } from '../services/search/search.service.js';

const EVAL_FILE = new URL('./eval/demo-queries.jsonl', import.meta.url);
const EDITOR = { role: 'editor' } as const;

function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.replace(/^export\s+/, '').trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1).replace(/^['"]|['"]$/g, '')];
      }),
  );
}

interface Gathered {
  readonly name: string;
  readonly queries: { query: ReturnType<typeof parseEvalSet>[number]; groups: ReturnType<typeof groupsOf>; candidates: Candidates }[];
  readonly externalIds: Map<string, string>;
}

async function gather(file: string): Promise<Gathered> {
  const config = loadConfig({ LOG_LEVEL: 'warn', DEMO_CORPUS: 'off', ...readEnvFile(file) });
  const runtime = await openRuntime(config, createLogger('warn'), 'cli');
  try {
    await runtime.embedder.load();
    const queries = parseEvalSet(fs.readFileSync(EVAL_FILE, 'utf8'));
    const gathered: Gathered['queries'] = [];
    const storyIds = new Set<string>();
    for (const query of queries) {
      const candidates = await runtime.search.candidates(searchQuerySchema.parse({ q: query.query, mode: 'hybrid' }), EDITOR);
      for (const list of candidates.lists) for (const hit of list.hits) storyIds.add(hit.storyId);
      gathered.push({ query, groups: [], candidates });
    }
    const cards = await createStoryReadRepository(runtime.db).cards([...storyIds], ['public', 'clinicians', 'teaching', 'research']);
    const externalIds = new Map(cards.map((c) => [c.id, c.externalId ?? c.id]));
    const stories = createStoryRepository(runtime.db);
    const languageByExternal = new Map<string, string>();
    for (const id of new Set(gathered.flatMap((g) => g.query.relevant))) {
      const head = await stories.findByExternalId(id);
      if (head) languageByExternal.set(id, head.language);
    }
    for (const item of gathered) item.groups = groupsOf(item.query, (id) => languageByExternal.get(id));
    return { name: file, queries: gathered, externalIds };
  } finally {
    await runtime.close();
  }
}

function evaluate(stack: Gathered, policy: FusionPolicy, k: number) {
  const outcomes: QueryOutcome[] = stack.queries.map(({ query, groups, candidates }) => {
    const rank = (mode: SearchMode) => {
      const lists = mode === 'hybrid' ? weigh(candidates, 'hybrid', policy) : candidates.lists.filter((l) => l.source === mode).map((l) => ({ ...l, weight: 1 }));
      return fuse(lists, { k, passagesPerStory: 3 }).map((s) => stack.externalIds.get(s.storyId) ?? s.storyId);
    };
    return { query, groups, ranked: { hybrid: rank('hybrid'), vector: rank('vector'), lexical: rank('lexical') } };
  });
  return tabulate(outcomes);
}

function grid(): FusionPolicy[] {
  const out: FusionPolicy[] = [];
  for (const strongLexical of [0.65, 0.9])
  for (const shortVectorWeight of [0, 0.15, 0.3, 0.6])
    for (const shortLexicalWeight of [1, 1.5, 3])
      for (const themeBase of [0.25, 0.5])
        for (const themeSlope of [0.5, 1])
          for (const themeDampWhenFound of [0, 0.25, 0.5])
            for (const weakLexicalWeight of [0.3, 0.5])
              out.push({ ...DEFAULT_FUSION_POLICY, strongLexical, shortVectorWeight, shortLexicalWeight, themeBase, themeSlope, themeDampWhenFound, weakLexicalWeight });
  return out;
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: npm run tune:fusion -- STACK.env [STACK.env…]');
  const stacks: Gathered[] = [];
  for (const file of files) stacks.push(await gather(file));
  const k = 60;
  const scored = [DEFAULT_FUSION_POLICY, ...grid()].map((policy) => {
    const tables = stacks.map((stack) => evaluate(stack, policy, k));
    let ok = true;
    let margin = Infinity;
    for (const table of tables)
      for (const row of table.rows) {
        if (!row.modes) continue;
        const best = Math.max(row.modes.vector.mrr, row.modes.lexical.mrr);
        margin = Math.min(margin, row.modes.hybrid.mrr - best);
        if (row.modes.hybrid.mrr + 1e-9 < best) ok = false;
      }
    const overall = tables.reduce((sum, t) => sum + t.rows.find((r) => r.group === 'all')!.modes!.hybrid.mrr, 0) / tables.length;
    return { policy, tables, ok, margin, overall };
  });
  const describe = (s: (typeof scored)[number]) =>
    `${s.ok ? 'OK ' : '-- '} mean MRR ${s.overall.toFixed(3)} margin ${s.margin.toFixed(3)} ` +
    s.tables.map((t) => t.rows.map((r) => `${r.group}:${r.modes?.hybrid.mrr.toFixed(3)}`).join(' ')).join(' | ') +
    `\n     ${JSON.stringify(s.policy)}`;
  console.log('default:\n' + describe(scored[0]!));
  for (const table of scored[0]!.tables)
    console.log(table.rows.map((r) => `${r.group}: H ${r.modes?.hybrid.mrr.toFixed(3)} V ${r.modes?.vector.mrr.toFixed(3)} L ${r.modes?.lexical.mrr.toFixed(3)}`).join('\n'));
  const best = scored.slice(1).sort((a, b) => Number(b.ok) - Number(a.ok) || b.overall - a.overall).slice(0, 8);
  console.log('\nbest:');
  for (const s of best) console.log(describe(s));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
