import type { PassageMark, StoryView } from '../../api/types.js';
import { AddToCollection } from '../../components/add-to-collection/add-to-collection.js';

export interface StoryActionsProps {
  readonly story: StoryView['story'];
  /** The passage the reader came from, if any (offered first to "add to collection"). */
  readonly focus: PassageMark | null;
  /** The story's passages in story order, each of which can be added to a collection. */
  readonly passages: readonly PassageMark[];
}

/**
 * The mount point for actions on a story, shown under its heading: "add to collection" for
 * educators (components/add-to-collection; it renders nothing for anyone else).
 */
export function StoryActions(props: StoryActionsProps) {
  return <AddToCollection {...props} />;
}
