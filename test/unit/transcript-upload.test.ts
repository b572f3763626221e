import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTranscriptUpload, UploadError, type ParsedTranscript } from '../../services/contributions/transcript-upload.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/uploads');
const MAX = 64 * 1024;

const upload = (filename: string, mediaType?: string, bytes = fs.readFileSync(path.join(FIXTURES, filename))) =>
  parseTranscriptUpload({ filename, mediaType, bytes }, { maxBytes: MAX });

function refusal(run: () => ParsedTranscript): UploadError {
  try {
    run();
  } catch (error) {
    if (error instanceof UploadError) return error;
    throw error;
  }
  throw new Error('expected an UploadError');
}

describe('parseTranscriptUpload: accepted files', () => {
  it('reads a plain-text story as a written story', () => {
    const result = upload('story.txt', 'text/plain');
    expect(result.kind).toBe('written');
    if (result.kind !== 'written') return;
    expect(result.body).toMatch(/^Det første året etter utskrivelsen/);
    expect(result.body).toMatch(/gjøre det som er bra for deg\.»/);
    // A quoted line inside a story is not an interview turn.
    expect(result.body).toContain('Erfaringskonsulenten sa:');
  });

  it('reads "Speaker: text" turns in a .txt as an interview with stamps', () => {
    expect(upload('interview.txt', 'text/plain; charset=utf-8')).toEqual({
      kind: 'interview',
      segments: [
        { speaker: 'I', start: 5, end: 12, text: 'Kan du fortelle om den første innleggelsen?' },
        { speaker: 'R', start: 12, end: 62, text: 'Det var høsten 2019. Jeg husker lite av de første dagene.\n\nMen jeg husker lyset i gangen.' },
        { speaker: 'I', start: 62, text: 'Hva hjalp deg videre?' },
        { speaker: 'R', text: 'At noen spurte hva jeg selv ville.' },
      ],
    });
  });

  it('keeps a .txt with a heading before the turns as a written story, dropping nothing', () => {
    const text = 'Intervju, våren 2024\n\nI: Hva hjalp?\nR: Naboen.\n';
    const result = upload('x.txt', undefined, Buffer.from(text));
    expect(result).toEqual({ kind: 'written', body: text.trim() });
  });

  it('reads a WebVTT file with voices as an interview', () => {
    expect(upload('interview.vtt', 'text/vtt')).toEqual({
      kind: 'interview',
      segments: [
        { speaker: 'Intervjuer', start: 1, end: 4, text: 'Hvordan var det å komme hjem?' },
        { speaker: 'Kari', start: 4.5, end: 9, text: 'Stille. Det var det jeg trengte, men også det jeg var redd for.' },
      ],
    });
  });

  it('reads a SubRip file with CRLF line ends; a cue without a prefix continues the speaker', () => {
    expect(upload('interview.srt', 'application/x-subrip')).toEqual({
      kind: 'interview',
      segments: [
        { speaker: 'I', start: 1, end: 4, text: 'Hvordan var det å komme hjem?' },
        { speaker: 'R', start: 4.5, end: 9, text: 'Stille. Det var det jeg trengte.' },
        { speaker: 'R', start: 9.5, end: 12, text: 'Men også det jeg var redd for.' },
      ],
    });
  });

  it.each([
    ['story-utf8-bom.txt', 'Jeg fant fotfeste igjen på jobben.'],
    ['story-utf16le.txt', 'Jeg fant fotfeste igjen på jobben.\nDet tok tid.'],
  ])('decodes %s (BOM dropped, CRLF → LF)', (file, body) => {
    expect(upload(file)).toEqual({ kind: 'written', body });
  });

  it('accepts UTF-16 big-endian with a BOM', () => {
    const le = Buffer.from('Jeg fant fotfeste.\n', 'utf16le');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.swap16())]);
    expect(upload('x.txt', undefined, be)).toEqual({ kind: 'written', body: 'Jeg fant fotfeste.' });
  });

  it('goes by the extension whatever its case, and stores text in NFC', () => {
    const decomposed = Buffer.from('Pa\u030arørende\n', 'utf8');
    expect(upload('HISTORIE.TXT', 'application/octet-stream', decomposed)).toEqual({ kind: 'written', body: 'Pårørende' });
  });
});

