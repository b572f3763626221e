import { STEPS, type Step } from '../draft.js';
import { useMessages, type ContributeKey } from '../messages.js';

/** «Step 2 of 5» and the list of steps, the current one marked for assistive technology too. */
export function StepIndicator({ step }: { readonly step: Step }) {
  const { t } = useMessages();
  const index = STEPS.indexOf(step);
  return (
    <nav class="step-indicator" aria-label={t('steps.label')}>
      <p class="step-position">{t('steps.position', { n: index + 1, total: STEPS.length })}</p>
      <ol>
        {STEPS.map((s, i) => (
          <li key={s} class={i < index ? 'done' : i === index ? 'current' : undefined} aria-current={i === index ? 'step' : undefined}>
            {t(`steps.${s}` as ContributeKey)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
