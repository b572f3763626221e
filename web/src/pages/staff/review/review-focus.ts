/**
 * Where the keyboard goes after a change on the review page. The control that made the change may
 * be gone (claim and publish buttons leave with the status; the de-identification panel starts over
 * on a new revision): then focus goes to the page's message saying what happened, not to the top.
 */

/** The review page's message for the outcome of a change (role=status, focusable). */
export const REVIEW_MESSAGE_ID = 'review-message';

export const reviewMessage = (): HTMLElement | null => document.getElementById(REVIEW_MESSAGE_ID);

/** After the next render: focus the message if focus was lost (on the body, or on an element removed). */
export function focusMessageIfLost(): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) reviewMessage()?.focus();
  });
}
