import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listThemes } from '../../api/endpoints.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import type { PageProps } from '../../routes.js';
import { StepIndicator } from './components/step-indicator.js';
import { getCurrentConsentText, submitStory, type SubmissionAccepted } from './contribute-api.js';
import { clearDraft, emptyDraft, loadDraft, saveDraft, STEPS, toSubmission, type Draft } from './draft.js';
import { useMessages } from './messages.js';
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
 * only once the server has the story.
 */
export function ContributePage(_props: PageProps) {
  const { m, lang } = useMessages();
  useDocumentTitle(m('page.title'));
  const [restored] = useState(loadDraft);
  const [draft, setDraft] = useState<Draft>(() => restored ?? emptyDraft());
  const [file, setFile] = useState<File | null>(null);
  const [receipt, setReceipt] = useState<SubmissionAccepted | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  // The first step shown keeps focus where the page put it; every later one takes it.
  const moved = useRef(false);
  const consentText = useApi((signal) => getCurrentConsentText(lang, signal), [lang]);
  const themes = useApi((signal) => listThemes(signal), []);

  useEffect(() => {
    if (!receipt) saveDraft(draft);
  }, [draft, receipt]);

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const goTo = (step: FormStep) => {
    moved.current = true;
    setSendError(null);
    update({ step });
    window.scrollTo(0, 0);
  };
  const offset = (by: number) => STEPS[STEPS.indexOf(draft.step) + by] as FormStep;

  const themeLabel = useMemo(() => {
    const found = themes.status === 'ok' ? themes.data.themes : [];
    return (slug: string) => {
      const theme = found.find((t) => t.slug === slug);
      return theme ? (lang === 'en' ? theme.labelEn : theme.labelNb) : slug;
    };
  }, [themes, lang]);

  const send = async () => {
    if (consentText.status !== 'ok') return;
    setSending(true);
    setSendError(null);
    try {
      const accepted = await submitStory(toSubmission(draft, consentText.data), draft.source === 'file' ? file : null);
      clearDraft();
      moved.current = true;
      setReceipt(accepted);
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const startAgain = () => {
    clearDraft();
    setFile(null);
    setDraft(emptyDraft());
    moved.current = true;
  };

  const step = receipt ? 'receipt' : draft.step;
  const focusHeading = moved.current;
  const needsConsentText = step === 'scopes' || step === 'display' || step === 'consent';

  return (
    <div class="contribute-page">
      <h1>{m('page.title')}</h1>
      <StepIndicator step={step} />
      {step === 'write' && <p class="page-intro">{m('page.intro')}</p>}
      {restored && !receipt && !moved.current && (restored.title !== '' || restored.text !== '' || restored.step !== 'write') && (
        <div class="notice notice-info" role="status">
          <p>{m('draft.restored')}</p>
          <button type="button" class="button button-secondary" onClick={startAgain}>
            {m('draft.discard')}
          </button>
        </div>
      )}

      {receipt ? (
        <ReceiptStep code={receipt.receiptCode} statusUrl={receipt.statusUrl} />
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
          themeLabel={themeLabel}
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
