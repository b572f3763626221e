import { ApiError } from '../../api/client.js';
import { getStory } from '../../api/endpoints.js';
import type { StoryView } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApi } from '../../hooks/use-api.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { themeLabel, useThemes } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../routes.js';
import { useLocation } from '../../router.js';
import { lastSearchHref } from '../search/last-search.js';
import { RelatedStories } from './related-stories.js';
import { StoryActions } from './story-actions.js';
import { WarningList } from './story-links.js';
import { StoryText } from './story-text.js';

/** `/stories/:id?passage=CHUNK_ID`: a story in full, at the passage the reader came from. */
export function StoryPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const passage = useLocation().query.get('passage');
  const story = useApi((signal) => getStory(id, passage, signal), [id, passage]);
  useDocumentTitle(story.status === 'ok' ? story.data.story.title : t('story.loadingTitle'));

  if (story.status === 'loading') return <Loading />;
  if (story.status === 'error') {
    // 404 for a story that does not exist and one the caller may not see alike (the API does not tell them apart);
    // 400 is a malformed id in the address, which is no story either.
    const missing = story.error instanceof ApiError && (story.error.status === 404 || story.error.status === 400);
    return missing ? <StoryMissing /> : <ErrorNotice error={story.error} onRetry={story.retry} />;
  }
  return <StoryArticle view={story.data} />;
}

function StoryMissing() {
  const { t } = useI18n();
  useDocumentTitle(t('story.notFound.title'));
  return (
    <section class="page">
      <h1>{t('story.notFound.title')}</h1>
      <p>{t('story.notFound.body')}</p>
      <p>
        <a href="/">{t('common.backToSearch')}</a>
      </p>
    </section>
  );
}

function StoryArticle({ view }: { readonly view: StoryView }) {
  const { t, lang, date, languageName } = useI18n();
  const themes = useThemes();
  const { story, focus } = view;
  return (
    <div class="story-page">
      <p class="back-link no-print">
        <a href={lastSearchHref()}>
          {t('common.backToSearch')}
        </a>
      </p>
      <article class="story" aria-labelledby="story-title" lang={story.language}>
        <header class="story-header" lang={lang}>
          <h1 id="story-title" lang={story.language}>
            {story.title}
          </h1>
          <p class="story-meta">
            <span>{t('story.by', { name: story.displayName ?? t('common.anonymous') })}</span>
            <span>{t(`result.kind.${story.kind}`)}</span>
            <span>{languageName(story.language)}</span>
            {story.publishedAt && <span>{t('story.published', { date: date(story.publishedAt) })}</span>}
          </p>
          {story.themes.length > 0 && (
            <ul class="tag-list" aria-label={t('story.themes')}>
              {story.themes.map((slug) => (
                <li key={slug} class="tag">
                  <a href={`/?theme=${encodeURIComponent(slug)}`}>{themeLabel(themes.bySlug, slug, lang)}</a>
                </li>
              ))}
            </ul>
          )}
          {story.contentWarnings.length > 0 && (
            <div class="notice notice-warning" role="note" aria-label={t('story.warning.title')}>
              <p class="notice-title">{t('story.warning.title')}</p>
              <p>
                <WarningList warnings={story.contentWarnings} template="story.warning.body" />
              </p>
            </div>
          )}
          <StoryActions story={story} focus={focus} passages={view.passages} />
        </header>
        <h2 class="visually-hidden" lang={lang}>
          {story.segments ? t('story.transcript') : t('story.text')}
        </h2>
        <StoryText text={story.text} segments={story.segments} focus={focus} />
      </article>
      <div class="no-print" lang={lang}>
        <RelatedStories storyId={story.id} themes={themes.bySlug} />
      </div>
    </div>
  );
}
