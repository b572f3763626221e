/** Reordering a collection's items, pure: the page sends the result to PUT /api/collections/{id}/order. */

/**
 * `ids` with the one at `index` moved by `delta` places (−1 up, +1 down); null when it would leave
 * the list (the first item cannot move up), so the caller sends nothing.
 */
export function moveBy<T>(ids: readonly T[], index: number, delta: -1 | 1): T[] | null {
  const target = index + delta;
  if (index < 0 || index >= ids.length || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved as T);
  return next;
}
