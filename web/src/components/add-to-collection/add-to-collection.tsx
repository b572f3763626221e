import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { mayUse, type PassageMark, type StoryView } from '../../api/types.js';
import { useSession } from '../../session.js';

export interface AddToCollectionProps {
  readonly story: StoryView['story'];
  /** The story's passages in story order (their offsets are what an item keeps). */
  readonly passages: readonly PassageMark[];
  /** The passage the reader came from: offered first. */
  readonly focus: PassageMark | null;
}

let panel: ComponentType<AddToCollectionProps> | null = null;

/**
 * The story page's "add to collection" slot. Renders nothing unless an educator or admin is signed
 * in; for them it loads the panel (a separate chunk, so readers never download it).
 */
export function AddToCollection(props: AddToCollectionProps) {
  const { user } = useSession();
  // Collections are for the roles api/types.ts STAFF_AREAS names; the API checks every request.
  const collects = user ? mayUse(user.role, 'collections') : false;
  const [Panel, setPanel] = useState<ComponentType<AddToCollectionProps> | null>(() => panel);
  useEffect(() => {
    if (!collects || Panel) return;
    let live = true;
    import('./add-to-collection-panel.js').then(
      (module) => {
        panel = module.AddToCollectionPanel;
        if (live) setPanel(() => module.AddToCollectionPanel);
      },
      () => undefined, // the chunk did not load: the page reads fine without the panel
    );
    return () => {
      live = false;
    };
  }, [collects, Panel]);
  return collects && Panel ? <Panel {...props} /> : null;
}
