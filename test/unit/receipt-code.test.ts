import { describe, expect, it } from 'vitest';
import { generateReceiptCode, parseReceiptCode, RECEIPT_CODE_EXAMPLE, type ReceiptCode } from '../../services/contributions/receipt-code.js';

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

describe('generateReceiptCode', () => {
  it('makes five dash-separated groups of four Crockford base32 symbols', () => {
    for (let i = 0; i < 200; i++) expect(generateReceiptCode()).toMatch(CANONICAL);
  });

  it('never repeats itself over 10 000 codes and uses every symbol about equally', () => {
    const codes = Array.from({ length: 10_000 }, generateReceiptCode);
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const code of codes) for (const c of code.replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 200 000 symbols over 32: 6 250 each; a biased generator (e.g. % 36) is far off.
    for (const [symbol, n] of counts) expect(Math.abs(n - 6250), symbol).toBeLessThan(500);
  });

  it('parses its own output back unchanged', () => {
    for (let i = 0; i < 100; i++) {
      const code = generateReceiptCode();
      expect(parseReceiptCode(code)).toEqual({ ok: true, code });
    }
  });
});

describe('parseReceiptCode', () => {
  const ok = (code: string) => ({ ok: true, code: code as ReceiptCode });

  it.each([
    ['the canonical form', RECEIPT_CODE_EXAMPLE],
    ['lower case', 'k7qh-2m9d-xw4r-t8nb-3jcf'],
    ['no dashes', 'K7QH2M9DXW4RT8NB3JCF'],
    ['spaces instead of dashes, around it too', '  K7QH 2M9D XW4R T8NB 3JCF \n'],
    ['dashes in odd places', 'K7-QH2M-9DXW4RT8-NB3J-CF'],
    ['typographic dashes from a word processor', 'K7QH–2M9D—XW4R‐T8NB‑3JCF'],
  ])('accepts %s', (_what, input) => {
    expect(parseReceiptCode(input)).toEqual(ok(RECEIPT_CODE_EXAMPLE));
  });

  it('reads the look-alikes as Crockford does: I and L as 1, O as 0', () => {
    expect(parseReceiptCode('ILOO-2M9D-XW4R-T8NB-3JCF')).toEqual(ok('1100-2M9D-XW4R-T8NB-3JCF'));
    expect(parseReceiptCode('iloo-2m9d-xw4r-t8nb-3jcf')).toEqual(ok('1100-2M9D-XW4R-T8NB-3JCF'));
  });

  it.each([
    ['', 'empty', /^The receipt code is empty; it has 20 letters and digits, like K7QH-2M9D-XW4R-T8NB-3JCF\.$/],
    [' - - ', 'empty', /is empty/],
    ['K7QH-2M9D-XW4R-T8NB-3JC', 'length', /^The receipt code has 19 letters and digits; it has 20 letters and digits/],
    ['K7QH-2M9D-XW4R-T8NB-3JCF-A', 'length', /has 21 letters and digits/],
    ['K'.repeat(500), 'length', /far too long/],
    ['K7QH-2M9D-XW4R-T8NB-3JCU', 'characters', /cannot hold "U"; it uses the digits 0–9 and the letters A–Z except I, L, O and U\.$/],
    ['K7QH_2M9D#XW4R', 'characters', /cannot hold "_", "#"/],
    ['K7QH-2M9D-XW4R-T8NB-3JCÆ', 'characters', /cannot hold U\+00C6/],
  ] as const)('refuses %j (%s)', (input, problem, message) => {
    const parsed = parseReceiptCode(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toBe(problem);
    expect(parsed.message).toMatch(message);
  });

  it('never repeats the code in its message', () => {
    const code = 'ABCDEFGHJKMNPQRSTVWX';
    for (const wrong of [code.slice(0, 19), `${code}7`, `${code.slice(0, 19)}U`]) {
      const parsed = parseReceiptCode(wrong);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) for (let i = 0; i + 4 <= code.length; i++) expect(parsed.message).not.toContain(code.slice(i, i + 4));
    }
  });
});
