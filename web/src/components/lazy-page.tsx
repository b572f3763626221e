import type { ComponentType } from 'preact';
import { useApi } from '../hooks/use-api.js';
import type { PageProps } from '../routes.js';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';

/**
 * A page whose code loads only when it is first visited (a separate chunk), so the first load
 * stays small: the contribute and staff pages are not needed to search and read.
 */
export function lazyPage(load: () => Promise<ComponentType<PageProps>>): ComponentType<PageProps> {
  let loaded: ComponentType<PageProps> | null = null;
  return function LazyPage(props: PageProps) {
    const chunk = useApi(async () => (loaded ??= await load()), []);
    const Page = loaded ?? (chunk.status === 'ok' ? chunk.data : null);
    if (Page) return <Page {...props} />;
    if (chunk.status === 'error') return <ErrorNotice error={chunk.error} onRetry={chunk.retry} />;
    return <Loading />;
  };
}
