import { en } from './en.js';
import { nb, type MessageKey } from './nb.js';

/**
 * Pure translation: a language's catalogue, `{name}` filled in, plural forms by Intl.PluralRules.
 * The Preact side (i18n.tsx) only holds which language is chosen.
 *
 * Every catalogue goes through `createLookup` — the main one here, and each area's own (contribute,
 * staff, collections …) through `createMessages` in i18n.tsx — so lookup, `{param}` filling and
 * plural choice exist once. An area catalogue: `nb` is the source of keys, `en` is typed
 * `Record<keyof typeof nb, string>` so a missing key fails `tsc -p web`; plural forms are keys
 * ending in `.one` / `.other`, asked for by their base with `tn(base, count)`.
 */

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { nb, en };

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

export type Params = Readonly<Record<string, string | number>>;

/** Of a catalogue's keys, those that have `.one` / `.other` forms, named without the suffix. */
export type PluralBase<Key extends string> = { [K in Key]: K extends `${infer Base}.one` ? (`${Base}.other` extends Key ? Base : never) : never }[Key];
/** The main catalogue's plural keys. */
export type PluralKey = PluralBase<MessageKey>;

export function format(template: string, params: Params = {}, formatNumber: (n: number) => string = String): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** Typed lookup in one catalogue. */
export interface Lookup<Key extends string> {
  t(key: Key, params?: Params): string;
  /** The plural form for `count` ({count} is filled in with it, as a formatted number). */
  tn(base: PluralBase<Key>, count: number, params?: Params): string;
}

/** Lookup in `catalogue` (one language's), numbers formatted and plurals chosen for `lang`. */
export function createLookup<Key extends string>(catalogue: Readonly<Record<Key, string>>, lang: Language): Lookup<Key> {
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const number = (n: number) => numbers.format(n);
  return {
    t: (key, params) => format(catalogue[key], params, number),
    tn: (base, count, params) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return format(catalogue[`${base}.${form}` as Key], { ...params, count }, number);
    },
  };
}

export interface Translator extends Lookup<MessageKey> {
  readonly lang: Language;
  /** A key that may not exist (e.g. a content warning's label): the fallback when it does not. */
  tOr(key: string, fallback: string): string;
  number(n: number): string;
  date(iso: string): string;
  /** «a, b og c» / "a, b and c". */
  list(items: readonly string[]): string;
  /** A language code's name in this language (nb → «norsk bokmål»), the code itself when unknown. */
  languageName(code: string): string;
}

export function createTranslator(lang: Language): Translator {
  const catalogue = CATALOGUES[lang];
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const number = (n: number) => numbers.format(n);
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(lang, { type: 'language', fallback: 'code' }) : null;
  const lists = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  return {
    lang,
    ...createLookup(catalogue, lang),
    tOr: (key, fallback) => (key in catalogue ? catalogue[key as MessageKey] : fallback),
    number,
    list: (items) => lists.format(items),
    date: (iso) => {
      const when = new Date(iso);
      return Number.isNaN(when.getTime()) ? iso : dates.format(when);
    },
    languageName: (code) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code; // not a well-formed language tag
      }
    },
  };
}
