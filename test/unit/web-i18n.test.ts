import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { nb } from '../../web/src/i18n/nb.js';
import { createLookup, createTranslator, format } from '../../web/src/i18n/translate.js';

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

describe('web area catalogues (createLookup)', () => {
  const nbArea = { 'x.title': 'Saker for {name}', 'x.count.one': '{count} sak', 'x.count.other': '{count} saker' } as const;
  const enArea: Record<keyof typeof nbArea, string> = { 'x.title': 'Items for {name}', 'x.count.one': '{count} item', 'x.count.other': '{count} items' };

  it('looks up, fills in and chooses plural forms the way the main catalogue does', () => {
    const nbLookup = createLookup(nbArea, 'nb');
    const enLookup = createLookup(enArea, 'en');
    expect(nbLookup.t('x.title', { name: 'Kari' })).toBe('Saker for Kari');
    expect(nbLookup.tn('x.count', 1)).toBe('1 sak');
    expect(nbLookup.tn('x.count', 2500)).toBe(`${new Intl.NumberFormat('nb').format(2500)} saker`);
    expect(enLookup.tn('x.count', 0)).toBe('0 items');
    expect(enLookup.tn('x.count', 1)).toBe('1 item');
  });

  it('joins lists in the UI language', () => {
    expect(createTranslator('nb').list(['a', 'b', 'c'])).toBe('a, b og c');
    expect(createTranslator('en').list(['a', 'b'])).toBe('a and b');
  });
});
