import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { createTranslator, isLanguage, type Language, type Translator } from './translate.js';

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

export type { Language, Translator } from './translate.js';
export { LANGUAGES } from './translate.js';
export type { MessageKey } from './nb.js';
