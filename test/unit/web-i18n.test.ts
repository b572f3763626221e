import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { nb } from '../../web/src/i18n/nb.js';
import { createTranslator, format } from '../../web/src/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web i18n catalogues', () => {
  it('have the same keys in Bokmål and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort());
  });

  it('fill the same placeholders in both languages, and no string is empty', () => {
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nb[key]));
      expect(nb[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('have both plural forms wherever one is given', () => {
    for (const key of Object.keys(nb)) {
      if (key.endsWith('.one')) expect(Object.keys(nb), key).toContain(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('web translator', () => {
  it('fills placeholders, formats numbers and chooses plural forms per language', () => {
    const nbT = createTranslator('nb');
    const enT = createTranslator('en');
    expect(nbT.tn('search.count', 1)).toBe('1 historie funnet');
    expect(nbT.tn('search.count', 12345)).toBe(`${new Intl.NumberFormat('nb').format(12345)} historier funnet`);
    expect(enT.tn('search.count', 2)).toBe('2 stories found');
    expect(enT.t('result.by', { name: 'Kari' })).toBe('Told by Kari');
  });

  it('falls back for keys the catalogue may not have, and leaves unknown placeholders as they are', () => {
    const enT = createTranslator('en');
    expect(enT.tOr('warning.selvmord', 'selvmord')).toBe('suicide');
    expect(enT.tOr('warning.ukjent', 'ukjent')).toBe('ukjent');
    expect(format('{a} og {b}', { a: 'x' })).toBe('x og {b}');
  });
});
