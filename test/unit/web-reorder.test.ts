import { describe, expect, it } from 'vitest';
import { moveBy } from '../../web/src/pages/staff/collections/reorder.js';

describe('web collection reorder', () => {
  const ids = ['a', 'b', 'c', 'd'] as const;

  it('moves one item up or down by one place and keeps the others in order', () => {
    expect(moveBy(ids, 1, -1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveBy(ids, 1, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveBy(ids, 3, -1)).toEqual(['a', 'b', 'd', 'c']);
    expect(moveBy(ids, 0, 1)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('sends nothing for a move that would leave the list, or for an index not in it', () => {
    expect(moveBy(ids, 0, -1)).toBeNull();
    expect(moveBy(ids, 3, 1)).toBeNull();
    expect(moveBy(ids, -1, 1)).toBeNull();
    expect(moveBy(ids, 4, -1)).toBeNull();
    expect(moveBy([], 0, 1)).toBeNull();
    expect(moveBy(['only'], 0, 1)).toBeNull();
  });

  it('returns a new list, leaving the one shown untouched', () => {
    const shown = ['a', 'b', 'c'];
    const next = moveBy(shown, 2, -1);
    expect(next).toEqual(['a', 'c', 'b']);
    expect(shown).toEqual(['a', 'b', 'c']);
    expect(next).not.toBe(shown);
  });

  it('moves an id back where it was when moved the other way', () => {
    for (let index = 0; index < ids.length - 1; index++) {
      const down = moveBy(ids, index, 1)!;
      expect(moveBy(down, index + 1, -1)).toEqual([...ids]);
    }
  });
});
