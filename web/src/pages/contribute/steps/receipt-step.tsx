import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../messages.js';

interface Props {
  readonly code: string;
  readonly statusUrl: string;
  /** The contributor has saved the code: /contribute may start afresh. */
  readonly onDismiss: () => void;
}

/**
 * Step 5: the receipt code, which the server cannot show again. It is kept in this tab
 * (receipt-store.ts) and shown here until dismissed, with copy, download and the way to the
 * status page; leaving the page before copying or downloading it asks first.
 */
export function ReceiptStep({ code, statusUrl, onDismiss }: Props) {
  const { t } = useMessages();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    if (saved) return;
    // Browsers show their own wording; preventDefault is what asks.
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // Chromium before 119 asks only when this is set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saved]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('ok');
      setSaved(true);
    } catch {
      setCopied('failed');
    }
  };

  const download = () => {
    const url = new URL(statusUrl, window.location.origin).href;
    const blob = new Blob([t('receipt.fileText', { code, url })], { type: 'text/plain;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = t('receipt.fileName');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setSaved(true);
  };

  return (
    <section class="step receipt" aria-labelledby="step-receipt-heading">
      <h2 id="step-receipt-heading" ref={heading} tabIndex={-1}>
        {t('receipt.title')}
      </h2>
      <div class="notice notice-important">
        <p class="receipt-save">
          <strong>{t('receipt.save')}</strong>
        </p>
        <p>{t('receipt.why')}</p>
      </div>
      <p class="receipt-label" id="receipt-code-label">
        {t('receipt.codeLabel')}
      </p>
      <p class="receipt-code" data-testid="receipt-code">
        {code}
      </p>
      <div class="step-buttons">
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          {t('receipt.copy')}
        </button>
        <button type="button" class="button button-secondary" onClick={download}>
          {t('receipt.download')}
        </button>
      </div>
      <p role="status" class="copy-status">
        {copied === 'ok' ? t('receipt.copied') : copied === 'failed' ? t('receipt.copyFailed') : ''}
      </p>
      <p>{t('receipt.next')}</p>
      <p>
        <a href={statusUrl}>{t('receipt.statusLink')}</a>
      </p>
      <p class="hint" id="receipt-done-hint">
        {t('receipt.kept')}
      </p>
      <button type="button" class="button button-secondary" aria-describedby="receipt-done-hint" onClick={onDismiss}>
        {t('receipt.done')}
      </button>
    </section>
  );
}

