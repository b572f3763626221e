import { useMemo } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.js';
import { format, type Params } from '../../../i18n/translate.js';
import { COLLECTION_MESSAGES, type CollectionMessageKey } from './messages.js';

type PluralBase = { [K in CollectionMessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends CollectionMessageKey ? B : never) : never }[CollectionMessageKey];

/** The collection pages' strings in the language the foundation's I18nProvider holds. */
export interface CollectionText {
  c(key: CollectionMessageKey, params?: Params): string;
  /** `{base}.one` / `{base}.other` by the language's plural rules; {count} filled in. */
  cn(base: PluralBase, count: number, params?: Params): string;
}

export function useCollectionText(): CollectionText {
  const { lang, number } = useI18n();
  return useMemo(() => {
    const catalogue = COLLECTION_MESSAGES[lang];
    const plurals = new Intl.PluralRules(lang);
    return {
      c: (key, params) => format(catalogue[key], params, number),
      cn: (base, count, params) => format(catalogue[`${base}.${plurals.select(count) === 'one' ? 'one' : 'other'}`], { ...params, count }, number),
    };
  }, [lang, number]);
}
