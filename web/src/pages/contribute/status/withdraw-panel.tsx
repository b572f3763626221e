import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/confirm-dialog.js';
import { ErrorNotice } from '../../../components/error-notice.js';
import { describedBy, FieldError } from '../../../components/field-error.js';
import { AUDIENCES, type Scope } from '../../../api/types.js';
import { withdraw } from '../contribute-api.js';
import { useMessages } from '../messages.js';
import { useAction } from '../../../hooks/use-action.js';
import type { ConsentPanelProps } from './panel-props.js';
import { wrongCodeTo } from './wrong-code.js';

interface Props extends ConsentPanelProps {
  readonly onWithdrawnAll: () => void;
}

/**
 * Withdraw some uses, or everything. Nothing happens before a confirmation dialog has said
 * exactly what goes (for everything: the text, every version, the search entries, the
 * collections; only a content-free record remains) and the contributor has confirmed.
 */
export function WithdrawPanel({ code, view, consentText, onView, onCodeRejected, onWithdrawnAll }: Props) {
  const { t, list } = useMessages();
  const [what, setWhat] = useState<'some' | 'all' | null>(null);
  const [chosen, setChosen] = useState<readonly Scope[]>([]);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const action = useAction<string | null>({ onError: wrongCodeTo(onCodeRejected) });
  const granted = consentText.scopes.filter((c) => view.consent.scopes[c.id]);
  const titleOf = (scope: Scope) => consentText.scopes.find((c) => c.id === scope)?.title ?? scope;
  // Withdrawing every use anyone may read by leaves nothing to publish: the API then deletes it all.
  const becomesAll = what === 'some' && AUDIENCES.every((s) => !view.consent.scopes[s] || chosen.includes(s));
  const everything = what === 'all' || becomesAll;
  const problem = !tried ? null : what === null ? t('withdraw.error.choose') : what === 'some' && chosen.length === 0 ? t('withdraw.error.scopes') : null;

  const ask = () => {
    if (action.busy) return;
    setTried(true);
    if (what === null || (what === 'some' && chosen.length === 0)) return;
    setConfirming(true);
  };

  const confirm = () => {
    setConfirming(false);
    void action.run(async () => {
      const result = await withdraw(code, what === 'all' ? 'all' : chosen);
      if (result.withdrawn === 'all' || !result.view) {
        onWithdrawnAll();
        return null;
      }
      onView(result.view);
      setChosen([]);
      setWhat(null);
      setTried(false);
      return t('withdraw.doneSome', { scopes: list(result.withdrawn.map(titleOf)) });
    });
  };

  return (
    <section class="panel panel-danger" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">{t('withdraw.heading')}</h2>
      <p>{t('withdraw.intro')}</p>
      <fieldset class="choice-group" aria-describedby={describedBy(problem && 'withdraw-error')}>
        <legend>{t('withdraw.legend')}</legend>
        {(['some', 'all'] as const).map((option) => (
          <label key={option} class="radio">
            <input type="radio" name="withdraw-what" value={option} checked={what === option} onChange={() => setWhat(option)} />
            {t(option === 'some' ? 'withdraw.some' : 'withdraw.all')}
          </label>
        ))}
      </fieldset>
      {what === 'some' && (
        <fieldset class="choice-group nested">
          <legend>{t('withdraw.scopesLegend')}</legend>
          <ul class="checkbox-list">
            {granted.map((choice) => (
              <li key={choice.id}>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    value={choice.id}
                    checked={chosen.includes(choice.id)}
                    onChange={(e) => setChosen((c) => (e.currentTarget.checked ? [...c, choice.id] : c.filter((s) => s !== choice.id)))}
                  />
                  {choice.title}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <FieldError id="withdraw-error" message={problem} />
      <button type="button" class="button button-danger" aria-disabled={action.busy ? true : undefined} onClick={ask}>
        {t('withdraw.button')}
      </button>
      <p role="status">{action.done ?? ''}</p>
      {action.error !== null && <ErrorNotice error={action.error} onRetry={action.retry} />}

      {confirming && (
        <ConfirmDialog
          title={t(everything ? 'withdraw.confirmTitle.all' : 'withdraw.confirmTitle.some')}
          confirmLabel={t(everything ? 'withdraw.confirm.all' : 'withdraw.confirm.some')}
          cancelLabel={t('withdraw.cancel')}
          danger
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {what === 'some' && (
            <>
              <p>{t('withdraw.confirmIntro.some')}</p>
              <ul>
                {chosen.map((s) => (
                  <li key={s}>{titleOf(s)}</li>
                ))}
              </ul>
              <p>{becomesAll ? t('withdraw.someBecomesAll') : t('withdraw.someNote')}</p>
            </>
          )}
          {everything && (
            <>
              <p>{t('withdraw.confirmIntro.all')}</p>
              <ul>
                <li>{t('withdraw.deletes.text')}</li>
                <li>{t('withdraw.deletes.versions')}</li>
                <li>{t('withdraw.deletes.index')}</li>
                <li>{t('withdraw.deletes.collections')}</li>
              </ul>
              <p>{t('withdraw.remains')}</p>
            </>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
