/**
 * An inline error for a field or group, shared by every form. Use:
 *
 *   <input id="title" aria-invalid={error ? true : undefined} aria-describedby={describedBy('title-hint', error && 'title-error')} />
 *   <FieldError id="title-error" message={error} />
 *
 * The control points at it with aria-describedby, and role=alert makes a screen reader say it as
 * it appears. Renders nothing when `message` is null or empty.
 */
export function FieldError({ id, message }: { readonly id: string; readonly message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error" role="alert">
      {message}
    </p>
  );
}

/** The ids for aria-describedby, leaving out the ones not shown. */
export const describedBy = (...ids: readonly (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
