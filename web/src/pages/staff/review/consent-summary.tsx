import { isScope } from '../../../api/types.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { ReviewedStory, ReviewConsent } from '../staff-api.js';
import { useStaffText, type StaffText } from '../messages.js';

/** A consent scope (or audience) in words; an unknown one as it came. */
export const scopeLabel = (scope: string, s: StaffText['t']): string => (isScope(scope) ? s(`audience.${scope}`) : scope);

/** Who may read the story and how its teller is named: the first thing an editor needs to know. */
export function ConsentSummary({ story, consent }: { readonly story: ReviewedStory; readonly consent: ReviewConsent | null }) {
  const { t: s } = useStaffText();
  const { date } = useI18n();
  const scopeName = (scope: string) => scopeLabel(scope, s);
  return (
    <section class="review-section" aria-labelledby="consent-title">
      <h2 id="consent-title">{s('consent.title')}</h2>
      {consent === null ? (
        <p>{s('consent.import')}</p>
      ) : (
        <dl class="summary-list">
          <dt>{s('consent.audience')}</dt>
          <dd>{consent.audience.length === 0 ? s('consent.audienceNone') : consent.audience.map(scopeName).join(', ')}</dd>
          <dt>{s('consent.quote')}</dt>
          <dd>{consent.quote ? s('consent.quote.yes') : s('consent.quote.no')}</dd>
          {consent.withdrawnScopes.length > 0 && (
            <>
              <dt>{s('consent.withdrawn')}</dt>
              <dd>{consent.withdrawnScopes.map(scopeName).join(', ')}</dd>
            </>
          )}
          <dt>{s('consent.display')}</dt>
          <dd>
            {consent.displayMode === 'anonymous' || story.displayName === null
              ? s('consent.display.anonymous')
              : s(consent.displayMode === 'name' ? 'consent.display.name' : 'consent.display.pseudonym', { name: story.displayName })}
          </dd>
          <dt>{s('consent.text')}</dt>
          <dd>{s('consent.textVersion', { version: consent.consentTextVersion, date: date(consent.givenAt) })}</dd>
        </dl>
      )}
    </section>
  );
}
