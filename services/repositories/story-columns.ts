/**
 * SQL for what a reader is shown of a story, shared by every query that shows one (story
 * cards, the story page, collection items), so the rules live in one place.
 */

/** The name shown with the story: none for an anonymous teller, whatever is stored. */
export function shownDisplayName(alias: string): string {
  return `CASE WHEN ${alias}.display_mode = 'anonymous' THEN NULL ELSE ${alias}.display_name END`;
}

/** The story's theme slugs, confirmed ones first, then in the taxonomy's order. */
export function themeSlugs(alias: string): string {
  return `COALESCE((SELECT array_agg(st.theme_slug ORDER BY st.source = 'confirmed' DESC, t.sort_order)
            FROM story_themes st JOIN themes t ON t.slug = st.theme_slug
            WHERE st.story_id = ${alias}.id), '{}')`;
}
