import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../messages.js';

/**
 * Step 5: the receipt code, shown this once (it lives only in this component's memory; a reload
 * loses it, as the server cannot show it again), with copy, download and the way to the status page.
 */
export function ReceiptStep({ code, statusUrl }: { readonly code: string; readonly statusUrl: string }) {
  const { m } = useMessages();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };

  const download = () => {
    const url = new URL(statusUrl, window.location.origin).href;
    const blob = new Blob([m('receipt.fileText', { code, url })], { type: 'text/plain;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = m('receipt.fileName');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  return (
    <section class="step receipt" aria-labelledby="step-receipt-heading">
      <h2 id="step-receipt-heading" ref={heading} tabIndex={-1}>
        {m('receipt.title')}
      </h2>
      <div class="notice notice-important">
        <p class="receipt-save">
          <strong>{m('receipt.save')}</strong>
        </p>
        <p>{m('receipt.why')}</p>
      </div>
      <p class="receipt-label" id="receipt-code-label">
        {m('receipt.codeLabel')}
      </p>
      <p class="receipt-code" data-testid="receipt-code">
        {code}
      </p>
      <div class="step-buttons">
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          {m('receipt.copy')}
        </button>
        <button type="button" class="button button-secondary" onClick={download}>
          {m('receipt.download')}
        </button>
      </div>
      <p role="status" class="copy-status">
        {copied === 'ok' ? m('receipt.copied') : copied === 'failed' ? m('receipt.copyFailed') : ''}
      </p>
      <p>{m('receipt.next')}</p>
      <p>
        <a href={statusUrl}>{m('receipt.statusLink')}</a>
      </p>
    </section>
  );
}

