import type { Audience } from '../consent/audience.js';

/**
 * What every engine must apply *inside* its query (a SQL predicate, a Meilisearch filter),
 * never by dropping results afterwards. Only published stories are ever searched; that is
 * implied, not a field, so no caller can forget it.
 */
export interface PassageFilter {
  /** The caller's audiences (never empty): a story matches when its consent allows one of them. */
  readonly audiences: readonly Audience[];
  /** Theme slugs the story must all have (confirmed or suggested). */
  readonly themes: readonly string[];
  readonly language?: string;
  readonly kind?: 'written' | 'interview';
  /** Content warnings the story must have none of. */
  readonly excludeWarnings: readonly string[];
  /** Leave this story out (related stories). */
  readonly excludeStoryId?: string;
}
