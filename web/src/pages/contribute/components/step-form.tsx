import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useMessages } from '../messages.js';

interface Props {
  readonly id: string;
  readonly heading: string;
  /** Move focus to the heading when shown: true whenever the step changed (not on the page's first load). */
  readonly focusHeading: boolean;
  readonly onNext: () => void;
  readonly onBack?: () => void;
  readonly nextLabel?: string;
  readonly busy?: boolean;
  readonly children: ComponentChildren;
}

/** One step of the flow: a form whose heading takes focus when the step appears, with Back and Next. */
export function StepForm({ id, heading, focusHeading, onNext, onBack, nextLabel, busy, children }: Props) {
  const { t } = useMessages();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
    // Only when the step first appears.
  }, []);
  return (
    <form
      class="step"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onNext();
      }}
    >
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      {children}
      <div class="step-buttons">
        {onBack && (
          <button type="button" class="button button-secondary" onClick={onBack} disabled={busy}>
            {t('nav.back')}
          </button>
        )}
        <button type="submit" class="button button-primary" aria-disabled={busy ? true : undefined}>
          {nextLabel ?? t('nav.next')}
        </button>
      </div>
    </form>
  );
}
