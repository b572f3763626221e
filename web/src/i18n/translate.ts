import { en } from './en.js';
import { nb, type MessageKey } from './nb.js';

/**
 * Pure translation: a language's catalogue, `{name}` filled in, plural forms by Intl.PluralRules.
 * The Preact side (i18n.tsx) only holds which language is chosen.
 */

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { nb, en };

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

export type Params = Readonly<Record<string, string | number>>;

/** Keys that have `.one` / `.other` forms, named without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

export function format(template: string, params: Params = {}, formatNumber: (n: number) => string = String): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

export interface Translator {
  readonly lang: Language;
  t(key: MessageKey, params?: Params): string;
  /** The plural form for `count` ({count} is filled in with it). */
  tn(key: PluralKey, count: number, params?: Params): string;
  /** A key that may not exist (e.g. a content warning's label): the fallback when it does not. */
  tOr(key: string, fallback: string): string;
  number(n: number): string;
  date(iso: string): string;
  /** A language code's name in this language (nb → «norsk bokmål»), the code itself when unknown. */
  languageName(code: string): string;
}

export function createTranslator(lang: Language): Translator {
  const catalogue = CATALOGUES[lang];
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const number = (n: number) => numbers.format(n);
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(lang, { type: 'language', fallback: 'code' }) : null;
  return {
    lang,
    t: (key, params) => format(catalogue[key], params, number),
    tn: (key, count, params) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return format(catalogue[`${key}.${form}` as MessageKey], { ...params, count }, number);
    },
    tOr: (key, fallback) => (key in catalogue ? catalogue[key as MessageKey] : fallback),
    number,
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
