import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CORPUS_DIR } from '../../indexer/ingest/demo-corpus.js';
import { detectLanguage } from '../../indexer/ingest/detect-language.js';
import { readSources } from '../../indexer/ingest/sources.js';
import { validateRecord } from '../../indexer/ingest/validate-record.js';
import { EvalSetError, groupsOf, languageFamily, parseEvalSet, wordCount, type EvalQuery } from '../../services/search/evaluation/eval-set.js';

const SET_FILE = new URL('../../bench/eval/demo-queries.jsonl', import.meta.url);

interface DemoStory {
  readonly language: string;
  readonly withdrawn: boolean;
  /** Title and text (every segment of a transcript), for the copied-phrase check. */
  readonly words: string;
}

/** The demo corpus as the importer reads it: externalId → language, withdrawn, text. */
async function readDemoCorpus(): Promise<Map<string, DemoStory>> {
  const stories = new Map<string, DemoStory>();
  for await (const item of readSources([DEMO_CORPUS_DIR])) {
    if (item.kind !== 'record') throw new Error(`the demo corpus has an unreadable file: ${item.at.file}: ${item.message}`);
    const result = validateRecord(item.record);
    if (!result.ok) throw new Error(`the demo corpus has an invalid story: ${item.at.file}: ${result.reason}`);
    const record = result.record;
    const text = record.text ?? (record.segments ?? []).map((s) => s.text).join('\n');
    stories.set(String(record.externalId), {
      language: record.language,
      withdrawn: record.consent.withdrawnAt !== undefined,
      words: `${record.title}\n${text}`,
    });
  }
  return stories;
}

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function runsOf(text: string, n: number): Set<string> {
  const t = tokens(text);
  const runs = new Set<string>();
  for (let i = 0; i + n <= t.length; i++) runs.add(t.slice(i, i + n).join(' '));
  return runs;
}

