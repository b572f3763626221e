import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../../components/error-notice.js';
import { AgreeCheckbox, ConsentTextView } from '../components/consent-agreement.js';
import { StepForm } from '../components/step-form.js';
import type { ConsentText } from '../contribute-types.js';
import { agreesTo, type Draft, type Step } from '../draft.js';
import { formatSize } from '../file-check.js';
import { useMessages, type ContributeKey } from '../messages.js';

interface Props {
  readonly draft: Draft;
  readonly update: (change: Partial<Draft>) => void;
  readonly consentText: ConsentText;
  readonly themeLabel: (slug: string) => string;
  readonly hasFile: boolean;
  readonly focusHeading: boolean;
  readonly sending: boolean;
  readonly sendError: unknown;
  readonly onSend: () => void;
  readonly onBack: () => void;
  readonly goTo: (step: Exclude<Step, 'receipt'>) => void;
}

/** Step 4: the consent text itself, «I have read and agree», and what was chosen; then Send. */
export function ConsentStep(props: Props) {
  const { draft, update, consentText, hasFile } = props;
  const { t, lang, number } = useMessages();
  const [tried, setTried] = useState(false);
  // Agreement is to this text (its hash): another text shown leaves the box unticked.
  const agreed = agreesTo(draft, consentText);
  const agreeError = tried && !agreed ? t('consent.error.agree') : null;
  const fileMissing = draft.source === 'file' && !hasFile;
  const yesNo = (answer: boolean | null) => (answer ? t('scopes.yes') : t('scopes.no'));
  const displayTitle = consentText.display.find((d) => d.id === draft.displayMode)?.title ?? '';

  const send = () => {
    setTried(true);
    if (!agreed) return document.getElementById('consent-agree')?.focus();
    if (fileMissing) return document.getElementById('consent-file-missing')?.focus();
    props.onSend();
  };

  return (
    <StepForm
      id="step-consent"
      heading={t('steps.consent')}
      focusHeading={props.focusHeading}
      onNext={send}
      onBack={props.onBack}
      nextLabel={props.sending ? t('nav.sending') : t('nav.send')}
      busy={props.sending}
    >
      <ConsentTextView consentText={consentText} />

      <div class="field checkbox-field">
        <AgreeCheckbox id="consent-agree" label={t('consent.agree')} checked={agreed} error={agreeError} onChange={(on) => update({ agreedSha256: on ? consentText.sha256 : null })} />
      </div>

      <section class="summary" aria-labelledby="summary-heading">
        <h3 id="summary-heading">{t('consent.summary')}</h3>
        <dl>
          <dt>{t('consent.summary.title')}</dt>
          <dd>{draft.title}</dd>
          <dt>{t('consent.summary.language')}</dt>
          <dd>{t(`write.lang.${draft.language}` as ContributeKey)}</dd>
          <dt>{t('consent.summary.story')}</dt>
          <dd>
            {draft.source === 'text'
              ? t('consent.summary.storyText', { count: number(draft.text.trim().length) })
              : draft.file
                ? t('consent.summary.storyFile', { name: draft.file.name, size: formatSize(draft.file.size, lang) })
                : t('consent.summary.none')}
          </dd>
          <dt>{t('consent.summary.themes')}</dt>
          <dd>{draft.themes.length > 0 ? draft.themes.map(props.themeLabel).join(', ') : t('consent.summary.none')}</dd>
          <dt>{t('consent.summary.warnings')}</dt>
          <dd>{draft.contentWarnings.length > 0 ? draft.contentWarnings.join(', ') : t('consent.summary.none')}</dd>
          {consentText.scopes.map((choice) => [<dt key={`${choice.id}-t`}>{choice.title}</dt>, <dd key={`${choice.id}-d`}>{yesNo(draft.scopes[choice.id])}</dd>])}
          <dt>{t('consent.summary.display')}</dt>
          <dd>{draft.displayMode === 'anonymous' ? displayTitle : `${displayTitle}: ${draft.displayName}`}</dd>
        </dl>
        <p class="summary-change">
          {(['write', 'scopes', 'display'] as const).map((step) => (
            <button key={step} type="button" class="link-button" onClick={() => props.goTo(step)}>
              {t('consent.summary.change')}: {t(`steps.${step}`)}
            </button>
          ))}
        </p>
      </section>

      {fileMissing && (
        <div class="notice notice-warning">
          <p>{t('consent.fileMissing')}</p>
          <button id="consent-file-missing" type="button" class="button button-secondary" onClick={() => props.goTo('write')}>
            {t('consent.fileMissingAction')}
          </button>
        </div>
      )}

      {props.sendError !== null && props.sendError !== undefined && !props.sending && (
        <div class="send-error">
          <ErrorNotice error={props.sendError} title={t('consent.sendFailed')} onRetry={send} />
          <p>{t('consent.sendFailedKept')}</p>
        </div>
      )}
    </StepForm>
  );
}
