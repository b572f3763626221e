import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SearchQuery } from './search.schema.js';

/**
 * Opaque, stable pagination: a cursor holds the position after the last story shown and a
 * fingerprint of the query it belongs to. Results are ordered deterministically (see
 * fusion.ts), so the same query with the next cursor continues exactly where the page ended;
 * a cursor from another query is refused rather than silently paging through the wrong list.
 */
const payloadSchema = z.object({ v: z.literal(1), o: z.number().int().min(0).max(100_000), f: z.string().length(16) }).strict();

export class CursorError extends Error {}

export function encodeCursor(query: SearchQuery, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, f: fingerprint(query) })).toString('base64url');
}

/** The offset a cursor points at; 0 for no cursor. Throws CursorError for anything else. */
export function decodeCursor(query: SearchQuery): number {
  if (query.cursor === undefined) return 0;
  let payload: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(query.cursor)) throw new Error('not base64url');
    payload = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('is not a cursor this API gave out: pass nextCursor from the previous page unchanged');
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new CursorError('is not a cursor this API gave out: pass nextCursor from the previous page unchanged');
  if (parsed.data.f !== fingerprint(query)) throw new CursorError('belongs to a different query: start again without a cursor');
  return parsed.data.o;
}

/** Everything that decides the order of results (not the page size, not the cursor itself). */
function fingerprint(query: SearchQuery): string {
  const { q, theme, lang, kind, excludeWarnings, mode } = query;
  const key = JSON.stringify([q, [...theme].sort(), lang ?? null, kind ?? null, [...excludeWarnings].sort(), mode]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}
