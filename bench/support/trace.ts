/**
 * Where a search spends its time: the search service's own dependencies wrapped so that
 * every SQL statement, lexical-engine call and query embedding is timed — and, on request,
 * every SELECT also EXPLAIN ANALYZEd in the same transaction (so SET LOCAL settings apply).
 * The statements are the service's own: nothing here repeats its SQL. Parameters (query
 * vectors, query text) are never recorded.
 */
import type { Db, Queryable, QueryResult } from '../../db/db.js';
import type { Embedder } from '../../indexer/embedding/embedder.js';
import type { LexicalEngine } from '../../services/lexical/lexical-engine.js';
import { summarise, type Summary } from './latency.js';

export class Trace {
  private readonly timings = new Map<string, number[]>();
  /** The first EXPLAIN ANALYZE output of each statement, when explaining. */
  readonly plans = new Map<string, string[]>();
  explain = false;

  add(label: string, ms: number): void {
    const list = this.timings.get(label) ?? [];
    list.push(ms);
    this.timings.set(label, list);
  }

  rows(): { label: string; calls: number; summary: Summary }[] {
    return [...this.timings].map(([label, ms]) => ({ label, calls: ms.length, summary: summarise(ms) }));
  }

  clear(): void {
    this.timings.clear();
    this.plans.clear();
  }
}

/** A statement's first words, whitespace collapsed: enough to tell the statements apart. */
export function statementLabel(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const from = / FROM (\w+)/.exec(flat)?.[1];
  return `sql: ${flat.slice(0, 60)}${from && !flat.slice(0, 60).includes(` FROM ${from}`) ? ` … FROM ${from}` : ''}`;
}

export function tracedDb(db: Db, trace: Trace): Db {
  const wrap = (q: Queryable): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const label = statementLabel(sql);
      const started = performance.now();
      const result = await q.query<Row>(sql, params);
      trace.add(label, performance.now() - started);
      if (trace.explain && /^\s*(SELECT|WITH)\b/i.test(sql) && !trace.plans.has(label)) {
        const plan = await q.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        // Vector literals make plan lines thousands of characters long.
        trace.plans.set(label, plan.rows.map((r) => r['QUERY PLAN'].replace(/'\[[^\]]{40,}\]'/g, "'[…vector…]'").slice(0, 240)));
      }
      return result;
    },
    exec: (sql: string) => q.exec(sql),
  });
  return {
    kind: db.kind,
    ...wrap(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      const started = performance.now();
      return db.transaction((tx) => fn(wrap(tx))).finally(() => trace.add('db: whole transaction (BEGIN … COMMIT)', performance.now() - started));
    },
    close: () => db.close(),
  };
}

export function tracedLexical(engine: LexicalEngine, trace: Trace): LexicalEngine {
  const timed = <A extends unknown[], R>(label: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...args);
      } finally {
        trace.add(label, performance.now() - started);
      }
    };
  return {
    ...engine,
    health: () => engine.health(),
    prepare: () => engine.prepare(),
    replacePassages: (stories) => engine.replacePassages(stories),
    removeStory: (id) => engine.removeStory(id),
    passageIds: (id) => engine.passageIds(id),
    search: timed(`${engine.kind}: search`, (query) => engine.search(query)),
    highlight: timed(`${engine.kind}: highlight`, (query, ids) => engine.highlight(query, ids)),
  };
}

export function tracedEmbedder(embedder: Embedder, trace: Trace): Embedder {
  return {
    ...embedder,
    profile: embedder.profile,
    load: () => embedder.load(),
    isLoaded: () => embedder.isLoaded(),
    embedPassages: (texts, options) => embedder.embedPassages(texts, options),
    countTokens: (text) => embedder.countTokens(text),
    tokenCounter: () => embedder.tokenCounter(),
    async embedQueries(texts) {
      const started = performance.now();
      try {
        return await embedder.embedQueries(texts);
      } finally {
        trace.add('model: embed query', performance.now() - started);
      }
    },
  };
}
