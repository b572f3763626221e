import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';
import type { PageProps } from '../routes.js';

/**
 * A page whose code loads only when it is first visited (a separate chunk), so the first load
 * stays small: the contribute and staff pages are not needed to search and read.
 */
export function lazyPage(load: () => Promise<ComponentType<PageProps>>): ComponentType<PageProps> {
  let loaded: ComponentType<PageProps> | null = null;
  return function LazyPage(props: PageProps) {
    const [page, setPage] = useState<{ component: ComponentType<PageProps> | null; error: unknown }>({ component: loaded, error: null });
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (page.component) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setPage({ component, error: null });
        },
        (error: unknown) => live && setPage({ component: null, error }),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (page.error) return <ErrorNotice error={page.error} onRetry={() => { setPage({ component: null, error: null }); setAttempt((n) => n + 1); }} />;
    const Page = page.component;
    return Page ? <Page {...props} /> : <Loading />;
  };
}