describe('parseTranscriptUpload: refused files', () => {
  it('413 when the file is over the limit, naming the limit', () => {
    const error = refusal(() => upload('big.txt', 'text/plain', Buffer.alloc(MAX + 1, 'a')));
    expect(error.status).toBe(413);
    expect(error.message).toBe('The file is 65537 bytes; the limit is 65536 bytes.');
    expect(refusal(() => upload('big.txt', 'text/plain', Buffer.alloc(3 * 1024 * 1024))).message).toBe('The file is 3.0 MB; the limit is 64.0 KB.');
    expect(upload('ok.txt', 'text/plain', Buffer.alloc(MAX, 'a')).kind).toBe('written');
  });

  it.each([
    ['story.docx', undefined, /^Files of type "\.docx" are not accepted; upload plain text \(\.txt\), WebVTT \(\.vtt\) or SubRip \(\.srt\) in UTF-8\.$/],
    ['story.txt', 'application/pdf', /^The file was sent as "application\/pdf"; upload plain text/],
    ['disguised-pdf.txt', 'text/plain', /^The file is a PDF document, not a text file\. Save it as plain text/],
    ['disguised-docx.txt', undefined, /is a Word, OpenDocument or ZIP file/],
    ['disguised-png.vtt', 'text/vtt', /is a PNG image/],
    ['story-rtf.txt', undefined, /is a Rich Text \(RTF\) document/],
    ['nul-bytes.txt', undefined, /holds binary data, not text/],
    ['story-windows-1252.txt', undefined, /not UTF-8 text .*Windows-1252/],
    ['no-header.vtt', 'text/vtt', /not WebVTT: a \.vtt file starts with the line "WEBVTT"/],
    ['not-subrip.srt', undefined, /not SubRip: no cue in it has a timing line/],
  ])('415 for %s (%s)', (file, mediaType, message) => {
    const error = refusal(() => upload(file, mediaType));
    expect(error.status).toBe(415);
    expect(error.message).toMatch(message);
  });

  it('415 for a file without an extension', () => {
    const error = refusal(() => upload('historie', 'text/plain', Buffer.from('Jeg fant fotfeste.')));
    expect(error.status).toBe(415);
    expect(error.message).toMatch(/"\(no extension\)" are not accepted/);
  });

  it('415 for control characters other than tab and line ends', () => {
    expect(refusal(() => upload('x.txt', undefined, Buffer.from('Jeg\u0007 fant fotfeste.'))).status).toBe(415);
  });

  it.each([
    ['empty.txt', /^The file is empty\.$/],
    ['blank.txt', /^The file holds no text\.$/],
    ['no-cues.vtt', /^The subtitle file has no cues with text\.$/],
    ['broken-cue.srt', /^The subtitle file has cues that cannot be read; fix them and upload it again: line 6: the cue ends \(00:00:04,500\) before it starts/],
  ])('400 for %s', (file, message) => {
    const error = refusal(() => upload(file));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('never quotes the file content or its name', () => {
    const secret = 'Kari Nordmann bor i Storgata 5';
    for (const [name, bytes] of [
      [`${secret}.pdf`, Buffer.from(secret)],
      ['x.txt', Buffer.from(`${secret} \u0007`)],
      ['x.srt', Buffer.from(secret)],
      ['x.vtt', Buffer.from(secret)],
    ] as const) {
      const error = refusal(() => upload(name, undefined, bytes));
      expect(error.message).not.toContain('Kari');
      expect(error.message).not.toContain('Storgata');
    }
  });
});
