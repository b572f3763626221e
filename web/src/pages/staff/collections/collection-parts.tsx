import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../../components/error-notice.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useCollectionText } from './messages.js';
import { handoutUrl, LIMITS, updateCollection, type CollectionView } from '../../../api/collections.js';

/** The collection page's smaller parts: editing its title and description, the handout downloads, the consent note. */

type SaveState = { readonly step: 'idle' | 'saving' | 'saved' } | { readonly step: 'failed'; readonly error: unknown };

export function CollectionAbout({ view, onSaved }: { readonly view: CollectionView; onSaved(next: CollectionView): void }) {
  const { t: c } = useCollectionText();
  const [title, setTitle] = useState(view.title);
  const [description, setDescription] = useState(view.description);
  const [state, setState] = useState<SaveState>({ step: 'idle' });

  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ step: 'saving' });
    try {
      const next = await updateCollection(view.id, { title, description });
      setTitle(next.title);
      setDescription(next.description);
      onSaved(next);
      setState({ step: 'saved' });
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };

  return (
    <details class="collection-about no-print">
      <summary>{c('detail.about')}</summary>
      <form class="collection-form" onSubmit={(e) => void submit(e)} noValidate>
        {state.step === 'failed' && <ErrorNotice error={state.error} />}
        <div class="form-field">
          <label for="collection-title-field">{c('create.name')}</label>
          <input id="collection-title-field" type="text" value={title} maxLength={LIMITS.title} required onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="form-field">
          <label for="collection-description-field">{c('create.description')}</label>
          <textarea
            id="collection-description-field"
            rows={3}
            value={description}
            maxLength={LIMITS.description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={state.step === 'saving'}>
            {state.step === 'saving' ? c('detail.saving') : c('detail.save')}
          </button>
          <p class="hint" role="status" aria-live="polite">
            {state.step === 'saved' ? c('detail.saved') : ''}
          </p>
        </div>
      </form>
    </details>
  );
}

/** Download links in the UI's language (the handout's own words follow it), and print for this page's print stylesheet. */
export function HandoutExport({ view }: { readonly view: CollectionView }) {
  const { t: c } = useCollectionText();
  const { lang, languageName } = useI18n();
  return (
    <section class="collection-export no-print" aria-labelledby="export-title">
      <h2 id="export-title">{c('export.title')}</h2>
      <p>{c('export.intro', { language: languageName(lang) })}</p>
      <div class="button-row">
        <a class="button" href={handoutUrl(view.id, 'md', lang)} download>
          {c('export.markdown')}
        </a>
        <a class="button" href={handoutUrl(view.id, 'html', lang)} download>
          {c('export.html')}
        </a>
        <button type="button" class="button" aria-describedby="print-hint" onClick={() => window.print()}>
          {c('export.print')}
        </button>
      </div>
      <p id="print-hint" class="hint">
        {c('export.printHint')}
      </p>
    </section>
  );
}

/** The same note the handout ends with: what the tellers consented to, and that they may withdraw. */
export function ConsentNote() {
  const { t: c } = useCollectionText();
  return (
    <section class="collection-consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{c('consent.title')}</h2>
      <p>{c('consent.p1')}</p>
      <p>{c('consent.p2')}</p>
    </section>
  );
}
