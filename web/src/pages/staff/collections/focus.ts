/**
 * A callback ref that moves keyboard focus to the element when it first appears: the button of an
 * in-place confirmation, which the user has to answer next. Stable (module level), so Preact calls
 * it once per mount; the data flag guards against a second call on the same element.
 */
export function focusOnMount(element: HTMLElement | null): void {
  if (element && !element.dataset.focused) {
    element.dataset.focused = 'true';
    element.focus();
  }
}

/** Focus an element by id after the DOM has settled (a re-ordered or removed list item). */
export function focusById(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
