import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client.js';
import { ErrorNotice } from '../../../components/error-notice.js';
import { redactStory, type ReviewView, type StoryPart } from '../staff-api.js';
import { useStaffText, type StaffText } from '../messages.js';
import {
  acceptAll,
  countDecided,
  partsWithMarks,
  previewOf,
  redactionRequest,
  storyLanguage,
  type Decisions,
  type PartText,
} from './deidentify.js';
import { MarkChoices, PiiMarkedText } from './mark-choices.js';
import { PseudonymMap } from './pseudonym-map.js';

interface Props {
  readonly view: ReviewView;
  readonly onChange: (view: ReviewView, message: string) => void;
  readonly onReload: () => void;
}

/**
 * The story with the personal data the API marked in it, a choice per mark, a preview, and
 * «apply» (a new revision). Choices start empty: nothing changes unless the editor decides.
 */
export function DeidentifyPanel({ view, onChange, onReload }: Props) {
  const { t: s } = useStaffText();
  const parts = useMemo(() => partsWithMarks(view), [view]);
  const language = storyLanguage(view.story.language);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [nothing, setNothing] = useState(false);
  const total = parts.reduce((n, p) => n + p.marks.length, 0);

  const apply = async () => {
    const request = redactionRequest(parts, decisions, view.story.revision);
    setNothing(request === null);
    setFailure(null);
    if (!request) return;
    setBusy(true);
    try {
      const next = await redactStory(view.story.id, request);
      onChange(next, s('deid.applied', { revision: next.story.revision }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="review-section" aria-labelledby="deid-title">
      <h2 id="deid-title">{s('deid.title')}</h2>
      {view.story.status !== 'in_review' && <p class="notice notice-info">{s('deid.notInReview')}</p>}
      <p>{total === 0 ? s('deid.none') : s('deid.intro')}</p>
      {total > 0 && (
        <div class="button-row">
          <button type="button" class="button" onClick={() => setDecisions(acceptAll(parts, view.pseudonyms))} aria-describedby="deid-accept-hint">
            {s('deid.acceptAll')}
          </button>
          <button type="button" class="button button-quiet" onClick={() => setDecisions({})} disabled={countDecided(parts, decisions) === 0}>
            {s('deid.clear')}
          </button>
          <span id="deid-accept-hint" class="hint">
            {s('deid.acceptAllHint')}
          </span>
        </div>
      )}

      {parts.map((part) => (
        <div key={String(part.part)} class="deid-part">
          <h3>{partName(part, view, s)}</h3>
          <PiiMarkedText part={part} decisions={decisions} language={language} />
          {part.marks.length > 0 && (
            <MarkChoices part={part} parts={parts} decisions={decisions} pseudonyms={view.pseudonyms} language={language} onChange={setDecisions} />
          )}
        </div>
      ))}

      {total > 0 && (
        <>
          <section class="deid-preview" aria-labelledby="deid-preview-title">
            <h3 id="deid-preview-title">{s('deid.preview')}</h3>
            <p class="hint">{s('deid.previewHint')}</p>
            <div data-testid="deid-preview">
              {parts.map((part) => (
                <div key={String(part.part)} class="preview-part">
                  <p class="preview-part-name">{partName(part, view, s)}</p>
                  <p class="story-text">
                    {previewOf(part, decisions, view.pseudonyms, language).map((piece, i) =>
                      piece.kind === 'text' ? (
                        piece.text
                      ) : piece.kind === 'pending' ? (
                        <span key={i} class="deid-replacement deid-pending">
                          {s('deid.pending', { text: piece.original })}
                        </span>
                      ) : (
                        <span key={i} class={`deid-replacement deid-${piece.kind}`}>
                          {piece.text}
                        </span>
                      ),
                    )}
                  </p>
                </div>
              ))}
            </div>
          </section>
          <p role="status" aria-live="polite">
            {s('deid.decided', { decided: countDecided(parts, decisions), total })}
          </p>
          {nothing && (
            <p class="notice notice-error" role="alert">
              {s('deid.nothing')}
            </p>
          )}
          {failure !== null && <ApplyFailure error={failure} onReload={onReload} />}
          <button type="button" class="button button-primary" onClick={() => void apply()} disabled={busy}>
            {busy ? s('deid.applying') : s('deid.apply')}
          </button>
        </>
      )}

      <PseudonymMap pseudonyms={view.pseudonyms} />
    </section>
  );
}

function ApplyFailure({ error, onReload }: { readonly error: unknown; readonly onReload: () => void }) {
  const { t: s } = useStaffText();
  if (!(error instanceof ApiError && error.status === 409)) return <ErrorNotice error={error} />;
  // A newer revision (another editor) or a status change: the decisions were made on text that is gone.
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{s('deid.conflict')}</p>
      <p class="notice-detail">{error.message}</p>
      <button type="button" class="button" onClick={onReload}>
        {s('review.reload')}
      </button>
    </div>
  );
}

export function partName(part: Pick<PartText, 'part'>, view: ReviewView, s: StaffText['t']): string {
  const p: StoryPart = part.part;
  if (p === 'title') return s('deid.part.title');
  if (p === 'body') return s('deid.part.body');
  const speaker = view.story.segments?.[p]?.speaker;
  return speaker ? s('deid.part.segmentSpeaker', { number: p + 1, speaker }) : s('deid.part.segment', { number: p + 1 });
}
