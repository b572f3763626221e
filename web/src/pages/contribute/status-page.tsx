import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import type { PageProps } from '../../routes.js';
import { getContribution, getCurrentConsentText, type ContributorView } from './contribute-api.js';
import { useMessages } from './messages.js';
import { forgetReceiptCode, rememberReceiptCode, storedReceiptCode } from './receipt-store.js';
import { ApprovalPanel } from './status/approval-panel.js';
import { CodeForm } from './status/code-form.js';
import { ScopeChange } from './status/scope-change.js';
import { StoryStatus } from './status/story-status.js';
import { WithdrawPanel } from './status/withdraw-panel.js';
import './contribute.css';

type State =
  | { readonly phase: 'enter'; readonly wrongCode: boolean }
  | { readonly phase: 'opening'; readonly code: string }
  | { readonly phase: 'failed'; readonly code: string; readonly error: unknown }
  | { readonly phase: 'open'; readonly code: string; readonly view: ContributorView }
  | { readonly phase: 'withdrawn' };

/** A code that opens nothing (or a withdrawn story): 401 from the access layer, 404 from the service. */
const isWrongCode = (error: unknown) => error instanceof ApiError && error.kind === 'http' && (error.status === 401 || error.status === 404);

/**
 * /contribute/status: the contributor's own story, opened with the receipt code (typed, kept for
 * this tab in sessionStorage, never in the URL): its status, the version to be published, who
 * may read it, and the changes the contributor may make.
 */
export function ContributionStatusPage(_props: PageProps) {
  const { m, lang } = useMessages();
  useDocumentTitle(m('status.title'));
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

  if (state.phase === 'withdrawn') {
    return (
      <div class="contribute-page">
        <h1 ref={doneHeading} tabIndex={-1}>
          {m('status.title')}
        </h1>
        <p class="notice notice-success" role="status">
          {m('withdraw.doneAll')}
        </p>
        <p>
          <a href="/contribute">{m('withdraw.again')}</a>
        </p>
      </div>
    );
  }

  return (
    <div class="contribute-page status-page">
      <h1>{m('status.title')}</h1>
      {state.phase === 'enter' && <CodeForm opening={false} problem={state.wrongCode ? m('status.wrongCode') : null} onOpen={open} />}
      {state.phase === 'opening' && <Loading label={m('status.opening')} />}
      {state.phase === 'failed' && <ErrorNotice error={state.error} onRetry={() => open(state.code)} />}
      {state.phase === 'open' && (
        <>
          <p>
            <button type="button" class="link-button" onClick={forget}>
              {m('status.forget')}
            </button>
          </p>
          <StoryStatus view={state.view} />
          {(approvalShown || state.view.awaitingYourApproval) && (
            <ApprovalPanel code={state.code} view={state.view} onView={(view) => setState({ phase: 'open', code: state.code, view })} />
          )}
          {consentText.status === 'loading' && <Loading />}
          {consentText.status === 'error' && <ErrorNotice error={consentText.error} onRetry={consentText.retry} />}
          {consentText.status === 'ok' && (
            <>
              <ScopeChange
                code={state.code}
                view={state.view}
                consentText={consentText.data}
                onView={(view) => setState({ phase: 'open', code: state.code, view })}
              />
              <WithdrawPanel
                code={state.code}
                view={state.view}
                consentText={consentText.data}
                onView={(view) => setState({ phase: 'open', code: state.code, view })}
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
