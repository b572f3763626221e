import { useEffect } from 'preact/hooks';

/** The tab's title for this page: «Page – Levd» (screen readers announce it on navigation). */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} – Levd` : 'Levd';
  }, [title]);
}
