import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { format, type Params } from '../../i18n/translate.js';
import { ADD_MESSAGES, type AddMessageKey } from './messages.js';

/** The add-to-collection strings in the language the foundation's I18nProvider holds. */
export function useAddText(): (key: AddMessageKey, params?: Params) => string {
  const { lang, number } = useI18n();
  return useMemo(() => (key: AddMessageKey, params?: Params) => format(ADD_MESSAGES[lang][key], params, number), [lang, number]);
}
