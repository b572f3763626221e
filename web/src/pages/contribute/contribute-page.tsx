import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { themeLabel, useThemes } from '../../hooks/use-themes.js';
import type { PageProps } from '../../routes.js';
import { StepIndicator } from './components/step-indicator.js';
import { getCurrentConsentText, submitStory } from './contribute-api.js';
import { clearDraft, loadDraft, saveDraft } from './draft-store.js';
import { agreesTo, emptyDraft, STEPS, toSubmission, type Draft } from './draft.js';
import { useMessages } from './messages.js';
import { dismissPendingReceipt, pendingReceipt, rememberPendingReceipt, type PendingReceipt } from './receipt-store.js';
import { ConsentStep } from './steps/consent-step.js';
import { DisplayStep } from './steps/display-step.js';
import { ReceiptStep } from './steps/receipt-step.js';
import { ScopesStep } from './steps/scopes-step.js';
import { WriteStep } from './steps/write-step.js';
import './contribute.css';

type FormStep = Draft['step'];

/**
 * /contribute: write or upload → what it may be used for → how you are named → read and
 * accept → the receipt. Every keystroke is kept in sessionStorage (draft.ts); the draft goes
 * only once the server has the story, or when the contributor starts again. The receipt is kept
 * in sessionStorage too (receipt-store.ts) and shown again until the contributor dismisses it.
 */
export function ContributePage(_props: PageProps) {
  const { t, lang } = useMessages();
  useDocumentTitle(t('page.title'));
  const [restored] = useState(loadDraft);
  const [draft, setDraft] = useState<Draft>(() => restored ?? emptyDraft());
  const [file, setFile] = useState<File | null>(null);
  const [receipt, setReceipt] = useState<PendingReceipt | null>(pendingReceipt);
  const [discarded, setDiscarded] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  // The first step shown keeps focus where the page put it; every later one takes it.
  const moved = useRef(false);
  const consentText = useApi((signal) => getCurrentConsentText(lang, signal), [lang]);
  const themes = useThemes();

  useEffect(() => {
    if (!receipt) saveDraft(draft);
  }, [draft, receipt]);

  // «I agree» was for one text: another one shown (another UI language, a new version) clears it.
  const shownSha256 = consentText.status === 'ok' ? consentText.data.sha256 : null;
  useEffect(() => {
    if (shownSha256 !== null && draft.agreedSha256 !== null && draft.agreedSha256 !== shownSha256) setDraft((d) => ({ ...d, agreedSha256: null }));
  }, [shownSha256, draft.agreedSha256]);

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const goTo = (step: FormStep) => {
    moved.current = true;
    setSendError(null);
    update({ step });
    window.scrollTo(0, 0);
  };
  const offset = (by: number) => STEPS[STEPS.indexOf(draft.step) + by] as FormStep;

  const labelOf = (slug: string) => themeLabel(themes.bySlug, slug, lang);

  const send = async () => {
    if (consentText.status !== 'ok' || !agreesTo(draft, consentText.data)) return;
    setSending(true);
    setSendError(null);
    try {
      const accepted = await submitStory(toSubmission(draft, consentText.data), draft.source === 'file' ? file : null);
      // Kept first: from here on only this tab can show the code (the server never shows it again).
      rememberPendingReceipt(accepted);
      clearDraft();
      moved.current = true;
      setReceipt(accepted);
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const hasContent = draft.title !== '' || draft.text !== '' || draft.file !== null || draft.step !== 'write';
  const startAgain = () => {
    if (hasContent && !window.confirm(t('draft.discardConfirm'))) return;
    clearDraft();
    setFile(null);
    setDraft(emptyDraft());
    setSendError(null);
    setDiscarded(true);
    moved.current = true;
  };

  const dismissReceipt = () => {
    dismissPendingReceipt();
    clearDraft();
    setFile(null);
    setDraft(emptyDraft());
    setReceipt(null);
    moved.current = true;
  };

  const step = receipt ? 'receipt' : draft.step;
  const focusHeading = moved.current;
  const needsConsentText = step === 'scopes' || step === 'display' || step === 'consent';

  return (
    <div class="contribute-page">
      <h1>{t('page.title')}</h1>
      <StepIndicator step={step} />
      {step === 'write' && <p class="page-intro">{t('page.intro')}</p>}
      {restored && !receipt && !moved.current && (restored.title !== '' || restored.text !== '' || restored.step !== 'write') && (
        <p class="notice notice-info" role="status">
          {t('draft.restored')}
        </p>
      )}
      {!receipt && (
        // Always at hand: on a shared computer the draft would otherwise outlive the visit.
        <div class="draft-tools">
          <button type="button" class="button button-secondary" aria-describedby="draft-discard-hint" onClick={startAgain}>
            {t('draft.discard')}
          </button>
          <span id="draft-discard-hint" class="hint">
            {t('draft.discardHint')}
          </span>
          <span role="status" class="draft-discarded">
            {discarded && !hasContent ? t('draft.discarded') : ''}
          </span>
        </div>
      )}

      {receipt ? (
        <ReceiptStep code={receipt.receiptCode} statusUrl={receipt.statusUrl} onDismiss={dismissReceipt} />
      ) : step === 'write' ? (
        <WriteStep key="write" draft={draft} update={update} file={file} setFile={setFile} themes={themes} focusHeading={focusHeading} onNext={() => goTo(offset(1))} />
      ) : needsConsentText && consentText.status === 'loading' ? (
        <Loading />
      ) : needsConsentText && consentText.status === 'error' ? (
        <ErrorNotice error={consentText.error} onRetry={consentText.retry} />
      ) : consentText.status !== 'ok' ? null : step === 'scopes' ? (
        <ScopesStep key="scopes" draft={draft} update={update} consentText={consentText.data} focusHeading={focusHeading} onNext={() => goTo(offset(1))} onBack={() => goTo(offset(-1))} />
      ) : step === 'display' ? (
        <DisplayStep key="display" draft={draft} update={update} consentText={consentText.data} focusHeading={focusHeading} onNext={() => goTo(offset(1))} onBack={() => goTo(offset(-1))} />
      ) : (
        <ConsentStep
          key="consent"
          draft={draft}
          update={update}
          consentText={consentText.data}
          themeLabel={labelOf}
          hasFile={file !== null}
          focusHeading={focusHeading}
          sending={sending}
          sendError={sendError}
          onSend={() => void send()}
          onBack={() => goTo(offset(-1))}
          goTo={goTo}
        />
      )}
    </div>
  );
}
