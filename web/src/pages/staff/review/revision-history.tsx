import { useMemo } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.js';
import type { ReviewView } from '../staff-api.js';
import { useStaffText } from '../messages.js';

/** The story's dates and every revision kept of it, newest first, with the time of day (several a day are common). */
export function RevisionHistory({ view }: { readonly view: ReviewView }) {
  const { t: s } = useStaffText();
  const { lang, date } = useI18n();
  const when = useMemo(() => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }), [lang]);
  const { story } = view;
  const revisions = [...view.revisions].sort((a, b) => b.revision - a.revision);
  return (
    <section class="review-section" aria-labelledby="history-title">
      <h2 id="history-title">{s('history.title')}</h2>
      <p>
        {s('history.dates', { created: date(story.createdAt), updated: date(story.updatedAt) })}{' '}
        {story.publishedAt && s('history.published', { date: date(story.publishedAt) })}
      </p>
      <ol class="revision-list" reversed>
        {revisions.map((r) => (
          <li key={r.revision}>
            <time dateTime={r.createdAt}>{s('history.item', { revision: r.revision, date: when.format(new Date(r.createdAt)) })}</time>
            {r.revision === story.revision && ` ${s('history.current')}`}
            {r.revision === story.approvedRevision && ` ${s('history.approved')}`}
          </li>
        ))}
      </ol>
    </section>
  );
}
