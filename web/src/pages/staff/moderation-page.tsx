import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../routes.js';
import { navigate, useLocation } from '../../router.js';
import { moderationQueue, STORY_STATUSES, WAITING_STATUSES, type QueueEntry, type StoryStatus } from './staff-api.js';
import { StaffLoadError } from './staff-gate.js';
import { useStaffText } from './messages.js';
import './staff.css';

/** The filter as the URL holds it: `?status=` absent (waiting), `all`, or one status. */
type Filter = 'waiting' | 'all' | StoryStatus;

const filterOf = (value: string | null): Filter =>
  value === 'all' ? 'all' : STORY_STATUSES.includes(value as StoryStatus) ? (value as StoryStatus) : 'waiting';
const statusesOf = (filter: Filter): readonly StoryStatus[] => (filter === 'waiting' ? WAITING_STATUSES : filter === 'all' ? STORY_STATUSES : [filter]);

/** /staff/moderation?status=… — the stories waiting for an editor, oldest first. */
export function ModerationPage(_props: PageProps) {
  const { t: s, tn: sn } = useStaffText();
  const { query } = useLocation();
  const filter = filterOf(query.get('status'));
  useDocumentTitle(s('queue.title'));
  const queue = useApi((signal) => moderationQueue(statusesOf(filter), signal), [filter]);

  const choose = (value: string) => navigate(value === 'waiting' ? '/staff/moderation' : `/staff/moderation?status=${encodeURIComponent(value)}`);

  return (
    <section class="page staff-page" aria-labelledby="queue-title">
      <h1 id="queue-title">{s('queue.title')}</h1>
      <p>{s('queue.intro')}</p>
      <div class="field field-inline">
        <label for="queue-status">{s('queue.filter')}</label>
        <select id="queue-status" value={filter} onChange={(e) => choose(e.currentTarget.value)}>
          <option value="waiting">{s('queue.filter.waiting')}</option>
          {STORY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {s(`status.${status}`)}
            </option>
          ))}
          <option value="all">{s('queue.filter.all')}</option>
        </select>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {queue.status === 'ok' ? sn('queue.count', queue.data.stories.length) : ''}
      </p>
      {queue.status === 'loading' && <Loading />}
      {queue.status === 'error' && <StaffLoadError error={queue.error} onRetry={queue.retry} />}
      {queue.status === 'ok' &&
        (queue.data.stories.length === 0 ? (
          <div class="empty-state">
            <h2>{s('queue.empty.title')}</h2>
            <p>{s('queue.empty.body')}</p>
          </div>
        ) : (
          <QueueTable stories={queue.data.stories} />
        ))}
    </section>
  );
}

function QueueTable({ stories }: { readonly stories: readonly QueueEntry[] }) {
  const { t: s, tn: sn } = useStaffText();
  const { date, languageName } = useI18n();
  return (
    <div class="table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
      <table class="staff-table">
        <caption id="queue-caption">
          {s('queue.caption')} ({sn('queue.count', stories.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{s('queue.col.title')}</th>
            <th scope="col">{s('queue.col.kind')}</th>
            <th scope="col">{s('queue.col.language')}</th>
            <th scope="col">{s('queue.col.status')}</th>
            <th scope="col">{s('queue.col.submitted')}</th>
            <th scope="col">{s('queue.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((story) => (
            <tr key={story.id}>
              <th scope="row">
                <a href={`/staff/moderation/${encodeURIComponent(story.id)}`}>{story.title ?? s('untitled')}</a>
              </th>
              <td>{s(`kind.${story.kind}`)}</td>
              <td>{languageName(story.language)}</td>
              <td>
                <span class={`status-badge status-${story.status}`}>{s(`status.${story.status}`)}</span>
              </td>
              <td>
                <time dateTime={story.createdAt}>{date(story.createdAt)}</time>
              </td>
              <td>{s(`source.${story.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
