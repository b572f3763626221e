import type { Viewer } from '../../consent/viewer.js';
import { SEARCH_MODES, searchQuerySchema, type SearchMode, type SearchQuery, type SearchResponse } from '../search.schema.js';
import { EVAL_GROUPS, groupsOf, type EvalGroup, type EvalQuery } from './eval-set.js';
import { mean, scoreRanking, type RankedList, type RankingScores } from './metrics.js';

/**
 * `levd eval`: every labelled query through the search service in each mode, scored, and
 * averaged per group. `tabulate` and `formatEvalTable` are pure; `runEval` only asks the
 * service and hands the ranked lists to them.
 */

export const EVAL_K = 10;

export interface QueryOutcome {
  readonly query: EvalQuery;
  readonly groups: readonly EvalGroup[];
  /** The returned stories' externalIds, best first, per mode. */
  readonly ranked: Readonly<Record<SearchMode, RankedList>>;
}

export interface ModeSummary {
  readonly recall: number;
  readonly mrr: number;
  readonly ndcg: number;
}

export interface EvalRow {
  readonly group: EvalGroup;
  readonly queries: number;
  /** Means over the group's queries; null when the group has none. */
  readonly modes: Readonly<Record<SearchMode, ModeSummary>> | null;
}

/** One query's scores: by line number, never by its text (a query may describe a patient). */
export interface QueryScores {
  readonly line: number;
  readonly groups: readonly EvalGroup[];
  readonly relevant: number;
  readonly modes: Readonly<Record<SearchMode, RankingScores>>;
}

export interface EvalTable {
  readonly k: number;
  readonly rows: readonly EvalRow[];
  readonly perQuery: readonly QueryScores[];
}

const perMode = <T>(fn: (mode: SearchMode) => T) => Object.fromEntries(SEARCH_MODES.map((mode) => [mode, fn(mode)])) as Record<SearchMode, T>;

export function tabulate(outcomes: readonly QueryOutcome[], k: number = EVAL_K): EvalTable {
  const perQuery: QueryScores[] = outcomes.map((o) => {
    const relevant = new Set(o.query.relevant);
    return { line: o.query.line, groups: o.groups, relevant: relevant.size, modes: perMode((mode) => scoreRanking(o.ranked[mode], relevant, k)) };
  });
  const rows = EVAL_GROUPS.map((group): EvalRow => {
    const members = perQuery.filter((q) => q.groups.includes(group));
    if (members.length === 0) return { group, queries: 0, modes: null };
    const avg = (mode: SearchMode, pick: (s: RankingScores) => number) => mean(members.map((q) => pick(q.modes[mode])))!;
    return {
      group,
      queries: members.length,
      modes: perMode((mode) => ({ recall: avg(mode, (s) => s.recall), mrr: avg(mode, (s) => s.reciprocalRank), ndcg: avg(mode, (s) => s.ndcg) })),
    };
  });
  return { k, rows, perQuery };
}

/** The table as aligned text: one row per group, R@k, MRR@k and nDCG@k per mode, 3 decimals. */
export function formatEvalTable(table: EvalTable): string {
  const metrics = [`R@${table.k}`, `MRR@${table.k}`, `nDCG@${table.k}`];
  const cell = Math.max(7, ...metrics.map((m) => m.length));
  const groupWidth = Math.max('group'.length, ...table.rows.map((r) => r.group.length));
  const countWidth = Math.max(3, ...table.rows.map((r) => String(r.queries).length));
  const block = (cells: readonly string[]) => cells.map((c) => c.padStart(cell)).join(' ');
  const blockWidth = metrics.length * cell + metrics.length - 1;
  const gap = '   ';
  const lead = (group: string, count: string) => `${group.padEnd(groupWidth)}  ${count.padStart(countWidth)}`;

  const lines = [
    `${' '.repeat(groupWidth + 2 + countWidth)}${SEARCH_MODES.map((mode) => gap + mode.padStart(Math.floor((blockWidth + mode.length) / 2)).padEnd(blockWidth)).join('')}`.trimEnd(),
    lead('group', 'n') + SEARCH_MODES.map(() => gap + block(metrics)).join(''),
    ...table.rows.map((row) => {
      const values = (mode: SearchMode) => {
        const s = row.modes?.[mode];
        return s ? [s.recall, s.mrr, s.ndcg].map((v) => v.toFixed(3)) : metrics.map(() => '–');
      };
      return lead(row.group, String(row.queries)) + SEARCH_MODES.map((mode) => gap + block(values(mode))).join('');
    }),
  ];
  return `${lines.join('\n')}\n`;
}

// ---- the thin part: asking the search service ---------------------------------------------

/** The one call eval needs from the search service. */
export interface Searcher {
  search(query: SearchQuery, viewer: Viewer): Promise<SearchResponse>;
}

export interface EvalRunOptions {
  readonly viewer: Viewer;
  /** A story's language by externalId, for the cross-lingual group. */
  readonly storyLanguage: (externalId: string) => string | undefined;
  readonly k?: number;
}

export interface EvalReport extends EvalTable {
  readonly role: Viewer['role'];
  /** Answers where an engine could not take part: their figures are not that engine's own. */
  readonly degraded: readonly { readonly line: number; readonly mode: SearchMode; readonly engines: readonly string[] }[];
}

/** A search that failed outright (not degraded): which query line and mode, and why. */
export class EvalSearchError extends Error {
  constructor(
    readonly line: number,
    readonly mode: SearchMode,
    cause: unknown,
  ) {
    super(`the ${mode} search for line ${line} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EvalSearchError';
  }
}

export async function runEval(searcher: Searcher, queries: readonly EvalQuery[], options: EvalRunOptions): Promise<EvalReport> {
  const k = options.k ?? EVAL_K;
  const degraded: { line: number; mode: SearchMode; engines: string[] }[] = [];
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const ranked = {} as Record<SearchMode, RankedList>;
    for (const mode of SEARCH_MODES) {
      const response = await searcher
        .search(searchQuerySchema.parse({ q: query.query, mode, limit: k }), options.viewer)
        .catch((error: unknown) => Promise.reject(new EvalSearchError(query.line, mode, error)));
      ranked[mode] = response.results.map((r) => r.story.externalId);
      if (response.degraded && response.degraded.length > 0) degraded.push({ line: query.line, mode, engines: [...response.degraded] });
    }
    outcomes.push({ query, groups: groupsOf(query, options.storyLanguage), ranked });
  }
  return { ...tabulate(outcomes, k), role: options.viewer.role, degraded };
}
