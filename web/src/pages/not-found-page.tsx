import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useI18n } from '../i18n/i18n.js';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <section class="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('common.backToSearch')}</a>
      </p>
    </section>
  );
}