describe('the shipped demo query set', () => {
  let queries: EvalQuery[];
  let corpus: Map<string, DemoStory>;
  const languageOf = (id: string) => corpus.get(id)?.language;

  beforeAll(async () => {
    queries = parseEvalSet(readFileSync(SET_FILE, 'utf8'));
    corpus = await readDemoCorpus();
  });

  it('reads the demo corpus it is labelled against (47 published stories and one withdrawn)', () => {
    expect([...corpus.values()].filter((s) => !s.withdrawn)).toHaveLength(47);
    expect([...corpus.values()].filter((s) => s.withdrawn)).toHaveLength(1);
  });

  it('has at least 40 queries, at least 15 of them one or two words long', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(queries.filter((q) => wordCount(q.query) <= 2).length).toBeGreaterThanOrEqual(15);
  });

  it('has Norwegian and English queries, and at least 10 English ones whose relevant stories are all Norwegian', () => {
    expect(queries.some((q) => q.lang === 'nb')).toBe(true);
    expect(queries.some((q) => q.lang === 'en')).toBe(true);
    const englishForNorwegian = queries.filter((q) => q.lang === 'en' && q.relevant.every((id) => languageFamily(languageOf(id) ?? '') === 'norwegian'));
    expect(englishForNorwegian.length).toBeGreaterThanOrEqual(10);
    // The same queries are the English part of the cross-lingual row.
    expect(queries.filter((q) => q.lang === 'en' && groupsOf(q, languageOf).includes('cross-lingual'))).toEqual(englishForNorwegian);
  });

  it('names only published demo stories as relevant', () => {
    const problems = queries.flatMap((q) =>
      q.relevant.flatMap((id) => {
        const story = corpus.get(id);
        if (!story) return [`line ${q.line}: ${id} is not in the demo corpus`];
        return story.withdrawn ? [`line ${q.line}: ${id} is withdrawn`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('copies no run of four words from any of its relevant stories', () => {
    const copied = queries.flatMap((q) => {
      const runs = runsOf(q.query, 4);
      return q.relevant.flatMap((id) => {
        const story = runsOf(corpus.get(id)?.words ?? '', 4);
        return [...runs].filter((run) => story.has(run)).map((run) => `line ${q.line}: "${run}" is in ${id}`);
      });
    });
    expect(copied).toEqual([]);
  });

  it('gives each query a language that agrees with detection wherever detection is sure', () => {
    expect(queries.every((q) => q.langSource === 'given')).toBe(true);
    const disagreeing = queries.flatMap((q) => {
      const detected = detectLanguage(q.query);
      return detected && languageFamily(detected) !== languageFamily(q.lang) ? [`line ${q.line}: ${q.lang}, detected ${detected}`] : [];
    });
    expect(disagreeing).toEqual([]);
  });

  it('asks each query once', () => {
    const texts = queries.map((q) => q.query.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('parseEvalSet', () => {
  const line = (value: unknown) => JSON.stringify(value);
  const errorOf = (text: string): EvalSetError => {
    try {
      parseEvalSet(text);
    } catch (error) {
      if (error instanceof EvalSetError) return error;
      throw error;
    }
    throw new Error('expected an EvalSetError');
  };

  it('reads each line with its line number, skipping blank lines', () => {
    const text = [line({ query: 'belter', relevant: ['a'], lang: 'nb' }), '', line({ query: ' forced admission ', relevant: ['b', 'c'], lang: 'en', note: 'n' })].join('\n');
    expect(parseEvalSet(text)).toEqual([
      { line: 1, query: 'belter', relevant: ['a'], lang: 'nb', langSource: 'given' },
      { line: 3, query: 'forced admission', relevant: ['b', 'c'], lang: 'en', langSource: 'given', note: 'n' },
    ]);
  });

  it('detects the language of a query without lang, and refuses one it cannot detect', () => {
    expect(parseEvalSet(line({ query: 'hvordan er det å bli lagt i belter når man ikke vet hvorfor', relevant: ['a'] }))[0]).toMatchObject({
      lang: 'nb',
      langSource: 'detected',
    });
    const error = errorOf(`${line({ query: 'x', relevant: ['a'], lang: 'en' })}\n${line({ query: 'belter', relevant: ['a'] })}`);
    expect(error).toMatchObject({ line: 2, field: 'lang' });
    expect(error.message).toMatch(/^line 2: lang: is missing .*give lang \(nb, nn, en\)$/);
  });

  it.each([
    [line({ relevant: ['a'], lang: 'nb' }), 'query', /is required/],
    [line({ query: '   ', relevant: ['a'], lang: 'nb' }), 'query', /must not be empty/],
    [line({ query: 'x'.repeat(501), relevant: ['a'], lang: 'nb' }), 'query', /at most 500/],
    [line({ query: 'a\u0007b', relevant: ['a'], lang: 'nb' }), 'query', /control characters/],
    [line({ query: 'belter', relevant: [], lang: 'nb' }), 'relevant', /at least one externalId/],
    [line({ query: 'belter', relevant: 'demo-a-tvang-02', lang: 'nb' }), 'relevant', /array of externalIds/],
    [line({ query: 'belter', relevant: ['a', 'a'], lang: 'nb' }), 'relevant', /twice/],
    [line({ query: 'belter', relevant: ['a', 3], lang: 'nb' }), 'relevant.1', /as strings/],
    [line({ query: 'belter', relevant: ['a'], lang: 'sv' }), 'lang', /one of nb, nn, en/],
    [line({ query: 'belter', relevant: ['a'], lang: 'nb', relevance: 1 }), 'relevance', /unknown field \(allowed: query, relevant, lang, note\)/],
  ])('names the field of a bad line: %s', (text, field, message) => {
    const error = errorOf(`${line({ query: 'ok', relevant: ['a'], lang: 'nb' })}\n\n${text}`);
    expect(error.line).toBe(3);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(new RegExp(`^line 3: ${field.replace('.', '\\.')}: `));
    expect(error.message).toMatch(message);
  });

  it('says a line is not JSON, or not an object, without quoting it', () => {
    const notJson = errorOf('{"query": "pasientens navn er Kari", relevant}');
    expect(notJson.message).toMatch(/^line 1: not valid JSON/);
    expect(notJson.message).not.toContain('Kari');
    expect(errorOf('["belter"]').message).toMatch(/^line 1: holds an array; each line must be one JSON object/);
  });

  it('refuses a file without queries', () => {
    expect(errorOf('\n  \n').message).toBe('the file holds no queries (one JSON object per line)');
  });
});

describe('grouping', () => {
  const query = (text: string, lang: EvalQuery['lang'], relevant: string[]): EvalQuery => ({ line: 1, query: text, relevant, lang, langSource: 'given' });
  const languages: Record<string, string> = { nb1: 'nb', nn1: 'nn', en1: 'en' };
  const languageOf = (id: string) => languages[id];

  it('counts words as typed, a hyphenated word as one', () => {
    expect(wordCount('tvangsinnleggelse')).toBe(1);
    expect(wordCount('  self-harm ')).toBe(1);
    expect(wordCount('forced admission')).toBe(2);
    expect(wordCount('bli holdt fast')).toBe(3);
    expect(wordCount('NA – AA')).toBe(2);
  });

  it('puts every query in all, and in nb or en by its language (Nynorsk in nb)', () => {
    expect(groupsOf(query('hvordan er det å bli holdt fast', 'nb', ['nb1']), languageOf)).toEqual(['all', 'nb']);
    expect(groupsOf(query('korleis er det å bli halden fast', 'nn', ['nb1']), languageOf)).toEqual(['all', 'nb']);
    expect(groupsOf(query('belter', 'nb', ['nb1']), languageOf)).toEqual(['all', 'short', 'nb']);
  });

  it('is cross-lingual only when every relevant story is in the other language family', () => {
    expect(groupsOf(query('forced admission', 'en', ['nb1', 'nn1']), languageOf)).toEqual(['all', 'short', 'cross-lingual', 'en']);
    expect(groupsOf(query('forced admission', 'en', ['nb1', 'en1']), languageOf)).toEqual(['all', 'short', 'en']);
    expect(groupsOf(query('tvangsmedisinering', 'nb', ['en1']), languageOf)).toEqual(['all', 'short', 'cross-lingual', 'nb']);
    // Bokmål for a Nynorsk story is the same family.
    expect(groupsOf(query('einsemd', 'nb', ['nn1']), languageOf)).toEqual(['all', 'short', 'nb']);
    // A story whose language is unknown does not make a query cross-lingual.
    expect(groupsOf(query('forced admission', 'en', ['nb1', 'missing']), languageOf)).toEqual(['all', 'short', 'en']);
  });
});
