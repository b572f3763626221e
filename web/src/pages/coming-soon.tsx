import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

/** Placeholder for a page another part of the work fills in: its title and «coming soon». */
export function ComingSoon({ titleKey }: { readonly titleKey: MessageKey }) {
  const { t } = useI18n();
  useDocumentTitle(t(titleKey));
  return (
    <section class="page">
      <h1>{t(titleKey)}</h1>
      <p>{t('common.comingSoon')}</p>
      <p>
        <a href="/">{t('common.backToSearch')}</a>
      </p>
    </section>
  );
}
