import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import type { PageProps } from '../../routes.js';
import { getContribution, getCurrentConsentText } from './contribute-api.js';
import type { ContributorView } from './contribute-types.js';
import { useMessages } from './messages.js';
import { forgetReceiptCode, rememberReceiptCode, storedReceiptCode } from './receipt-store.js';
import { ApprovalPanel } from './status/approval-panel.js';
import { CodeForm } from './status/code-form.js';
import { ScopeChange } from './status/scope-change.js';
import { ContributionStatus } from './status/story-status.js';
import { WithdrawPanel } from './status/withdraw-panel.js';
import { isWrongCode } from './status/wrong-code.js';
import './contribute.css';

type State =
  | { readonly phase: 'enter'; readonly wrongCode: boolean }
  | { readonly phase: 'opening'; readonly code: string }
  | { readonly phase: 'failed'; readonly code: string; readonly error: unknown }
  | { readonly phase: 'open'; readonly code: string; readonly view: ContributorView }
  | { readonly phase: 'withdrawn' };

/**
 * /contribute/status: the contributor's own story, opened with the receipt code (typed, kept for
 * this tab in sessionStorage, never in the URL): its status, the version to be published, who
 * may read it, and the changes the contributor may make.
 */
export function ContributionStatusPage(_props: PageProps) {
  const { t, lang } = useMessages();
  useDocumentTitle(t('status.title'));
  const [state, setState] = useState<State>(() => {
    const code = storedReceiptCode();
    return code ? { phase: 'opening', code } : { phase: 'enter', wrongCode: false };
  });
  const [approvalShown, setApprovalShown] = useState(false);
  const consentText = useApi((signal) => getCurrentConsentText(lang, signal), [lang]);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const open = (code: string) => setState({ phase: 'opening', code });

  useEffect(() => {
    if (state.phase !== 'opening') return;
    let live = true;
    getContribution(state.code).then(
      (view) => {
        if (!live) return;
        rememberReceiptCode(state.code);
        if (view.awaitingYourApproval) setApprovalShown(true);
        setState({ phase: 'open', code: state.code, view });
      },
      (error: unknown) => {
        if (!live) return;
        if (isWrongCode(error)) {
          forgetReceiptCode();
          setState({ phase: 'enter', wrongCode: true });
        } else setState({ phase: 'failed', code: state.code, error });
      },
    );
    return () => {
      live = false;
    };
  }, [state]);

  useEffect(() => {
    if (state.phase === 'withdrawn') doneHeading.current?.focus();
  }, [state.phase]);

  const forget = () => {
    forgetReceiptCode();
    setState({ phase: 'enter', wrongCode: false });
  };
  // A panel's change went through: the contribution as it now stands.
  const showView = (view: ContributorView) => {
    if (state.phase === 'open') setState({ phase: 'open', code: state.code, view });
  };
  // An action answered «this code opens nothing»: back to the code form, saying so.
  const codeRejected = () => {
    forgetReceiptCode();
    setState({ phase: 'enter', wrongCode: true });
  };

  if (state.phase === 'withdrawn') {
    return (
      <div class="contribute-page">
        <h1 ref={doneHeading} tabIndex={-1}>
          {t('status.title')}
        </h1>
        <p class="notice notice-success" role="status">
          {t('withdraw.doneAll')}
        </p>
        <p>
          <a href="/contribute">{t('withdraw.again')}</a>
        </p>
      </div>
    );
  }

  return (
    <div class="contribute-page status-page">
      <h1>{t('status.title')}</h1>
      {state.phase === 'enter' && <CodeForm problem={state.wrongCode ? t('status.wrongCode') : null} onOpen={open} />}
      {state.phase === 'opening' && <Loading label={t('status.opening')} />}
      {state.phase === 'failed' && <ErrorNotice error={state.error} onRetry={() => open(state.code)} />}
      {state.phase === 'open' && (
        <>
          <p>
            <button type="button" class="link-button" onClick={forget}>
              {t('status.forget')}
            </button>
          </p>
          <ContributionStatus view={state.view} />
          {(approvalShown || state.view.awaitingYourApproval) && (
            <ApprovalPanel code={state.code} view={state.view} onView={showView} onCodeRejected={codeRejected} />
          )}
          {consentText.status === 'loading' && <Loading />}
          {consentText.status === 'error' && <ErrorNotice error={consentText.error} onRetry={consentText.retry} />}
          {consentText.status === 'ok' && (
            <>
              <ScopeChange
                code={state.code}
                view={state.view}
                consentText={consentText.data}
                onView={showView}
                onCodeRejected={codeRejected}
              />
              <WithdrawPanel
                code={state.code}
                view={state.view}
                consentText={consentText.data}
                onView={showView}
                onCodeRejected={codeRejected}
                onWithdrawnAll={() => {
                  forgetReceiptCode();
                  setState({ phase: 'withdrawn' });
                }}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
