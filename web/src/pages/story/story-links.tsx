import { useI18n, type MessageKey } from '../../i18n/i18n.js';

/** The story page's URL, scrolled to a passage when one is given. */
export function storyHref(id: string, passage?: string | null): string {
  const base = `/stories/${encodeURIComponent(id)}`;
  return passage ? `${base}?passage=${encodeURIComponent(passage)}` : base;
}

/** Content warnings in the UI language where the catalogue knows the word, as given otherwise. */
export function WarningList({ warnings, template }: { readonly warnings: readonly string[]; readonly template: MessageKey }) {
  const { t, tOr } = useI18n();
  return <>{t(template, { warnings: warnings.map((w) => tOr(`warning.${w}`, w)).join(', ') })}</>;
}
