import { useEffect, useRef } from 'preact/hooks';
import type { PassageMark, PlacedSegment } from '../../api/types.js';
import { MarkedText } from '../../components/marked-text.js';
import { useI18n } from '../../i18n/i18n.js';
import { shiftRange, type Range } from '../../lib/highlight.js';
import { formatTimestamp, groupByFocus, isoDuration, paragraphs, type Block } from '../../lib/story-layout.js';

interface Props {
  readonly text: string;
  readonly segments: readonly PlacedSegment[] | null;
  readonly focus: PassageMark | null;
}

/**
 * The whole story: paragraphs, or an interview's segments with speaker and time. The blocks the
 * focused passage touches sit in one region that is marked, scrolled into view and given focus,
 * so keyboard and screen-reader users start reading where the search sent them.
 */
export function StoryText({ text, segments, focus }: Props) {
  const { t } = useI18n();
  const focusRef = useRef<HTMLDivElement>(null);
  const range: Range | null = focus ? [focus.startChar, focus.endChar] : null;
  const blocks: (Block & { segment?: PlacedSegment })[] = segments
    ? segments.filter((s) => s.endChar > s.startChar).map((segment) => ({ start: segment.startChar, end: segment.endChar, segment }))
    : paragraphs(text);

  useEffect(() => {
    const region = focusRef.current;
    if (!region) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    region.focus({ preventScroll: true });
    region.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  }, [focus?.chunkId]);

  const renderBlock = (block: Block & { segment?: PlacedSegment }) => {
    const slice = text.slice(block.start, block.end);
    const marks = range ? [shiftRange(range, block.start)] : [];
    const body = <MarkedText text={slice} ranges={marks} markClass="focus-mark" />;
    if (!block.segment) return <p key={block.start}>{body}</p>;
    const { speaker, start } = block.segment;
    return (
      <div key={block.start} class="segment">
        {(speaker !== undefined || start !== undefined) && (
          <p class="segment-meta">
            {speaker !== undefined && <span class="speaker">{speaker}</span>}
            {start !== undefined && (
              <time dateTime={isoDuration(start)} title={t('story.timestamp')}>
                {formatTimestamp(start)}
              </time>
            )}
          </p>
        )}
        <p>{body}</p>
      </div>
    );
  };

  return (
    <div class={segments ? 'story-text transcript' : 'story-text'}>
      {groupByFocus(blocks, range).map((group) =>
        group.focused ? (
          <div key={`focus-${group.blocks[0]!.start}`} ref={focusRef} class="focus-passage" tabIndex={-1} role="region" aria-label={t('story.focus')}>
            {group.blocks.map(renderBlock)}
          </div>
        ) : (
          group.blocks.map(renderBlock)
        ),
      )}
    </div>
  );
}
