import type { MatchedBy, Passage, SearchResult, Theme } from '../../api/types.js';
import { MarkedText } from '../../components/marked-text.js';
import { themeLabel } from '../../hooks/use-themes.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatTimestamp, isoDuration } from '../../lib/story-layout.js';
import { storyHref, WarningList } from '../story/story-links.js';

const WHY_ORDER: readonly MatchedBy[] = ['vector', 'lexical', 'theme'];

/** The engines that found any of the result's passages, in a fixed order. */
export function whyMatched(passages: readonly Passage[]): MatchedBy[] {
  const found = new Set(passages.flatMap((p) => p.matchedBy));
  return WHY_ORDER.filter((m) => found.has(m));
}

/** One story in the result list: its title (to the story at its best passage), who told it, themes, passages. */
export function ResultCard({ result, themes }: { readonly result: SearchResult; readonly themes: ReadonlyMap<string, Theme> }) {
  const { t, lang, languageName } = useI18n();
  const { story, passages } = result;
  const why = whyMatched(passages);
  const headingId = `result-${story.id}`;
  return (
    <article class="result" aria-labelledby={headingId}>
      {/* The story's own language (a screen reader then pronounces it right), not the UI's. */}
      <h2 class="result-title" id={headingId} lang={story.language}>
        <a href={storyHref(story.id, passages[0]?.chunkId)}>{story.title}</a>
      </h2>
      <p class="result-meta">
        <span>{t('result.by', { name: story.displayName ?? t('common.anonymous') })}</span>
        <span>{t(`result.kind.${story.kind}`)}</span>
        <span>{languageName(story.language)}</span>
      </p>
      {story.themes.length > 0 && (
        <ul class="tag-list" aria-label={t('result.themes')}>
          {story.themes.map((slug) => (
            <li key={slug} class="tag">
              {themeLabel(themes, slug, lang)}
            </li>
          ))}
        </ul>
      )}
      {story.contentWarnings.length > 0 && (
        <p class="result-warning">
          <WarningList warnings={story.contentWarnings} template="result.warnings" />
        </p>
      )}
      {passages.length > 0 && (
        <ul class="passages" aria-label={t('result.passages')}>
          {passages.map((passage) => (
            <li key={passage.chunkId}>
              <PassageQuote storyId={story.id} language={story.language} passage={passage} />
            </li>
          ))}
        </ul>
      )}
      {why.length > 0 && (
        <p class="result-why">
          {t('result.why')} {why.map((m) => t(`result.why.${m}`)).join(' · ')}
        </p>
      )}
    </article>
  );
}

function PassageQuote({ storyId, language, passage }: { readonly storyId: string; readonly language: string; readonly passage: Passage }) {
  const { t } = useI18n();
  return (
    <figure class="passage">
      {(passage.speaker !== undefined || passage.start !== undefined) && (
        <figcaption class="passage-meta">
          {passage.speaker}
          {passage.speaker !== undefined && passage.start !== undefined && ', '}
          {passage.start !== undefined && <time dateTime={isoDuration(passage.start)}>{formatTimestamp(passage.start)}</time>}
        </figcaption>
      )}
      <blockquote lang={language}>
        <p>
          <MarkedText text={passage.text} ranges={passage.highlights} />
        </p>
      </blockquote>
      <a class="passage-link" href={storyHref(storyId, passage.chunkId)}>
        {t('result.read')}
      </a>
    </figure>
  );
}
