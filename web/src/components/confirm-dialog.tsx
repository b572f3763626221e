import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';

/**
 * The one way the UI asks "are you sure?": a modal `<dialog>` (showModal, so the page behind is
 * inert and Escape cancels). Cancel gets focus first, so Enter never confirms by accident.
 *
 * Use: render it only while asking, and stop rendering it on either answer:
 *
 *   {confirming && (
 *     <ConfirmDialog title={m('x.confirm')} confirmLabel={m('x.yes')} danger
 *       onConfirm={() => { setConfirming(false); void run(); }} onCancel={() => setConfirming(false)}>
 *       <p>{m('x.consequences')}</p>
 *     </ConfirmDialog>
 *   )}
 *
 * When it closes, focus goes to `returnFocus()` if given and it answers an element still on the
 * page (e.g. a status message when the trigger disappears after the action), else back to the
 * element that had focus when it opened (the trigger), else nowhere in particular.
 */

export interface ConfirmDialogProps {
  /** The question, shown as the dialog's heading and its accessible name. */
  readonly title: string;
  /** What confirming does, in detail; the dialog's accessible description. */
  readonly children?: ComponentChildren;
  readonly confirmLabel: string;
  /** Defaults to the catalogue's «Avbryt» / "Cancel". */
  readonly cancelLabel?: string;
  /** Styles the confirm button as destructive (withdraw, delete, unpublish …). */
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  /** Cancel button, Escape, or the dialog closed any other way. */
  readonly onCancel: () => void;
  readonly returnFocus?: () => HTMLElement | null | undefined;
}

let nextId = 0;

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, onConfirm, onCancel, returnFocus }: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const ids = useRef<string>('');
  if (ids.current === '') ids.current = `confirm-${++nextId}`;
  // Read at close time: the caller may point at an element that appears only after confirming.
  const returnTo = useRef(returnFocus);
  returnTo.current = returnFocus;
  const onCancelRef = useRef(onCancel);
  onCancelRef.current = onCancel;

  useLayoutEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    return () => {
      if (element?.open) element.close();
      const wanted = returnTo.current?.();
      const target = wanted?.isConnected ? wanted : opener?.isConnected ? opener : null;
      target?.focus();
    };
  }, []);

  // The browser may close it without a cancel event we can stop (Chrome does on a second Escape
  // with no click between): that is a cancel too, or the owner would think it still open.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onClose = () => onCancelRef.current();
    element.addEventListener('close', onClose);
    return () => element.removeEventListener('close', onClose);
  }, []);

  const titleId = `${ids.current}-title`;
  const bodyId = `${ids.current}-body`;
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(e) => {
        e.preventDefault(); // the owner closes it by no longer rendering it
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children && <div id={bodyId}>{children}</div>}
      <div class="button-row">
        <button ref={cancel} type="button" class="button" onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
        <button type="button" class={danger ? 'button button-danger' : 'button button-primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
