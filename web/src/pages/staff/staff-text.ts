import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { format, type Params } from '../../i18n/translate.js';
import { STAFF_MESSAGES, type StaffMessageKey } from './messages.js';

/** The staff pages' strings in the language the foundation's I18nProvider holds. */
export interface StaffText {
  s(key: StaffMessageKey, params?: Params): string;
  /** `{base}.one` / `{base}.other` by the language's plural rules; {count} filled in. */
  sn(base: 'queue.count', count: number): string;
}

export function useStaffText(): StaffText {
  const { lang, number } = useI18n();
  return useMemo(() => {
    const catalogue = STAFF_MESSAGES[lang];
    const plurals = new Intl.PluralRules(lang);
    return {
      s: (key, params) => format(catalogue[key], params, number),
      sn: (base, count) => format(catalogue[`${base}.${plurals.select(count) === 'one' ? 'one' : 'other'}`], { count }, number),
    };
  }, [lang, number]);
}
