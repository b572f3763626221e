/**
 * An inline error for a field or group: the control points at it with aria-describedby, and
 * role=alert makes a screen reader say it as it appears.
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
