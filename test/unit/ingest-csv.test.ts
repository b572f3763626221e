import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../indexer/ingest/formats/csv.js';

const records = (csv: string) => parseCsv(csv).map((item) => (item.kind === 'record' ? item.record : item));

describe('parseCsv', () => {
  it('nests dotted columns and leaves empty cells out', () => {
    const items = parseCsv('externalId,title,consent.display,consent.pseudonym\ncsv-1,Tittel,pseudonym,\n');
    expect(items).toEqual([{ kind: 'record', line: 2, record: { externalId: 'csv-1', title: 'Tittel', consent: { display: 'pseudonym' } } }]);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['ja', true],
    ['JA', true],
    ['1', true],
    ['false', false],
    ['no', false],
    ['Nei', false],
    ['0', false],
  ])('reads the flag %j as %j (consent flags and fictional)', (cell, value) => {
    const [record] = records(`fictional,consent.public,consent.clinicians,consent.teaching,consent.research,consent.quote\n${Array(6).fill(cell).join(',')}`);
    expect(record).toEqual({ fictional: value, consent: { public: value, clinicians: value, teaching: value, research: value, quote: value } });
  });

  it('keeps a flag it cannot read as the string, so the schema names the field', () => {
    expect(records('externalId,consent.public\na,maybe')).toEqual([{ externalId: 'a', consent: { public: 'maybe' } }]);
  });

  it('does not coerce columns that are not flags', () => {
    expect(records('externalId,title\n1,ja')).toEqual([{ externalId: '1', title: 'ja' }]);
  });

  it.each([
    ['tvang;rusfrihet', ['tvang', 'rusfrihet']],
    ['tvang | rusfrihet |', ['tvang', 'rusfrihet']],
    ['tvang', ['tvang']],
    ['"[""tvang"", ""bolig""]"', ['tvang', 'bolig']],
  ])('reads the list %s', (cell, list) => {
    expect(records(`themes,contentWarnings\n${cell},${cell}`)).toEqual([{ themes: list, contentWarnings: list }]);
  });

  it('reads quoted cells over several lines and numbers each row by its first line', () => {
    const items = parseCsv('externalId,text\na,"første\n\nandre avsnitt"\n\nb,"sitat med ""anførsel"""\n');
    expect(items).toEqual([
      { kind: 'record', line: 2, record: { externalId: 'a', text: 'første\n\nandre avsnitt' } },
      { kind: 'record', line: 6, record: { externalId: 'b', text: 'sitat med "anførsel"' } },
    ]);
  });

  it('reads an interview from a segments column holding a JSON array', () => {
    const csv = 'externalId,kind,segments\nint-1,interview,"[{""speaker"":""I"",""start"":0,""end"":2.5,""text"":""Hei""}]"';
    expect(records(csv)).toEqual([{ externalId: 'int-1', kind: 'interview', segments: [{ speaker: 'I', start: 0, end: 2.5, text: 'Hei' }] }]);
  });

  it('reports malformed rows with their line and reads the others', () => {
    const csv = [
      'externalId,kind,text,segments', // 1
      'ok-1,written,Først,', // 2
      'short,written', // 3
      'quote,written,"hei "der" du",', // 4
      'ok-2,written,"To', // 5
      'linjer",', // 6
      'segs,interview,,[{not json', // 7
      ',,,', // 8: an empty row is no row
      'ok-3,written,Siste,', // 9
    ].join('\n');
    expect(parseCsv(csv)).toEqual([
      { kind: 'record', line: 2, record: { externalId: 'ok-1', kind: 'written', text: 'Først' } },
      { kind: 'error', line: 3, message: 'the row has a different number of cells than the header' },
      { kind: 'error', line: 4, message: 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")' },
      { kind: 'record', line: 5, record: { externalId: 'ok-2', kind: 'written', text: 'To\nlinjer' } },
      {
        kind: 'error',
        line: 7,
        message: `the segments cell is not valid JSON (Expected property name or '}'); it must hold a JSON array of {"speaker", "start", "end", "text"} objects`,
      },
      { kind: 'record', line: 9, record: { externalId: 'ok-3', kind: 'written', text: 'Siste' } },
    ]);
  });

  it('reports a quote that is never closed on the line where its row starts', () => {
    const items = parseCsv('externalId,text\na,ok\nb,"aldri lukket\nc,tapt\n');
    expect(items).toEqual([
      { kind: 'record', line: 2, record: { externalId: 'a', text: 'ok' } },
      { kind: 'error', line: 3, message: 'a quoted cell is never closed, so the rest of the file could not be read' },
    ]);
  });

  it('reads semicolon-separated files, as spreadsheets set to Norwegian save them', () => {
    expect(records('externalId;text;consent.public\na;Ja, det var sånn;ja\n')).toEqual([{ externalId: 'a', text: 'Ja, det var sånn', consent: { public: true } }]);
  });

  it.each([
    ['externalId,title,externalId', 'column "externalId" appears twice'],
    ['externalId,,title', 'column 2 has no name (or an empty part between dots)'],
    ['externalId,consent..public', 'column 2 has no name (or an empty part between dots)'],
    ['externalId,consent,consent.public', 'column "consent" clashes with "consent.…" columns: use one or the other'],
  ])('refuses the header %s', (header, problem) => {
    expect(parseCsv(`${header}\na,b,c`)).toEqual([{ kind: 'error', line: 1, message: `the header row is not usable: ${problem}` }]);
  });

  it('keeps unknown columns, so the schema refuses a misspelt consent field by name', () => {
    expect(records('externalId,consent.publc\na,ja')).toEqual([{ externalId: 'a', consent: { publc: 'ja' } }]);
  });

  it('reads a header-only file as no records', () => {
    expect(parseCsv('externalId,text\n')).toEqual([]);
  });
});
