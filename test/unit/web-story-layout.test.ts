import { describe, expect, it } from 'vitest';
import { formatTimestamp, groupByFocus, isoDuration, paragraphs } from '../../web/src/lib/story-layout.js';
import { findRoute, matchPath } from '../../web/src/lib/route-match.js';

describe('web story layout', () => {
  it('cuts a written story into paragraphs at blank lines, with offsets into the text', () => {
    const text = '  Første avsnitt.\nSamme avsnitt.\n\n\nAndre avsnitt.  \n \nTredje.';
    const blocks = paragraphs(text);
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual(['Første avsnitt.\nSamme avsnitt.', 'Andre avsnitt.', 'Tredje.']);
    expect(paragraphs('   \n\n ')).toEqual([]);
  });

  it('groups the blocks the focused passage touches, and only those', () => {
    const blocks = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
      { start: 22, end: 30 },
      { start: 32, end: 40 },
    ];
    expect(groupByFocus(blocks, [15, 25]).map((g) => [g.focused, g.blocks.length])).toEqual([[false, 1], [true, 2], [false, 1]]);
    expect(groupByFocus(blocks, null).map((g) => [g.focused, g.blocks.length])).toEqual([[false, 4]]);
    expect(groupByFocus(blocks, [10, 12]).every((g) => !g.focused)).toBe(true);
  });

  it('writes transcript times as mm:ss, h:mm:ss past an hour, and as ISO durations', () => {
    expect(formatTimestamp(0)).toBe('00:00');
    expect(formatTimestamp(65.9)).toBe('01:05');
    expect(formatTimestamp(3599)).toBe('59:59');
    expect(formatTimestamp(3725)).toBe('1:02:05');
    expect(isoDuration(65.9)).toBe('PT1M5S');
  });
});

describe('web route matching', () => {
  const routes = [{ path: '/' }, { path: '/stories/:id' }, { path: '/staff/moderation' }, { path: '/staff/moderation/:id' }];

  it('matches exact paths and :params (decoded), ignoring a trailing slash', () => {
    expect(matchPath('/stories/:id', '/stories/ab%20c')).toEqual({ id: 'ab c' });
    expect(matchPath('/staff/moderation', '/staff/moderation/')).toEqual({});
    expect(findRoute(routes, '/staff/moderation/42')?.params).toEqual({ id: '42' });
    expect(findRoute(routes, '/')?.route.path).toBe('/');
  });

  it('matches nothing for unknown paths, empty or malformed parameters (the 404 page)', () => {
    expect(findRoute(routes, '/nope')).toBeNull();
    expect(findRoute(routes, '/stories/')).toBeNull();
    expect(findRoute(routes, '/stories/a/b')).toBeNull();
    expect(matchPath('/stories/:id', '/stories/%E0%A4%A')).toBeNull();
  });
});
