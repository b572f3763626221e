import pgvector from 'pgvector';

/**
 * pgvector's text form ('[0.1,0.2,…]'), which both `pg` and PGlite accept as a parameter and
 * return for `vector` columns. Repositories use these two helpers and nothing else.
 */
export function vectorToSql(vector: ArrayLike<number>): string {
  return pgvector.toSql(Array.from(vector)) as string;
}

export function vectorFromSql(value: unknown): Float32Array {
  if (typeof value !== 'string') throw new Error(`expected a vector in text form, got ${typeof value}`);
  return Float32Array.from(pgvector.fromSql(value) as number[]);
}
