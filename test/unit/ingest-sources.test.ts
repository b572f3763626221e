import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFromPath, readSources, type ReadSourcesOptions, type SourceItem } from '../../indexer/ingest/sources.js';

const FIXTURES = 'test/fixtures/import';
const at = (...parts: string[]) => path.join(FIXTURES, ...parts);

async function read(paths: string[], options?: ReadSourcesOptions): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readSources(paths, options)) items.push(item);
  return items;
}

/** "file:line record <externalId>" / "file:line error" — the shape of a whole walk at a glance. */
const outline = (items: SourceItem[]) =>
  items.map((i) => `${path.relative(FIXTURES, i.at.file)}${i.at.line ? `:${i.at.line}` : ''} ${i.kind === 'record' ? `record ${String(i.record.externalId)}` : 'error'}`);

const only = async (paths: string[], options?: ReadSourcesOptions) => {
  const items = await read(paths, options);
  expect(items).toHaveLength(1);
  return items[0]!;
};

describe('formatFromPath', () => {
  it.each([
    ['a.jsonl', 'jsonl'],
    ['a.NDJSON', 'jsonl'],
    ['dir/a.csv', 'csv'],
    ['a.md', 'markdown'],
    ['a.markdown', 'markdown'],
    ['a.txt', 'text'],
    ['a.vtt', 'webvtt'],
    ['a.srt', 'srt'],
    ['a.json', undefined],
    ['a.docx', undefined],
    ['README', undefined],
  ])('%s → %s', (file, format) => {
    expect(formatFromPath(file)).toBe(format);
  });
});

describe('readSources over the fixtures folder', () => {
  it('walks recursively in sorted order, skipping dotfiles, sidecars and unknown extensions', async () => {
    expect(outline(await read([FIXTURES]))).toEqual([
      'bad/blank.md error',
      'bad/bom-crlf.jsonl:1 record bom-crlf',
      'bad/bom-crlf.jsonl:2 record bom-crlf-2',
      'bad/latin1.txt error',
      'bad/tom.jsonl error',
      'csv/bad.csv:2 record csv-bad-ok-1',
      'csv/bad.csv:3 error',
      'csv/bad.csv:4 error',
      'csv/bad.csv:5 record csv-bad-ok-2',
      'csv/bad.csv:7 error',
      'csv/bad.csv:9 record csv-bad-ok-3',
      'csv/semikolon.csv:2 record csv-semi-01',
      'csv/stories.csv:2 record csv-01',
      'csv/stories.csv:5 record csv-02',
      'csv/stories.csv:6 record csv-03',
      'csv/unclosed.csv:2 record csv-u-1',
      'csv/unclosed.csv:3 error',
      'interviews/demo-intervju-srt-01.srt record demo-intervju-srt-01',
      'interviews/demo-intervju-txt-01.txt record demo-intervju-txt-01',
      'interviews/demo-intervju-vtt-01.vtt record demo-intervju-vtt-01',
      'interviews/feil-i-cues-srt.srt:6 error',
      'interviews/feil-i-cues-srt.srt record feil-i-cues-srt',
      'interviews/feil-i-cues.vtt:6 error',
      'interviews/feil-i-cues.vtt:9 error',
      'interviews/feil-i-cues.vtt record feil-i-cues',
      'interviews/ugyldig-sidevogn.json:4 error',
      'interviews/uten-header.vtt:1 error',
      'jsonl/bad.jsonl:1 record jsonl-good-1',
      'jsonl/bad.jsonl:2 error',
      'jsonl/bad.jsonl:3 error',
      'jsonl/bad.jsonl:5 error',
      'jsonl/bad.jsonl:6 record jsonl-good-2',
      'jsonl/stories.jsonl:1 record jsonl-01',
      'jsonl/stories.jsonl:3 record jsonl-02',
      'markdown/aldri-lukket.md:1 error',
      'markdown/demo-tvang-01.md record demo-tvang-01',
      'markdown/front-matter-vinner.md record front-matter-vinner',
      'markdown/intervju-i-markdown.md:9 error',
      'markdown/intervju-i-markdown.md record md-intervju-01',
      'markdown/ugyldig-yaml.md:3 error',
      'markdown/uten-front-matter.md record uten-front-matter',
    ]);
  });
});

