import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../indexer/ingest/formats/front-matter.js';
import { parseTextStory } from '../../indexer/ingest/formats/text-story.js';

describe('splitFrontMatter', () => {
  it('splits the YAML header from the body and says where the body starts', () => {
    const result = splitFrontMatter('---\ntitle: Da dørene ble låst\nthemes: [tvang, bolig]\nconsent:\n  public: true\n  givenAt: 2025-03-14T10:00:00Z\n---\nFørste avsnitt.\n');
    expect(result).toEqual({
      ok: true,
      data: { title: 'Da dørene ble låst', themes: ['tvang', 'bolig'], consent: { public: true, givenAt: '2025-03-14T10:00:00Z' } },
      body: 'Første avsnitt.\n',
      bodyLine: 8,
    });
  });

  it('reads YAML 1.2: "no" and "yes" stay strings, so only true/false are consent flags', () => {
    const result = splitFrontMatter('---\nconsent:\n  public: yes\n  quote: no\n---\n');
    expect(result).toMatchObject({ ok: true, data: { consent: { public: 'yes', quote: 'no' } } });
  });

  it('treats a file without "---" on its first line as all body', () => {
    expect(splitFrontMatter('Bare tekst.\n---\nikke front matter')).toEqual({ ok: true, data: {}, body: 'Bare tekst.\n---\nikke front matter', bodyLine: 1 });
  });

  it('accepts an empty header and "..." as the closing line', () => {
    expect(splitFrontMatter('---\n---\nTekst')).toEqual({ ok: true, data: {}, body: 'Tekst', bodyLine: 3 });
    expect(splitFrontMatter('---\ntitle: T\n...\nTekst')).toMatchObject({ ok: true, data: { title: 'T' }, bodyLine: 4 });
  });

  it('reports invalid YAML on its line in the file, without quoting the file', () => {
    const result = splitFrontMatter('---\nexternalId: x\ntitle: Tittel med kolon: ikke sitert\n---\nTekst');
    expect(result).toEqual({
      ok: false,
      error: { line: 3, message: 'front matter is not valid YAML: Nested mappings are not allowed in compact mappings (column 8)' },
    });
  });

  it('reports a duplicate key on the line of the second one', () => {
    expect(splitFrontMatter('---\ntitle: a\nkind: written\ntitle: b\n---\n')).toEqual({
      ok: false,
      error: { line: 4, message: 'front matter is not valid YAML: Map keys must be unique (column 1)' },
    });
  });

  it('reports a header that is never closed', () => {
    expect(splitFrontMatter('---\ntitle: x\n\nTekst')).toEqual({
      ok: false,
      error: { line: 1, message: 'front matter opened with "---" on line 1 is never closed with a "---" line' },
    });
  });

  it('refuses a header that is not a mapping', () => {
    expect(splitFrontMatter('---\n- a\n- b\n---\nTekst')).toEqual({ ok: false, error: { line: 2, message: 'front matter must be YAML "key: value" lines (a mapping)' } });
  });
});

describe('parseTextStory', () => {
  it('makes a written story of front matter and body', () => {
    expect(parseTextStory('---\nexternalId: s-1\ntitle: T\n---\n\nFørste avsnitt.\n\nAndre avsnitt.\n')).toEqual({
      errors: [],
      record: { externalId: 's-1', title: 'T', kind: 'written', text: 'Første avsnitt.\n\nAndre avsnitt.' },
    });
  });

  it('merges a sidecar under the front matter, field by field', () => {
    const result = parseTextStory('---\ntitle: Fra front matter\n---\nTekst', { title: 'Fra sidevogn', language: 'nn' });
    expect(result.record).toEqual({ title: 'Fra front matter', language: 'nn', kind: 'written', text: 'Tekst' });
  });

  it('reads the body as interview notation when the front matter says kind: interview, with file line numbers', () => {
    const result = parseTextStory('---\nkind: interview\n---\nInnleiing.\n[00:00:05] I: Kva hjelpte?\nR: Å bli trudd.');
    expect(result.errors).toEqual([{ line: 4, message: expect.stringContaining('text before the first turn is not read') }]);
    expect(result.record).toEqual({
      kind: 'interview',
      segments: [
        { speaker: 'I', start: 5, text: 'Kva hjelpte?' },
        { speaker: 'R', text: 'Å bli trudd.' },
      ],
    });
  });

  it('reads the body as interview notation when only the sidecar says kind: interview', () => {
    expect(parseTextStory('I: Hei.\nR: Hei.', { kind: 'interview' }).record).toEqual({
      kind: 'interview',
      segments: [
        { speaker: 'I', text: 'Hei.' },
        { speaker: 'R', text: 'Hei.' },
      ],
    });
  });

  it('refuses text in the front matter: the body is the story', () => {
    expect(parseTextStory('---\ntext: noe\n---\nTekst')).toEqual({
      errors: [{ line: 1, message: 'front matter must not hold "text": the story is the body below the front matter' }],
    });
  });

  it('passes a front matter error on', () => {
    expect(parseTextStory('---\ntitle: a: b\n---\nTekst').errors).toEqual([
      { line: 2, message: 'front matter is not valid YAML: Nested mappings are not allowed in compact mappings (column 8)' },
    ]);
  });
});
