import type { ContributorView, SegmentView } from '../contribute-api.js';
import { useMessages, type ContributeKey } from '../messages.js';

const clock = (seconds: number) => {
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return (h > 0 ? [h, m, s] : [m, s]).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join(':');
};

/** Status in words, the version that will be published, and who can read it. Story text is rendered as text. */
export function StoryStatus({ view }: { readonly view: ContributorView }) {
  const { m, date } = useMessages();
  const { consent } = view;
  const name = consent.display.mode === 'anonymous' || !consent.display.name ? m('status.display.anonymous') : consent.display.name;
  return (
    <>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{m('status.heading.status')}</h2>
        <p class={`story-status status-${view.status}`} data-testid="story-status">
          {m(`status.${view.status}` as ContributeKey)}
        </p>
        {view.status === 'rejected' && view.rejectionReason && (
          <div class="rejection">
            <p>{m('status.rejectionReason')}</p>
            <blockquote>{view.rejectionReason}</blockquote>
          </div>
        )}
        <p class="hint">
          {m('status.submittedAt', { date: date(view.submittedAt) })}
          {view.publishedAt && ` · ${m('status.publishedAt', { date: date(view.publishedAt) })}`}
        </p>
      </section>

      <section aria-labelledby="version-heading">
        <h2 id="version-heading">{m('status.heading.version')}</h2>
        <p class="hint">{m('status.versionNote', { revision: view.version.revision })}</p>
        <article class="story-preview" lang={view.version.language}>
          <h3>{view.version.title}</h3>
          {view.version.segments ? <Segments segments={view.version.segments} /> : <StoryText text={view.version.text ?? ''} />}
        </article>
      </section>

      <section aria-labelledby="audience-heading">
        <h2 id="audience-heading">{m('status.heading.audience')}</h2>
        {consent.audience.length > 0 ? (
          <ul>
            {consent.audience.map((a) => (
              <li key={a}>{m(`status.audience.${a}` as ContributeKey)}</li>
            ))}
          </ul>
        ) : (
          <p>{m('status.audience.none')}</p>
        )}
        <p>{consent.scopes.quote ? m('status.quoteYes') : m('status.quoteNo')}</p>
        <p>{m('status.display', { display: name })}</p>
        <p class="hint">{m('status.audienceNote')}</p>
      </section>
    </>
  );
}

function StoryText({ text }: { readonly text: string }) {
  return (
    <div class="story-text">
      {text.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}

function Segments({ segments }: { readonly segments: readonly SegmentView[] }) {
  const { m } = useMessages();
  return (
    <ol class="transcript">
      {segments.map((segment, i) => (
        <li key={i}>
          <p class="segment-meta">
            <span class="speaker">{segment.speaker ?? m('status.speaker')}</span>
            {segment.start !== undefined && <time class="timestamp">{clock(segment.start)}</time>}
          </p>
          <p>{segment.text}</p>
        </li>
      ))}
    </ol>
  );
}
