import { useRef, useState } from 'preact/hooks';
import type { PassageMark } from '../../api/types.js';
import { formatTimestamp } from '../../lib/story-layout.js';
import { useAddText } from './messages.js';
import { AddPassageForm, type Added } from './add-passage-form.js';
import type { AddToCollectionProps } from './add-to-collection.js';
import { useCollectionChoices } from './collection-choices.js';
import './add-to-collection.css';

/** How much of a passage the list shows: enough to recognise it; the story itself is right below. */
const EXCERPT_CHARS = 280;

export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}

/** The passage the reader came from first, then the others in story order. */
function ordered(passages: readonly PassageMark[], focus: PassageMark | null): readonly PassageMark[] {
  if (!focus) return passages;
  const first = passages.find((p) => p.chunkId === focus.chunkId) ?? focus;
  return [first, ...passages.filter((p) => p.chunkId !== focus.chunkId)];
}

/**
 * The story's passages, each with its "Legg til i samling" button; the button opens a small form
 * (which collection, or a new one, and a note) under that passage. What is sent is the passage's
 * range as the story API gave it; the API decides whether the teller's consent allows it.
 */
export function AddToCollectionPanel({ story, passages, focus }: AddToCollectionProps) {
  const { t: text } = useAddText();
  const [open, setOpen] = useState<string | null>(null);
  const [added, setAdded] = useState<Readonly<Record<string, Added>>>({});
  const choices = useCollectionChoices(open !== null);
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});

  const close = (chunkId: string) => {
    setOpen(null);
    requestAnimationFrame(() => buttons.current[chunkId]?.focus());
  };

  return (
    <details class="add-to-collection no-print">
      <summary>{text('panel.summary')}</summary>
      <p class="hint">{text('panel.intro')}</p>
      {passages.length === 0 ? (
        <p>{text('panel.none')}</p>
      ) : (
        <ol class="passage-choices" aria-label={text('panel.passages')}>
          {ordered(passages, focus).map((passage) => {
            const excerptId = `excerpt-${passage.chunkId}`;
            const done = added[passage.chunkId];
            return (
              <li key={passage.chunkId} class="passage-choice">
                {focus?.chunkId === passage.chunkId && <p class="passage-focus">{text('panel.focus')}</p>}
                {passage.speaker !== undefined && (
                  <p class="passage-speaker">
                    {passage.start !== undefined ? text('panel.speakerAt', { speaker: passage.speaker, time: formatTimestamp(passage.start) }) : passage.speaker}
                  </p>
                )}
                <blockquote id={excerptId} lang={story.language}>
                  {excerpt(story.text.slice(passage.startChar, passage.endChar))}
                </blockquote>
                {open === passage.chunkId ? (
                  <AddPassageForm
                    storyId={story.id}
                    passage={passage}
                    excerptId={excerptId}
                    choices={choices}
                    onCancel={() => close(passage.chunkId)}
                    onAdded={(result) => {
                      setAdded((previous) => ({ ...previous, [passage.chunkId]: result }));
                      close(passage.chunkId);
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    class="button"
                    aria-describedby={excerptId}
                    ref={(element) => {
                      buttons.current[passage.chunkId] = element;
                    }}
                    onClick={() => setOpen(passage.chunkId)}
                  >
                    {text('add.button')}
                  </button>
                )}
                <p class="passage-added" role="status" aria-live="polite">
                  {done && (
                    <>
                      {text('add.added', { title: done.title })}{' '}
                      <a href={`/staff/collections/${encodeURIComponent(done.collectionId)}`}>{text('add.open')}</a>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
