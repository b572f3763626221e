import { ErrorNotice } from '../../../components/error-notice.js';
import { approveEdits, declineEdits } from '../contribute-api.js';
import { useMessages } from '../messages.js';
import { useAction } from '../../../hooks/use-action.js';
import type { PanelProps } from './panel-props.js';
import { wrongCodeTo } from './wrong-code.js';

/** The edited version an editor sent: approve it (it is published) or send it back. */
export function ApprovalPanel({ code, view, onView, onCodeRejected }: PanelProps) {
  const { t } = useMessages();
  const action = useAction<string | null>({ onError: wrongCodeTo(onCodeRejected) });
  const approve = () =>
    action.run(async () => {
      onView(await approveEdits(code, view.version.revision));
      return t('approval.approved');
    });
  const decline = () =>
    action.run(async () => {
      onView(await declineEdits(code));
      return t('approval.declined');
    });
  return (
    <section class="panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">{t('approval.heading')}</h2>
      {view.awaitingYourApproval && (
        <>
          <p>{t('approval.intro')}</p>
          <div class="step-buttons">
            <button type="button" class="button button-primary" disabled={action.busy} onClick={() => void approve()}>
              {t('approval.approve')}
            </button>
            <button type="button" class="button button-secondary" disabled={action.busy} onClick={() => void decline()}>
              {t('approval.decline')}
            </button>
          </div>
        </>
      )}
      <p role="status">{action.done ?? ''}</p>
      {action.error !== null && <ErrorNotice error={action.error} onRetry={action.retry} />}
    </section>
  );
}
