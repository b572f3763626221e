import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../../components/error-notice.js';
import { AgreeCheckbox, ConsentTextView } from '../components/consent-agreement.js';
import { YesNoGroup } from '../components/yes-no-group.js';
import { SCOPES, type Scope } from '../../../api/types.js';
import { changeConsent } from '../contribute-api.js';
import type { ScopeFlags } from '../contribute-types.js';
import { useMessages } from '../messages.js';
import { useAction } from '../../../hooks/use-action.js';
import type { ConsentPanelProps } from './panel-props.js';
import { wrongCodeTo } from './wrong-code.js';

/** Yes/no per scope, starting from the consent in force. Allowing a new use shows the consent text again. */
export function ScopeChange({ code, view, consentText, onView, onCodeRejected }: ConsentPanelProps) {
  const { t } = useMessages();
  const [scopes, setScopes] = useState<ScopeFlags>(view.consent.scopes);
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const action = useAction<string | null>({ onError: wrongCodeTo(onCodeRejected) });
  // A partial withdrawal elsewhere on the page changes the consent in force: start from it again.
  // Keyed by the values, not the object: a new view with the same consent keeps unsaved edits.
  const inForce = SCOPES.map((s) => (view.consent.scopes[s] ? 'y' : 'n')).join('');
  useEffect(() => setScopes(view.consent.scopes), [inForce]);
  const widened = SCOPES.some((s) => scopes[s] && !view.consent.scopes[s]);
  const changed = SCOPES.some((s) => scopes[s] !== view.consent.scopes[s]);
  const agreeError = tried && widened && !agreed ? t('change.error.agree') : null;

  const save = () => {
    setTried(true);
    if (!changed) return void action.run(async () => t('change.nothing'));
    if (widened && !agreed) return document.getElementById('change-agree')?.focus();
    void action.run(async () => {
      const next = await changeConsent(code, scopes, widened ? consentText : undefined);
      onView(next);
      setScopes(next.consent.scopes);
      setAgreed(false);
      setTried(false);
      return t('change.saved');
    });
  };

  return (
    <section class="panel" aria-labelledby="change-heading">
      <h2 id="change-heading">{t('change.heading')}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <p>{t('change.intro')}</p>
        {consentText.scopes.map((choice) => (
          <YesNoGroup
            key={choice.id}
            idPrefix="change"
            choice={choice}
            value={scopes[choice.id]}
            onChange={(answer) => setScopes((s) => ({ ...s, [choice.id as Scope]: answer }))}
          />
        ))}
        {widened && (
          <div class="widen">
            <p class="notice notice-info">{t('change.widenNote')}</p>
            <ConsentTextView consentText={consentText} />
            <AgreeCheckbox id="change-agree" label={t('change.agree')} checked={agreed} error={agreeError} onChange={setAgreed} />
          </div>
        )}
        <button type="submit" class="button button-primary" aria-disabled={action.busy ? true : undefined}>
          {t('change.save')}
        </button>
        <p role="status">{action.done ?? ''}</p>
        {action.error !== null && <ErrorNotice error={action.error} onRetry={action.retry} />}
      </form>
    </section>
  );
}