describe('readSources, file by file', () => {
  it('reads a Markdown story with front matter', async () => {
    const item = await only([at('markdown/demo-tvang-01.md')]);
    expect(item).toEqual({
      kind: 'record',
      at: { file: at('markdown/demo-tvang-01.md') },
      record: {
        externalId: 'demo-tvang-01',
        title: 'Da dørene ble låst',
        language: 'nb',
        kind: 'written',
        themes: ['tvang', 'mote-med-hjelpeapparatet'],
        contentWarnings: ['tvang'],
        fictional: true,
        consent: {
          public: true,
          clinicians: true,
          teaching: true,
          research: false,
          quote: true,
          display: 'pseudonym',
          pseudonym: 'Kari',
          consentTextVersion: 'levd-demo-samtykke-v1',
          givenAt: '2025-03-14T10:00:00Z',
        },
        text: 'Første avsnitt av en oppdiktet fortelling om en låst dør.\n\nAndre avsnitt, der hun forteller hva som hjalp.',
      },
    });
  });

  it('takes metadata from a sidecar and the externalId from the file name', async () => {
    const item = await only([at('markdown/uten-front-matter.md')]);
    expect(item.kind === 'record' && item.record).toMatchObject({
      externalId: 'uten-front-matter',
      title: 'Fra sidevognsfilen',
      kind: 'written',
      text: 'Jeg skrev dette uten noen header. Metadata ligger i en egen fil ved siden av.',
      consent: { display: 'anonymous' },
    });
  });

  it('lets the front matter win over the sidecar field by field', async () => {
    const item = await only([at('markdown/front-matter-vinner.md')]);
    expect(item.kind === 'record' && item.record).toMatchObject({ title: 'Tittelen fra front matter', language: 'nn', consent: { public: false } });
  });

  it('reads a WebVTT transcript with its sidecar', async () => {
    const item = await only([at('interviews/demo-intervju-vtt-01.vtt')]);
    expect(item.kind === 'record' && item.record).toMatchObject({
      externalId: 'demo-intervju-vtt-01',
      kind: 'interview',
      title: 'Første innleggelse',
      segments: [
        { speaker: 'Intervjuer', start: 1, end: 4.5, text: 'Kan du fortelle om første gang du ble innlagt?' },
        { speaker: 'Kari', start: 5, end: 9.25, text: 'Det var høsten 2019. Jeg husker lite & uklart.' },
        { speaker: 'Kari', start: 9.25, end: 12, text: 'Jeg var redd, og ingen forklarte hva som skulle skje.' },
        { speaker: 'Intervjuer', start: 62.5, end: 67, text: 'Hva hjalp?' },
      ],
    });
  });

  it('reads a SubRip transcript with CRLF line ends; kind defaults to interview, externalId to the file name', async () => {
    const item = await only([at('interviews/demo-intervju-srt-01.srt')]);
    expect(item.kind === 'record' && item.record).toMatchObject({
      externalId: 'demo-intervju-srt-01',
      kind: 'interview',
      segments: [
        { speaker: 'INTERVJUER', start: 1, end: 3, text: 'Hvordan ble du rusfri?' },
        { speaker: 'KARI', start: 3.5, end: 6, text: 'Det tok lang tid.' },
        { speaker: 'KARI', start: 6, end: 8, text: 'Først måtte jeg ha et sted å bo.' },
        { speaker: 'INTERVJUER', start: 8.5, end: 10, text: 'Og etterpå?' },
      ],
    });
  });

  it('reads an interview in text notation when its sidecar says kind: interview', async () => {
    const item = await only([at('interviews/demo-intervju-txt-01.txt')]);
    expect(item.kind === 'record' && item.record.segments).toEqual([
      { speaker: 'I', start: 0, end: 7, text: 'Kan du fortelje litt om korleis det byrja?' },
      { speaker: 'R', start: 7, text: 'Eg trudde lenge at det var meg det var noko gale med. Så møtte eg ein erfaringskonsulent.\n\nHo hadde vore der sjølv.' },
      { speaker: 'I', text: 'Kva betydde det?' },
      { speaker: 'R', start: 70, text: 'Alt.' },
    ]);
  });

  it('reports malformed cues with file and line and still gives the record with the other cues', async () => {
    const file = at('interviews/feil-i-cues.vtt');
    const items = await read([file]);
    expect(items.filter((i) => i.kind === 'error')).toEqual([
      { kind: 'error', at: { file, line: 6 }, message: 'expected a cue timing line like 00:01:02.500 --> 00:01:07.000; the cue is skipped' },
      { kind: 'error', at: { file, line: 9 }, message: 'the cue ends (00:00:07.000) before it starts (00:00:08.000); the cue is skipped' },
    ]);
    const record = items.find((i) => i.kind === 'record');
    expect(record?.kind === 'record' && record.record.segments).toEqual([
      { speaker: 'Intervjuer', start: 1, end: 2, text: 'Første cue er fin.' },
      { speaker: 'Intervjuer', start: 9, end: 10, text: 'Siste cue er fin.' },
    ]);
  });

  it('refuses a story whose sidecar is not valid JSON, pointing at the sidecar line', async () => {
    const sidecar = at('interviews/ugyldig-sidevogn.json');
    expect(await only([at('interviews/ugyldig-sidevogn.srt')])).toEqual({
      kind: 'error',
      at: { file: sidecar, line: 4 },
      message: "the sidecar is not valid JSON: Expected ',' or '}' after property value (column 3)",
    });
  });

  it('reads JSONL with a BOM and CRLF line ends', async () => {
    const items = await read([at('bad/bom-crlf.jsonl')]);
    expect(items.map((i) => i.kind === 'record' && i.record)).toEqual([
      { externalId: 'bom-crlf', kind: 'written', text: 'Linje med BOM og CRLF.' },
      { externalId: 'bom-crlf-2', kind: 'written', text: 'Andre.' },
    ]);
  });

  it('keeps a JSONL record without externalId as it is (many stories share the file)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'levd-sources-'));
    try {
      await writeFile(path.join(dir, 'x.jsonl'), '{"kind":"written"}\n');
      expect(await only([path.join(dir, 'x.jsonl')])).toEqual({ kind: 'record', at: { file: path.join(dir, 'x.jsonl'), line: 1 }, record: { kind: 'written' } });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it.each([
    ['bad/latin1.txt', 'the file is not valid UTF-8 text; save it as UTF-8 (in a spreadsheet: "CSV UTF-8") and import it again'],
    ['bad/tom.jsonl', 'the file is empty'],
    ['bad/blank.md', 'the file is empty'],
    ['bad/ukjent.xyz', 'unknown file type ".xyz": use .jsonl, .ndjson, .csv, .md, .markdown, .txt, .vtt or .srt, or give the format'],
    ['finnes-ikke.jsonl', 'no such file or folder'],
    [
      'interviews/foreldrelos.json',
      '.json files are read only as sidecars (the metadata of a .md, .txt, .vtt or .srt file of the same name); for many stories in one file use JSON Lines (.jsonl)',
    ],
  ])('refuses %s as a whole', async (file, message) => {
    expect(await only([at(file)])).toEqual({ kind: 'error', at: { file: at(file) }, message });
  });

  it('skips a sidecar given by name when its story is there (as a shell glob gives it)', async () => {
    expect(await read([at('interviews/demo-intervju-vtt-01.json')])).toEqual([]);
  });

  it('refuses a file over maxFileBytes without reading it', async () => {
    expect(await only([at('jsonl/stories.jsonl')], { maxFileBytes: 100 })).toEqual({
      kind: 'error',
      at: { file: at('jsonl/stories.jsonl') },
      message: 'the file is 832 bytes; the limit is 100 bytes',
    });
  });

  it('reads a file as the format given, whatever its extension, still with its sidecar', async () => {
    const item = await only([at('bad/ukjent.xyz')], { format: 'text' });
    expect(item).toEqual({ kind: 'record', at: { file: at('bad/ukjent.xyz') }, record: { externalId: 'ukjent', kind: 'written', text: 'noe' } });
    const vttAsText = await only([at('interviews/demo-intervju-srt-01.srt')], { format: 'text' });
    expect(vttAsText.kind === 'record' && vttAsText.record).toMatchObject({ externalId: 'demo-intervju-srt-01', title: 'Veien ut av rusen', kind: 'written' });
  });

  it('applies the format to every file of a folder, sidecars excepted', async () => {
    const items = await read([at('interviews')], { format: 'srt' });
    expect(items.filter((i) => i.at.file.endsWith('.json')).map((i) => i.at.file)).toEqual([at('interviews/ugyldig-sidevogn.json')]);
    expect(items.find((i) => i.at.file.endsWith('demo-intervju-srt-01.srt'))?.kind).toBe('record');
  });
});

describe('readSources in a folder of its own', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'levd-sources-'));
    await mkdir(path.join(dir, 'b-undermappe'));
    await writeFile(path.join(dir, 'a.md'), 'Tekst A');
    await writeFile(path.join(dir, 'b-undermappe', 'c.md'), 'Tekst C');
    await writeFile(path.join(dir, 'd.md'), 'Tekst D');
    await writeFile(path.join(dir, 'notater.docx'), 'ikke en historie');
    await symlink(dir, path.join(dir, 'e-lenke-til-meg-selv'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true });
  });

  it('reads a file reached twice once, and ends a symlink loop', async () => {
    const items = await read([dir, path.join(dir, 'a.md')]);
    expect(items.map((i) => i.kind === 'record' && i.record.externalId)).toEqual(['a', 'c', 'd']);
  });

  it('gives the same externalId however the file is reached', async () => {
    const relative = path.relative(process.cwd(), path.join(dir, 'b-undermappe', 'c.md'));
    const direct = await only([relative]);
    expect(direct.kind === 'record' && direct.record.externalId).toBe('c');
  });
});
