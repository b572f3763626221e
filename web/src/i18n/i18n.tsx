import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { createLookup, createTranslator, isLanguage, type Language, type Lookup, type Translator } from './translate.js';

/** The chosen UI language: persisted in localStorage, reflected in `<html lang>`. */

const STORAGE_KEY = 'levd.lang';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be blocked (private mode, policies): Norwegian first, as the archive is.
  }
  return 'nb';
}

interface I18n extends Translator {
  setLanguage(lang: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, [lang]);
  const value = useMemo<I18n>(() => ({ ...createTranslator(lang), setLanguage: setLang }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}

/** What an area's hook gives: its own `t` / `tn`, and the app's language, numbers, dates and lists. */
export type AreaMessages<Key extends string> = Lookup<Key> & Pick<Translator, 'lang' | 'number' | 'date' | 'list' | 'languageName'>;

/**
 * An area's catalogue (contribute, staff, collections …) as a hook, in the language the app holds,
 * through the same lookup and plural code as the main catalogue. Define it once per area, at module
 * level:
 *
 *   const nb = { 'x.title': 'Tittel', 'x.count.one': '{count} sak', 'x.count.other': '{count} saker' } as const;
 *   const en: Record<keyof typeof nb, string> = { 'x.title': 'Title', 'x.count.one': '{count} item', 'x.count.other': '{count} items' };
 *   export const useAreaText = createMessages({ nb, en });
 *   // in a component:  const { t, tn } = useAreaText();  t('x.title');  tn('x.count', 3);
 *
 * The lookup for a language is built once; the hook's answer is stable while the language holds.
 */
export function createMessages<Key extends string>(catalogues: Readonly<Record<Language, Readonly<Record<Key, string>>>>): () => AreaMessages<Key> {
  const built = new Map<Language, Lookup<Key>>();
  const lookupFor = (lang: Language) => {
    let lookup = built.get(lang);
    if (!lookup) built.set(lang, (lookup = createLookup(catalogues[lang], lang)));
    return lookup;
  };
  return function useAreaMessages() {
    const i18n = useI18n();
    return useMemo(() => {
      const { lang, number, date, list, languageName } = i18n;
      return { ...lookupFor(lang), lang, number, date, list, languageName };
    }, [i18n]);
  };
}

export type { Language, Lookup, Params, PluralBase, Translator } from './translate.js';
export { LANGUAGES } from './translate.js';
export type { MessageKey } from './nb.js';
