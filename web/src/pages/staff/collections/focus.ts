/**
 * Focus an element by id after the DOM has settled (a re-ordered or removed list item); the first
 * of `ids` that is on the page then, for a place that may take one of several forms.
 */
export function focusById(...ids: readonly string[]): void {
  requestAnimationFrame(() => {
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element) return element.focus();
    }
  });
}
