import { describe, expect, it } from 'vitest';
import { extensionOf, formatSize, isAcceptedFile } from '../../web/src/pages/contribute/file-check.js';

describe('web contribute file check', () => {
  it('takes the last extension, lower-cased; none for a dotfile or a name without one', () => {
    expect(extensionOf('intervju.VTT')).toBe('.vtt');
    expect(extensionOf('arkiv.tar.srt')).toBe('.srt');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('slutt.')).toBe('.');
  });

  it('accepts the transcript types the API takes and nothing else', () => {
    for (const name of ['historie.txt', 'Intervju.VTT', 'opptak.srt']) expect(isAcceptedFile(name), name).toBe(true);
    for (const name of ['historie.pdf', 'historie.docx', 'txt', 'historie.txt.exe', '.txt']) expect(isAcceptedFile(name), name).toBe(false);
  });

  it('writes sizes in the reader language: bytes, then kB and MB with one decimal', () => {
    const nb = (n: number) => formatSize(n, 'nb').replace(/\s/g, ' ');
    expect(nb(512)).toBe('512 byte');
    expect(nb(1536)).toBe('1,5 kB');
    expect(nb(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(1, 'en')).toBe('1 byte');
    expect(formatSize(1023, 'en')).toBe('1,023 bytes');
  });
});
