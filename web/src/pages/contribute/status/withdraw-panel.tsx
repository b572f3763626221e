import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../../components/error-notice.js';
import { describedBy, FieldError } from '../components/field-error.js';
import { withdraw, type ConsentText, type ContributorView, type Scope } from '../contribute-api.js';
import { useMessages } from '../messages.js';
import { useAction } from './use-action.js';

interface Props {
  readonly code: string;
  readonly view: ContributorView;
  readonly consentText: ConsentText;
  readonly onView: (view: ContributorView) => void;
  readonly onWithdrawnAll: () => void;
}

const AUDIENCE_SCOPES: readonly Scope[] = ['public', 'clinicians', 'teaching', 'research'];

/**
 * Withdraw some uses, or everything. Nothing happens before a confirmation dialog has said
 * exactly what goes (for everything: the text, every version, the search entries, the
 * collections; only a content-free record remains) and the contributor has confirmed.
 */
export function WithdrawPanel({ code, view, consentText, onView, onWithdrawnAll }: Props) {
  const { m, list } = useMessages();
  const [what, setWhat] = useState<'some' | 'all' | null>(null);
  const [chosen, setChosen] = useState<readonly Scope[]>([]);
  const [tried, setTried] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useAction();
  const granted = consentText.scopes.filter((c) => view.consent.scopes[c.id]);
  const titleOf = (scope: Scope) => consentText.scopes.find((c) => c.id === scope)?.title ?? scope;
  // Withdrawing every use anyone may read by leaves nothing to publish: the API then deletes it all.
  const becomesAll = what === 'some' && AUDIENCE_SCOPES.every((s) => !view.consent.scopes[s] || chosen.includes(s));
  const everything = what === 'all' || becomesAll;
  const problem = !tried ? null : what === null ? m('withdraw.error.choose') : what === 'some' && chosen.length === 0 ? m('withdraw.error.scopes') : null;

  const ask = () => {
    setTried(true);
    if (what === null || (what === 'some' && chosen.length === 0)) return;
    dialog.current?.showModal();
  };

  const confirm = () => {
    dialog.current?.close();
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
      return m('withdraw.doneSome', { scopes: list(result.withdrawn.map(titleOf)) });
    });
  };

  return (
    <section class="panel panel-danger" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">{m('withdraw.heading')}</h2>
      <p>{m('withdraw.intro')}</p>
      <fieldset class="choice-group" aria-describedby={describedBy(problem && 'withdraw-error')}>
        <legend>{m('withdraw.legend')}</legend>
        {(['some', 'all'] as const).map((option) => (
          <label key={option} class="radio">
            <input type="radio" name="withdraw-what" value={option} checked={what === option} onChange={() => setWhat(option)} />
            {m(option === 'some' ? 'withdraw.some' : 'withdraw.all')}
          </label>
        ))}
      </fieldset>
      {what === 'some' && (
        <fieldset class="choice-group nested">
          <legend>{m('withdraw.scopesLegend')}</legend>
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
        {m('withdraw.button')}
      </button>
      <p role="status">{action.done ?? ''}</p>
      {action.error !== null && <ErrorNotice error={action.error} onRetry={action.retry} />}

      <dialog ref={dialog} class="confirm-dialog" aria-labelledby="withdraw-confirm-title" aria-describedby="withdraw-confirm-body">
        <h2 id="withdraw-confirm-title">{m(everything ? 'withdraw.confirmTitle.all' : 'withdraw.confirmTitle.some')}</h2>
        <div id="withdraw-confirm-body">
          {what === 'some' && (
            <>
              <p>{m('withdraw.confirmIntro.some')}</p>
              <ul>
                {chosen.map((s) => (
                  <li key={s}>{titleOf(s)}</li>
                ))}
              </ul>
              <p>{becomesAll ? m('withdraw.someBecomesAll') : m('withdraw.someNote')}</p>
            </>
          )}
          {everything && (
            <>
              <p>{m('withdraw.confirmIntro.all')}</p>
              <ul>
                <li>{m('withdraw.deletes.text')}</li>
                <li>{m('withdraw.deletes.versions')}</li>
                <li>{m('withdraw.deletes.index')}</li>
                <li>{m('withdraw.deletes.collections')}</li>
              </ul>
              <p>{m('withdraw.remains')}</p>
            </>
          )}
        </div>
        <div class="step-buttons">
          <button type="button" class="button button-secondary" autoFocus onClick={() => dialog.current?.close()}>
            {m('withdraw.cancel')}
          </button>
          <button type="button" class="button button-danger" onClick={confirm}>
            {m(everything ? 'withdraw.confirm.all' : 'withdraw.confirm.some')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
