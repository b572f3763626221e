import { describe, expect, it } from 'vitest';
import {
  EMPTY_SEARCH,
  isSearchable,
  parseSearchParams,
  searchKey,
  searchUrl,
  toApiQuery,
  toggle,
  toSearchParams,
  type SearchState,
} from '../../web/src/lib/search-state.js';
import { searchQuerySchema } from '../../services/search/search.schema.js';
import { random as seeded } from '../support/seeded-random.js';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('web search state ⇄ URL', () => {
  it('reads every part, repeated themes and warnings in order', () => {
    expect(parse('q=tvang+og+h%C3%A5p&theme=tvang&theme=rusfrihet&lang=nb&kind=interview&hide=selvmord&hide=vold')).toEqual({
      q: 'tvang og håp',
      themes: ['tvang', 'rusfrihet'],
      lang: 'nb',
      kind: 'interview',
      hide: ['selvmord', 'vold'],
    });
  });

  it('drops what the API would refuse, so a mistyped link still searches', () => {
    expect(parse('theme=Not+A+Slug&theme=tvang&theme=tvang&lang=norsk&kind=video&hide=')).toEqual({ ...EMPTY_SEARCH, themes: ['tvang'] });
  });

  it('writes the canonical URL: fixed order, empty parts left out', () => {
    expect(searchUrl(EMPTY_SEARCH)).toBe('/');
    expect(searchUrl({ q: 'håp', themes: ['tvang'], lang: null, kind: 'written', hide: ['vold'] })).toBe('/?q=h%C3%A5p&theme=tvang&kind=written&hide=vold');
  });

  it('round-trips any state it produces (seeded random states)', () => {
    const { pick, int } = seeded(9);
    for (let i = 0; i < 200; i++) {
      const state: SearchState = {
        q: pick(['', 'tvang', ' to  ord ', 'a&b=c?d#e', 'æøå «sitat»', '+%20']),
        themes: [...new Set([pick(['tvang', 'rusfrihet', 'vendepunkt-og-hap']), pick(['stigma', 'tvang'])])].slice(0, int(0, 2)),
        lang: pick([null, 'nb', 'nn', 'en']),
        kind: pick([null, 'written', 'interview'] as const),
        hide: [...new Set([pick(['selvmord', 'vold', 'dødsfall']), pick(['rusbruk', 'vold'])])].slice(0, int(0, 2)),
      };
      expect(parseSearchParams(toSearchParams(state))).toEqual(state);
      expect(parseSearchParams(new URL(searchUrl(state), 'http://x').searchParams)).toEqual(state);
    }
  });

  it('gives the API a query its own schema accepts, with the text normalised', () => {
    const state: SearchState = { q: '  tvangs  innleggelse ', themes: ['tvang'], lang: 'nb', kind: 'interview', hide: ['vold', 'selvmord'] };
    const query = toApiQuery(state, { limit: 10, cursor: 'abc' });
    expect(query).toEqual({ q: 'tvangs innleggelse', theme: ['tvang'], lang: 'nb', kind: 'interview', excludeWarnings: ['vold', 'selvmord'], limit: 10, cursor: 'abc' });
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    expect(searchQuerySchema.safeParse(defined).success).toBe(true);
    expect(searchQuerySchema.safeParse(Object.fromEntries(Object.entries(toApiQuery({ ...EMPTY_SEARCH, themes: ['tvang'] })).filter(([, v]) => v !== undefined))).success).toBe(true);
  });

  it('searches only with words or a theme, and does not refetch for spaces', () => {
    expect(isSearchable(EMPTY_SEARCH)).toBe(false);
    expect(isSearchable({ ...EMPTY_SEARCH, q: '   ' })).toBe(false);
    expect(isSearchable({ ...EMPTY_SEARCH, lang: 'nb' })).toBe(false);
    expect(isSearchable({ ...EMPTY_SEARCH, themes: ['tvang'] })).toBe(true);
    expect(searchKey({ ...EMPTY_SEARCH, q: 'håp ' })).toBe(searchKey({ ...EMPTY_SEARCH, q: ' håp' }));
    expect(searchKey({ ...EMPTY_SEARCH, q: 'håp' })).not.toBe(searchKey({ ...EMPTY_SEARCH, q: 'håp', kind: 'written' }));
  });

  it('toggles a value in and out', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
