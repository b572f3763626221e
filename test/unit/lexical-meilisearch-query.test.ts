import { describe, expect, it } from 'vitest';
import { passageFilter } from '../../services/lexical/meilisearch.js';
import { EXPANSION_WEIGHT, MAX_EXPANSION_QUERIES, MAX_WORD_QUERIES, searchPlan } from '../../services/lexical/meilisearch-plan.js';
import type { PassageFilter } from '../../services/search/passage-filter.js';

const base: PassageFilter = { audiences: ['public'], themes: [], excludeWarnings: [] };

describe('passageFilter', () => {
  it('is published only and the audience, at the least', () => {
    expect(passageFilter(base)).toBe('status = "published" AND audience IN ["public"]');
  });

  it('renders every field, each theme required', () => {
    const filter: PassageFilter = {
      audiences: ['public', 'clinicians'],
      themes: ['tvang', 'rusfrihet', 'tvang'],
      language: 'nb',
      kind: 'interview',
      excludeWarnings: ['selvskading', 'vold'],
      excludeStoryId: '7f0c1c9e-0000-4000-8000-000000000001',
    };
    expect(passageFilter(filter)).toBe(
      'status = "published" AND audience IN ["public", "clinicians"] AND themes = "tvang" AND themes = "rusfrihet" AND language = "nb"' +
        ' AND kind = "interview" AND NOT contentWarnings IN ["selvskading", "vold"] AND storyId != "7f0c1c9e-0000-4000-8000-000000000001"',
    );
  });

  it('quotes every value, so a value cannot close its string and add a clause', () => {
    const rendered = passageFilter({ ...base, excludeWarnings: ['x"] OR audience IN ["clinicians'], language: 'nb\\" OR status = "submitted' });
    expect(rendered).toContain('NOT contentWarnings IN ["x\\"] OR audience IN [\\"clinicians"]');
    expect(rendered).toContain('language = "nb\\\\\\" OR status = \\"submitted"');
  });

  it('refuses a filter without an audience (it would match nobody, or be a mistake)', () => {
    expect(() => passageFilter({ ...base, audiences: [] })).toThrow(/audience/);
  });
});

describe('searchPlan', () => {
  it('asks nothing for stop words or punctuation alone', () => {
    expect(searchPlan({ text: 'og i på the', expansions: [] })).toEqual([]);
    expect(searchPlan({ text: '?! "" -', expansions: [] })).toEqual([]);
  });

  it('sends one word as one query, plain words only', () => {
    expect(searchPlan({ text: '"-Tvangsinnleggelse"', expansions: [] })).toEqual([{ q: 'tvangsinnleggelse', matchingStrategy: 'frequency', weight: 1 }]);
    const [own] = searchPlan({ text: `"lagt i belter" -akutt audience = "x" OR 1=1; --`, expansions: [] });
    expect(own!.q).toBe('lagt i belter akutt audience x or 1');
    expect(own!.q).toMatch(/^[\p{L}\p{N} ]+$/u);
  });

  it('adds each content word alone, weighted by its share of the content words', () => {
    expect(searchPlan({ text: 'slutte med heroin', expansions: [] })).toEqual([
      { q: 'slutte med heroin', matchingStrategy: 'frequency', weight: 1 },
      { q: 'slutte', matchingStrategy: 'all', weight: 0.5 },
      { q: 'heroin', matchingStrategy: 'all', weight: 0.5 },
    ]);
    const long = searchPlan({ text: 'en to tre fire fem seks sju åtte ni ti', expansions: [] });
    expect(long.filter((q) => q.matchingStrategy === 'all')).toHaveLength(MAX_WORD_QUERIES);
  });

  it('adds expansions not already asked, lower weighted, whole, up to a limit', () => {
    const plan = searchPlan({ text: 'belter', expansions: ['Belter', 'lagt i belter', '"tvang"', ...Array.from({ length: 20 }, (_, i) => `ord ${i}`)] });
    expect(plan[0]).toEqual({ q: 'belter', matchingStrategy: 'frequency', weight: 1 });
    expect(plan.slice(1, 3)).toEqual([
      { q: 'lagt i belter', matchingStrategy: 'all', weight: EXPANSION_WEIGHT },
      { q: 'tvang', matchingStrategy: 'all', weight: EXPANSION_WEIGHT },
    ]);
    expect(plan).toHaveLength(1 + MAX_EXPANSION_QUERIES);
    expect(EXPANSION_WEIGHT).toBeLessThan(1);
  });

  it('searches expansions alone when the text has no content word', () => {
    expect(searchPlan({ text: 'og i', expansions: ['forced admission'] })).toEqual([{ q: 'forced admission', matchingStrategy: 'all', weight: EXPANSION_WEIGHT }]);
  });
});
