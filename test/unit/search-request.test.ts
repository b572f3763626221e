import { describe, expect, it } from 'vitest';
import { CursorError, decodeCursor, encodeCursor } from '../../services/search/cursor.js';
import { escapeHtml, highlightHtml, normaliseRanges } from '../../services/search/highlight-html.js';
import { createLruCache } from '../../services/search/lru-cache.js';
import { searchQuerySchema } from '../../services/search/search.schema.js';

const parse = (input: Record<string, unknown>) => searchQuerySchema.safeParse(input);
const message = (input: Record<string, unknown>) => {
  const result = parse(input);
  return result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('search query parameters', () => {
  it('applies defaults and accepts a single or repeated theme', () => {
    expect(parse({ q: ' tvang  i psykiatrien ' }).data).toMatchObject({ q: 'tvang i psykiatrien', theme: [], limit: 10, mode: 'hybrid', excludeWarnings: [] });
    expect(parse({ theme: 'tvang' }).data?.theme).toEqual(['tvang']);
    expect(parse({ theme: ['tvang', 'rusfrihet'], limit: '50' }).data).toMatchObject({ theme: ['tvang', 'rusfrihet'], limit: 50 });
  });

  it('refuses what cannot be searched, naming the parameter', () => {
    expect(message({})).toMatch(/^q: is empty/);
    expect(message({ q: '   ' })).toMatch(/^q: is empty/);
    expect(message({ q: 'x', limit: '0' })).toMatch(/^limit: must be at least 1/);
    expect(message({ q: 'x', limit: '51' })).toMatch(/^limit: must be at most 50/);
    expect(message({ q: 'x', limit: 'ten' })).toMatch(/^limit: must be a whole number/);
    expect(message({ q: 'x'.repeat(10_000) })).toMatch(/^q: must be at most 500 characters/);
    expect(message({ q: 'tvang\u0000' })).toMatch(/^q: must not contain control characters/);
    expect(message({ q: 'x', theme: 'Tvang OR 1=1' })).toMatch(/^theme\.0: must be a theme slug/);
    expect(message({ q: 'x', mode: 'semantic' })).toMatch(/^mode:/);
    expect(message({ q: 'x', kind: 'video' })).toMatch(/^kind:/);
    expect(message({ q: 'x', lang: 'norsk' })).toMatch(/^lang:/);
    expect(message({ q: 'x', sort: 'date' })).toMatch(/sort/);
    expect(message({ q: ['a', 'b'] })).toMatch(/^q:/);
  });

  it('keeps SQL and filter syntax as plain text to search for', () => {
    expect(parse({ q: "'; DROP TABLE chunks; --" }).data?.q).toBe("'; DROP TABLE chunks; --");
    expect(parse({ q: 'audience = clinicians OR 1=1' }).success).toBe(true);
  });
});

describe('cursor', () => {
  const query = searchQuerySchema.parse({ q: 'tvang', limit: 5 });

  it('round-trips an offset for the same query, whatever the page size', () => {
    const cursor = encodeCursor(query, 5);
    expect(decodeCursor({ ...query, cursor })).toBe(5);
    expect(decodeCursor({ ...query, limit: 20, cursor })).toBe(5);
    expect(decodeCursor(query)).toBe(0);
  });

  it('refuses a cursor of another query, and anything that is not a cursor', () => {
    const cursor = encodeCursor(query, 5);
    expect(() => decodeCursor({ ...query, q: 'rus', cursor })).toThrow(/different query/);
    expect(() => decodeCursor({ ...query, mode: 'vector', cursor })).toThrow(CursorError);
    for (const bad of ['garbage!', 'e30', Buffer.from('{"v":1,"o":-1,"f":"xxxxxxxxxxxxxxxx"}').toString('base64url'), '']) {
      expect(() => decodeCursor({ ...query, cursor: bad }), bad).toThrow(CursorError);
    }
  });
});

describe('highlightHtml', () => {
  it('escapes all story text and marks the ranges', () => {
    expect(highlightHtml('a <b> & "c"', [[3, 4]])).toBe('a &lt;<mark>b</mark>&gt; &amp; &quot;c&quot;');
    expect(highlightHtml('<script>alert(1)</script>', [])).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('merges overlapping ranges and ignores ranges outside the text', () => {
    expect(normaliseRanges([[5, 9], [0, 2], [1, 3], [20, 30], [4, 4]], 10)).toEqual([[0, 3], [5, 9]]);
    expect(highlightHtml('tvang og tvang', [[9, 14], [0, 5]])).toBe('<mark>tvang</mark> og <mark>tvang</mark>');
    expect(escapeHtml("it's")).toBe('it&#39;s');
  });
});

describe('LRU cache (query embeddings, theme lists)', () => {
  it('embeds a query once, evicts the least recently used, and forgets failures', async () => {
    const cache = createLruCache<Float32Array>({ capacity: 2 });
    const calls: string[] = [];
    const embed = async (q: string) => {
      calls.push(q);
      if (q === 'fail') throw new Error('no');
      return Float32Array.of(q.length);
    };
    await cache.get('a', embed);
    await cache.get('a', embed);
    await cache.get('b', embed);
    await cache.get('a', embed); // a is now the most recent
    await cache.get('c', embed); // evicts b
    await cache.get('b', embed);
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    await expect(cache.get('fail', embed)).rejects.toThrow('no');
    await expect(cache.get('fail', embed)).rejects.toThrow('no');
    expect(calls.filter((q) => q === 'fail')).toHaveLength(2);
    expect(cache.size).toBeLessThanOrEqual(2);
  });

  it('computes again once an entry has expired', async () => {
    let clock = 0;
    const cache = createLruCache<number>({ capacity: 10, ttlMs: 100, now: () => clock });
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('k', compute)).toBe(1);
    clock = 99;
    expect(await cache.get('k', compute)).toBe(1);
    clock = 100;
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('embeds every time when its capacity is 0', async () => {
    const cache = createLruCache<Float32Array>({ capacity: 0 });
    let calls = 0;
    const embed = async () => Float32Array.of(calls++);
    await cache.get('a', embed);
    await cache.get('a', embed);
    expect(calls).toBe(2);
  });
});
