import { getSimilarStories } from '../../api/endpoints.js';
import type { Theme } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { themeLabel } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';
import { storyHref } from './story-links.js';

const RELATED_COUNT = 5;

/** Stories like this one (GET /api/stories/:id/similar), each linked at the passage that relates it. */
export function RelatedStories({ storyId, themes }: { readonly storyId: string; readonly themes: ReadonlyMap<string, Theme> }) {
  const { t, lang } = useI18n();
  const related = useApi((signal) => getSimilarStories(storyId, RELATED_COUNT, signal), [storyId]);
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">{t('story.related')}</h2>
      {related.status === 'loading' && <Loading />}
      {related.status === 'error' && <ErrorNotice error={related.error} onRetry={related.retry} />}
      {related.status === 'ok' &&
        (related.data.results.length === 0 ? (
          <p>{t('story.relatedNone')}</p>
        ) : (
          <ul class="related-list">
            {related.data.results.map(({ story, passages }) => (
              <li key={story.id}>
                <a href={storyHref(story.id, passages[0]?.chunkId)} lang={story.language}>
                  {story.title}
                </a>
                <span class="related-meta">
                  {' – '}
                  {story.displayName ?? t('common.anonymous')}
                  {story.themes.length > 0 && ` · ${story.themes.map((s) => themeLabel(themes, s, lang)).join(', ')}`}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
