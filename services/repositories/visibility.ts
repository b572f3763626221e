import type { PassageFilter } from '../search/passage-filter.js';

/**
 * The one SQL rendering of "who may see this story" and of the search filters, shared by
 * every query that reads stories or their passages for a caller, so that the audience is
 * applied inside the query (and facet counts, pagination and related stories follow it).
 *
 * `visibleStory('s', n)` expects the caller's audiences as parameter `$n` (a text[]): a story
 * is visible when it is published and its current consent receipt allows one of them.
 */
export function visibleStory(alias: string, audiencesParam: number): string {
  // EXISTS, on purpose: written as a scalar subquery (`(SELECT audience …) && $n`) the planner
  // misjudged its selectivity and sorted every passage instead of walking the HNSW index
  // (516 ms against 5.7 ms at 100,000 passages).
  return `(${alias}.status = 'published' AND EXISTS (
    SELECT 1 FROM consent_receipts vr
    WHERE vr.story_id = ${alias}.id AND vr.superseded_at IS NULL AND vr.audience && $${audiencesParam}::text[]))`;
}

/**
 * Whether the story's current consent receipt lets its passages be quoted word for word: the
 * `quote` scope given and not withdrawn since, on a receipt not withdrawn as a whole. A boolean
 * SQL expression on the story alias (no parameters), for the select list or a WHERE clause.
 */
export function quoteAllowed(alias: string): string {
  return `EXISTS (
    SELECT 1 FROM consent_receipts qr
    WHERE qr.story_id = ${alias}.id AND qr.superseded_at IS NULL AND qr.withdrawn_at IS NULL
      AND qr.scope_quote AND NOT ('quote' = ANY (qr.withdrawn_scopes)))`;
}

/**
 * The whole `PassageFilter` as one predicate on the story alias, with its parameters
 * appended after `params` (so numbering continues from there). Returns the SQL; pushes values.
 */
export function storyFilter(alias: string, filter: PassageFilter, params: unknown[]): string {
  const add = (value: unknown): number => params.push(value);
  const parts = [visibleStory(alias, add([...filter.audiences]))];
  // One EXISTS per theme: a semi-join the planner estimates from story_themes' statistics
  // (a `count(*) = n` subquery was estimated at one row and pushed plans off the HNSW index).
  for (const theme of new Set(filter.themes)) {
    parts.push(`EXISTS (SELECT 1 FROM story_themes ft WHERE ft.story_id = ${alias}.id AND ft.theme_slug = $${add(theme)})`);
  }
  if (filter.language !== undefined) parts.push(`${alias}.language = $${add(filter.language)}`);
  if (filter.kind !== undefined) parts.push(`${alias}.kind = $${add(filter.kind)}`);
  if (filter.excludeWarnings.length > 0) parts.push(`NOT (${alias}.content_warnings && $${add([...filter.excludeWarnings])}::text[])`);
  if (filter.excludeStoryId !== undefined) parts.push(`${alias}.id <> $${add(filter.excludeStoryId)}::uuid`);
  return parts.join(' AND ');
}
