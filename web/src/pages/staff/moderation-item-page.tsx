import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import type { PageProps } from '../../routes.js';
import { ActionsPanel } from './review/actions-panel.js';
import { ConsentSummary } from './review/consent-summary.js';
import { DeidentifyPanel } from './review/deidentify-panel.js';
import { focusMessageIfLost, REVIEW_MESSAGE_ID } from './review/review-focus.js';
import { RevisionHistory } from './review/revision-history.js';
import { ThemesPanel } from './review/themes-panel.js';
import { getReview, type ReviewView } from './staff-api.js';
import { StaffLoadError } from './staff-gate.js';
import { useStaffText } from './messages.js';
import './staff.css';

/**
 * /staff/moderation/:id — one story under review: consent first, then de-identification, themes,
 * the review steps and the history. Every change answers with the story as it now stands, which
 * replaces what the page shows; nothing is kept that the API did not say.
 */
export function ModerationItemPage({ params }: PageProps) {
  const id = params.id ?? '';
  const { t: s } = useStaffText();
  const loaded = useApi((signal) => getReview(id, signal), [id]);
  // The answer to the last change, until the next reload.
  const [latest, setLatest] = useState<ReviewView | null>(null);
  const [message, setMessage] = useState('');
  const view = latest ?? (loaded.status === 'ok' ? loaded.data : null);
  // Never the story's title: before de-identification it may hold a real name, and the tab title
  // goes to the browser's history (and its sync).
  useDocumentTitle(view ? s('review.docTitle', { revision: view.story.revision }) : s('queue.title'));

  const reload = () => {
    setLatest(null);
    setMessage('');
    loaded.retry();
  };
  const changed = (next: ReviewView, said: string) => {
    setLatest(next);
    setMessage(said);
    focusMessageIfLost();
  };

  return (
    <section class="page staff-page review-page" aria-labelledby="review-title">
      <p>
        <a href="/staff/moderation">← {s('review.back')}</a>
      </p>
      {/* Outcomes of changes, read out once; kept outside the panels so a re-render does not lose them. */}
      <p id={REVIEW_MESSAGE_ID} class="review-message" role="status" aria-live="polite" tabIndex={-1}>
        {message}
      </p>
      {view === null && loaded.status === 'loading' && <Loading />}
      {view === null && loaded.status === 'error' && <ReviewLoadError error={loaded.error} onRetry={reload} />}
      {view && <Review view={view} onChange={changed} onReload={reload} />}
    </section>
  );
}

function ReviewLoadError({ error, onRetry }: { readonly error: unknown; readonly onRetry: () => void }) {
  const { t: s } = useStaffText();
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <>
        <h1 id="review-title">{s('untitled')}</h1>
        <p class="notice notice-error" role="alert">
          {s('review.notFound')}
        </p>
      </>
    );
  }
  return <StaffLoadError error={error} onRetry={onRetry} />;
}

interface ReviewProps {
  readonly view: ReviewView;
  readonly onChange: (view: ReviewView, message: string) => void;
  readonly onReload: () => void;
}

function Review({ view, onChange, onReload }: ReviewProps) {
  const { t: s } = useStaffText();
  const { story } = view;
  return (
    <>
      <h1 id="review-title">{story.title ?? s('untitled')}</h1>
      <p class="review-meta" data-testid="review-status">
        <span class={`status-badge status-${story.status}`}>{s('review.meta', { status: s(`status.${story.status}`), revision: story.revision })}</span>{' '}
        {story.source === 'contribution' &&
          (story.approvedRevision === null ? s('review.meta.notApproved') : s('review.meta.approved', { revision: story.approvedRevision }))}
      </p>
      {story.rejectionReason && <p class="notice">{s('review.rejectionReason', { reason: story.rejectionReason })}</p>}
      {story.indexError && <p class="notice notice-error">{s('review.indexError', { error: story.indexError })}</p>}
      <ConsentSummary story={story} consent={view.consent} />
      {/* A new revision is new text with new marks: the choices made on the old one start over. */}
      <DeidentifyPanel key={`${story.id}:${story.revision}`} view={view} onChange={onChange} onReload={onReload} />
      <ThemesPanel key={story.id} view={view} onChange={onChange} />
      <ActionsPanel view={view} onChange={onChange} />
      <RevisionHistory view={view} />
    </>
  );
}
