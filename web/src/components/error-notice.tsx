import { ApiError } from '../api/client.js';
import { useI18n, type Translator } from '../i18n/i18n.js';

/** What went wrong, in the reader's language; the API's own message only where it helps (bad input). */
export function describeError(error: unknown, t: Translator['t']): string {
  if (!(error instanceof ApiError)) return t('error.server');
  switch (error.kind) {
    case 'timeout':
      return t('error.timeout');
    case 'network':
      return t('error.network');
    case 'invalid-response':
      return t('error.server');
    case 'http':
      if (error.status === 400 || error.status === 409 || error.status === 413 || error.status === 415) return t('error.badRequest', { message: error.message });
      if (error.status === 401) return t('error.signIn');
      if (error.status === 403) return t('error.forbidden');
      if (error.status === 404) return t('error.notFound');
      if (error.status === 429) return t('error.tooMany');
      if (error.status === 503) return t('error.unavailable');
      return t('error.server');
  }
}

interface Props {
  readonly error: unknown;
  /** Shows a retry button when given. */
  readonly onRetry?: () => void;
  /** A heading of its own; «Something went wrong» by default. */
  readonly title?: string;
}

/** A readable error with a retry button: what every failed API call shows instead of a blank page. */
export function ErrorNotice({ error, onRetry, title }: Props) {
  const { t } = useI18n();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title ?? t('error.title')}</p>
      <p>{describeError(error, t)}</p>
      {requestId && <p class="notice-detail">{t('error.requestId', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
