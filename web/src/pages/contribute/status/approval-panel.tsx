import { ErrorNotice } from '../../../components/error-notice.js';
import { approveEdits, declineEdits, type ContributorView } from '../contribute-api.js';
import { useMessages } from '../messages.js';
import { useAction } from './use-action.js';

interface Props {
  readonly code: string;
  readonly view: ContributorView;
  readonly onView: (view: ContributorView) => void;
}

/** The edited version an editor sent: approve it (it is published) or send it back. */
export function ApprovalPanel({ code, view, onView }: Props) {
  const { m } = useMessages();
  const action = useAction();
  const approve = () =>
    action.run(async () => {
      onView(await approveEdits(code, view.version.revision));
      return m('approval.approved');
    });
  const decline = () =>
    action.run(async () => {
      onView(await declineEdits(code));
      return m('approval.declined');
    });
  return (
    <section class="panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">{m('approval.heading')}</h2>
      {view.awaitingYourApproval && (
        <>
          <p>{m('approval.intro')}</p>
          <div class="step-buttons">
            <button type="button" class="button button-primary" disabled={action.busy} onClick={() => void approve()}>
              {m('approval.approve')}
            </button>
            <button type="button" class="button button-secondary" disabled={action.busy} onClick={() => void decline()}>
              {m('approval.decline')}
            </button>
          </div>
        </>
      )}
      <p role="status">{action.done ?? ''}</p>
      {action.error !== null && <ErrorNotice error={action.error} onRetry={action.retry} />}
    </section>
  );
}
