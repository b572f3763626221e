import { useI18n } from '../i18n/i18n.js';

/** A quiet «Loading …» that screen readers hear once (role=status). */
export function Loading({ label }: { readonly label?: string }) {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}
