import type { StoryCardRow } from '../repositories/story-read.repository.js';
import type { StoryCard } from '../search/search.schema.js';

/** What a search result and the story page say about a story: the card fields, copied, nothing else. */
export function storyCard(row: StoryCardRow): StoryCard {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    language: row.language,
    kind: row.kind,
    themes: [...row.themes],
    contentWarnings: [...row.contentWarnings],
    displayName: row.displayName,
  };
}
