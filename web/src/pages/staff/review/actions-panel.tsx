import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client.js';
import { ConfirmDialog } from '../../../components/confirm-dialog.js';
import { ErrorNotice } from '../../../components/error-notice.js';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { actOnReview, type ReviewAction, type ReviewView, type StoryStatus } from '../staff-api.js';
import { useStaffText } from '../messages.js';
import { scopeLabel } from './consent-summary.js';
import { reviewMessage } from './review-focus.js';

/**
 * Which buttons a status shows (the API decides whether each step is allowed, and says why not):
 * the same map as services/moderation/review-flow.ts. Rejecting has its own form (a reason).
 */
const BY_STATUS: Readonly<Record<StoryStatus, readonly Exclude<ReviewAction, 'reject'>[]>> = {
  submitted: ['claim'],
  in_review: ['send_for_approval', 'publish'],
  awaiting_approval: [],
  published: ['unpublish'],
  rejected: [],
  withdrawn: [],
};
const REJECTABLE: readonly StoryStatus[] = ['submitted', 'in_review', 'awaiting_approval'];
/** Steps that change what readers see or what the contributor is asked: confirmed first. */
const CONFIRMED: ReadonlySet<ReviewAction> = new Set(['send_for_approval', 'publish', 'unpublish']);

interface Props {
  readonly view: ReviewView;
  readonly onChange: (view: ReviewView, message: string) => void;
}

export function ActionsPanel({ view, onChange }: Props) {
  const { t: s } = useStaffText();
  const { story } = view;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<ReviewAction | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const confirmed = useRef(false);

  const actions = BY_STATUS[story.status].filter((a) => a !== 'send_for_approval' || story.source === 'contribution');
  const canReject = REJECTABLE.includes(story.status);

  const run = async (action: ReviewAction, reason?: string) => {
    setConfirming(null);
    setBusy(true);
    setFailure(null);
    try {
      const next = await actOnReview(story.id, action, reason);
      setRejecting(false);
      onChange(next, s(`actions.done.${action}`));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const ask = (action: ReviewAction) => {
    confirmed.current = false;
    setConfirming(action);
  };

  const audience = view.consent?.audience.map((a) => scopeLabel(a, s)).join(', ') ?? '–';
  return (
    <section class="review-section" aria-labelledby="actions-title">
      <h2 id="actions-title">{s('actions.title')}</h2>
      {actions.length === 0 && !canReject && <p>{s('actions.none')}</p>}
      <div class="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            class={action === 'publish' || action === 'claim' ? 'button button-primary' : 'button'}
            disabled={busy}
            onClick={() => (CONFIRMED.has(action) ? ask(action) : void run(action))}
          >
            {s(`actions.${action}`)}
          </button>
        ))}
        {canReject && !rejecting && (
          <button type="button" class="button button-danger" disabled={busy} onClick={() => setRejecting(true)}>
            {s('actions.reject')}
          </button>
        )}
      </div>
      {busy && <p role="status">{s('actions.working')}</p>}
      {failure !== null && <ActionFailure error={failure} />}
      {rejecting && <RejectForm busy={busy} onReject={(reason) => void run('reject', reason)} onCancel={() => setRejecting(false)} />}
      {confirming && (
        <ConfirmDialog
          title={
            confirming === 'unpublish'
              ? s('actions.confirm.unpublish')
              : s(confirming === 'publish' ? 'actions.confirm.publish' : 'actions.confirm.send_for_approval', { revision: story.revision, audience })
          }
          confirmLabel={s('actions.confirm.yes')}
          cancelLabel={s('actions.confirm.no')}
          danger={confirming === 'unpublish'}
          onConfirm={() => {
            confirmed.current = true;
            void run(confirming);
          }}
          onCancel={() => setConfirming(null)}
          // Confirmed, the step's button is disabled and then gone: focus waits on the page's message, which says the outcome.
          returnFocus={() => (confirmed.current ? reviewMessage() : null)}
        />
      )}
    </section>
  );
}

/** A refused step shows the API's reason (e.g. publishing a revision its contributor has not approved). */
function ActionFailure({ error }: { readonly error: unknown }) {
  const { t: s } = useStaffText();
  if (error instanceof ApiError && (error.status === 409 || error.status === 400)) {
    return (
      <p class="notice notice-error" role="alert">
        {s('actions.refused', { message: error.message })}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}

function RejectForm({ busy, onReject, onCancel }: { readonly busy: boolean; readonly onReject: (reason: string) => void; readonly onCancel: () => void }) {
  const { t: s } = useStaffText();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      field.current?.focus();
      return;
    }
    onReject(reason.trim());
  };
  return (
    <form class="staff-form reject-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="reject-reason">{s('actions.reject.reason')}</label>
        <textarea
          id="reject-reason"
          ref={field}
          rows={4}
          maxLength={2000}
          required
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={describedBy(missing && 'reject-reason-error')}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
        />
        <FieldError id="reject-reason-error" message={missing ? s('actions.reject.reasonMissing') : null} />
      </div>
      <div class="button-row">
        <button type="submit" class="button button-danger" disabled={busy}>
          {s('actions.reject.confirm')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {s('actions.confirm.no')}
        </button>
      </div>
    </form>
  );
}
