import type { Segment } from '../../../api/types.js';
import { formatTimestamp, isoDuration, paragraphs } from '../../../lib/story-layout.js';
import type { ContributorView } from '../contribute-types.js';
import { useMessages, type ContributeKey } from '../messages.js';

/** Status in words, the version that will be published, and who can read it. Story text is rendered as text. */
export function ContributionStatus({ view }: { readonly view: ContributorView }) {
  const { t, date } = useMessages();
  const { consent } = view;
  const name = consent.display.mode === 'anonymous' || !consent.display.name ? t('status.display.anonymous') : consent.display.name;
  return (
    <>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('status.heading.status')}</h2>
        <p class={`story-status status-${view.status}`} data-testid="story-status">
          {t(`status.${view.status}` as ContributeKey)}
        </p>
        {view.status === 'rejected' && view.rejectionReason && (
          <div class="rejection">
            <p>{t('status.rejectionReason')}</p>
            <blockquote>{view.rejectionReason}</blockquote>
          </div>
        )}
        <p class="hint">
          {t('status.submittedAt', { date: date(view.submittedAt) })}
          {view.publishedAt && ` · ${t('status.publishedAt', { date: date(view.publishedAt) })}`}
        </p>
      </section>

      <section aria-labelledby="version-heading">
        <h2 id="version-heading">{t('status.heading.version')}</h2>
        <p class="hint">{t('status.versionNote', { revision: view.version.revision })}</p>
        <article class="story-preview" lang={view.version.language}>
          <h3>{view.version.title}</h3>
          {view.version.segments ? <Segments segments={view.version.segments} /> : <ContributionText text={view.version.text ?? ''} />}
        </article>
      </section>

      <section aria-labelledby="audience-heading">
        <h2 id="audience-heading">{t('status.heading.audience')}</h2>
        {consent.audience.length > 0 ? (
          <ul>
            {consent.audience.map((a) => (
              <li key={a}>{t(`status.audience.${a}` as ContributeKey)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('status.audience.none')}</p>
        )}
        <p>{consent.scopes.quote ? t('status.quoteYes') : t('status.quoteNo')}</p>
        <p>{t('status.display', { display: name })}</p>
        <p class="hint">{t('status.audienceNote')}</p>
      </section>
    </>
  );
}

/**
 * The contributor's own text, cut into paragraphs the way the story page cuts it (lib/story-layout.ts).
 * Not the story page's StoryText: no passages to mark, no offsets to keep.
 */
function ContributionText({ text }: { readonly text: string }) {
  return (
    <div class="contribution-text">
      {paragraphs(text).map((block) => (
        <p key={block.start}>{text.slice(block.start, block.end)}</p>
      ))}
    </div>
  );
}

function Segments({ segments }: { readonly segments: readonly Segment[] }) {
  const { t } = useMessages();
  return (
    <ol class="contribution-transcript">
      {segments.map((segment, i) => (
        <li key={i}>
          <p class="segment-meta">
            <span class="speaker">{segment.speaker ?? t('status.speaker')}</span>
            {segment.start !== undefined && (
              <time class="timestamp" dateTime={isoDuration(segment.start)}>
                {formatTimestamp(segment.start)}
              </time>
            )}
          </p>
          <p>{segment.text}</p>
        </li>
      ))}
    </ol>
  );
}
