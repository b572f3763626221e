import { createHash } from 'node:crypto';
import type { HandoutFormat, HandoutLanguage } from './collection.schema.js';

/**
 * A collection rendered as a handout, in Markdown or as a standalone HTML page with a print
 * stylesheet. Pure: the service decides what each item may show (a passage, or why not);
 * this module only writes it down, escaping every piece of user and story text.
 */

/** What an item may show: the passage itself, or the reason it is left out. */
export type HandoutPassage =
  | { readonly kind: 'quote'; readonly text: string }
  /** The teller did not consent to verbatim quotation. */
  | { readonly kind: 'no_quote' }
  /** The story was edited after the passage was chosen; the range may point at other words. */
  | { readonly kind: 'revised' };

export interface HandoutItem {
  readonly storyTitle: string;
  /** The name the teller's consent allows; null when anonymous. */
  readonly displayName: string | null;
  readonly storyUrl: string;
  readonly note: string;
  readonly passage: HandoutPassage;
}

export interface Handout {
  readonly title: string;
  readonly description: string;
  readonly items: readonly HandoutItem[];
  readonly madeAt: Date;
}

interface Words {
  readonly locale: string;
  readonly toldBy: (name: string) => string;
  readonly anonymous: string;
  readonly readStory: string;
  readonly note: string;
  readonly noQuote: string;
  readonly revised: string;
  readonly empty: string;
  readonly made: (date: string) => string;
  readonly consentHeading: string;
  readonly consentNote: readonly string[];
  readonly fallbackFilename: string;
}

const WORDS: Readonly<Record<HandoutLanguage, Words>> = {
  nb: {
    locale: 'nb-NO',
    toldBy: (name) => `Fortalt av ${name}`,
    anonymous: 'Anonym',
    readStory: 'Les hele historien i Levd',
    note: 'Merknad',
    noQuote: 'Fortelleren har ikke samtykket til ordrett sitering, så utdraget er ikke gjengitt her. Les det i Levd.',
    revised: 'Historien er endret etter at utdraget ble valgt, så det er ikke gjengitt her. Velg utdraget på nytt i Levd.',
    empty: 'Samlingen har ingen utdrag.',
    made: (date) => `Laget ${date} fra Levd.`,
    consentHeading: 'Om samtykke',
    consentNote: [
      'Fortellerne har samtykket til at historiene deres brukes i undervisning. Bruk utdragene bare til det, og del dem ikke videre utover det samtykket dekker.',
      'En forteller kan når som helst trekke samtykket sitt. Utdrag fra historier som er trukket tilbake, er slettet fra Levd og finnes ikke lenger i samlingen: lag en ny utgave av dette arket før hver gang det brukes.',
    ],
    fallbackFilename: 'samling',
  },
  en: {
    locale: 'en-GB',
    toldBy: (name) => `Told by ${name}`,
    anonymous: 'Anonymous',
    readStory: 'Read the whole story in Levd',
    note: 'Note',
    noQuote: 'The teller did not consent to verbatim quotation, so the passage is not reproduced here. Read it in Levd.',
    revised: 'The story has been edited since this passage was chosen, so it is not reproduced here. Choose the passage again in Levd.',
    empty: 'This collection has no passages.',
    made: (date) => `Made ${date} from Levd.`,
    consentHeading: 'About consent',
    consentNote: [
      'The tellers consented to their stories being used in teaching. Use these passages for that only, and do not pass them on beyond what that consent covers.',
      'A teller may withdraw consent at any time. Passages from withdrawn stories have been deleted from Levd and are no longer in the collection: make a fresh copy of this handout before each use.',
    ],
    fallbackFilename: 'collection',
  },
};

export function renderHandout(handout: Handout, format: HandoutFormat, lang: HandoutLanguage): string {
  return format === 'md' ? renderMarkdown(handout, lang) : renderHtml(handout, lang);
}

/** An ASCII file name from the title (`Tvang i psykiatrien` → `tvang-i-psykiatrien.html`). */
export function handoutFilename(title: string, format: HandoutFormat, lang: HandoutLanguage): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || WORDS[lang].fallbackFilename}.${format}`;
}

function madeLine(handout: Handout, words: Words): string {
  return words.made(new Intl.DateTimeFormat(words.locale, { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(handout.madeAt));
}

function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

// --- Markdown ---------------------------------------------------------------------------------

/**
 * Text as literal Markdown: inline markup characters (and `<`, `&`, so no raw HTML or entity
 * reaches a renderer) are backslash-escaped, which CommonMark allows for any ASCII
 * punctuation; so are the line starts that would open a heading, list, quote or rule.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .trimStart()
        .replace(/[\\`*_{}[\]()<>&|~!]/g, '\\$&')
        .replace(/^([#+=>-])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** A link target we built ourselves, made safe for `(…)` whatever it holds. */
function markdownUrl(url: string): string {
  return encodeURI(url).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

function renderMarkdown(handout: Handout, lang: HandoutLanguage): string {
  const words = WORDS[lang];
  const out: string[] = [`# ${escapeMarkdown(oneLine(handout.title))}`, ''];
  if (handout.description) out.push(escapeMarkdown(handout.description), '');
  out.push(`*${escapeMarkdown(madeLine(handout, words))}*`, '');
  if (handout.items.length === 0) out.push(escapeMarkdown(words.empty), '');
  handout.items.forEach((item, i) => {
    out.push(`## ${i + 1}\\. ${escapeMarkdown(oneLine(item.storyTitle))}`, '');
    out.push(`*${escapeMarkdown(item.displayName ? words.toldBy(oneLine(item.displayName)) : words.anonymous)}*`, '');
    if (item.passage.kind === 'quote') {
      out.push(paragraphs(item.passage.text).map((p) => escapeMarkdown(p).split('\n').map((line) => `> ${line}`).join('\n')).join('\n>\n'), '');
    } else {
      out.push(escapeMarkdown(item.passage.kind === 'no_quote' ? words.noQuote : words.revised), '');
    }
    if (item.note) out.push(`**${escapeMarkdown(words.note)}:** ${escapeMarkdown(item.note)}`, '');
    out.push(`[${escapeMarkdown(words.readStory)}](${markdownUrl(item.storyUrl)})`, '');
  });
  out.push('---', '', `## ${escapeMarkdown(words.consentHeading)}`, '');
  for (const p of words.consentNote) out.push(escapeMarkdown(p), '');
  return out.join('\n');
}

// --- HTML -------------------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A link only to http(s); anything else (javascript:, data:) becomes no link at all. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) || url.startsWith('/') ? url : undefined;
}

const STYLESHEET = `
:root { color-scheme: light; }
body { margin: 0; font: 1rem/1.6 Georgia, 'Times New Roman', serif; color: #1a1a1a; background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
.description { font-size: 1.05rem; }
.made, .byline { color: #4a4a4a; font-style: italic; margin: 0 0 1rem; }
article { border-top: 1px solid #bbb; padding: 1.5rem 0 .5rem; }
blockquote { margin: 0 0 1rem; padding: 0 0 0 1rem; border-left: 4px solid #6b6b6b; }
.withheld { padding: .5rem .75rem; background: #f1f1f1; border-left: 4px solid #6b6b6b; }
.note { margin: 0 0 .75rem; }
a { color: #0b4f8a; }
.consent { border-top: 2px solid #1a1a1a; margin-top: 2rem; padding-top: 1rem; font-size: .95rem; }
@media print {
  @page { margin: 2cm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; word-break: break-all; }
  article, .consent { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
}`;

/** Nothing may load or run: the page is its own inline stylesheet (allowed by hash) and text. */
export const HANDOUT_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

function htmlParagraphs(text: string, className?: string): string {
  const attribute = className ? ` class="${className}"` : '';
  return paragraphs(text)
    .map((p) => `<p${attribute}>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

function renderHtml(handout: Handout, lang: HandoutLanguage): string {
  const words = WORDS[lang];
  const articles = handout.items.map((item, i) => {
    const href = safeHref(item.storyUrl);
    const byline = item.displayName ? words.toldBy(oneLine(item.displayName)) : words.anonymous;
    const passage =
      item.passage.kind === 'quote'
        ? `<blockquote>\n${htmlParagraphs(item.passage.text)}\n</blockquote>`
        : `<p class="withheld">${escapeHtml(item.passage.kind === 'no_quote' ? words.noQuote : words.revised)}</p>`;
    return [
      '<article>',
      `<h2>${i + 1}. ${escapeHtml(oneLine(item.storyTitle))}</h2>`,
      `<p class="byline">${escapeHtml(byline)}</p>`,
      passage,
      item.note ? `<p class="note"><strong>${escapeHtml(words.note)}:</strong> ${escapeHtml(item.note).replace(/\n/g, '<br>\n')}</p>` : '',
      href ? `<p class="source"><a href="${escapeHtml(href)}">${escapeHtml(words.readStory)}</a></p>` : '',
      '</article>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HANDOUT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(oneLine(handout.title))}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${escapeHtml(oneLine(handout.title))}</h1>`,
    handout.description ? htmlParagraphs(handout.description, 'description') : '',
    `<p class="made">${escapeHtml(madeLine(handout, words))}</p>`,
    '</header>',
    handout.items.length === 0 ? `<p>${escapeHtml(words.empty)}</p>` : articles.join('\n'),
    '<footer class="consent">',
    `<h2>${escapeHtml(words.consentHeading)}</h2>`,
    ...words.consentNote.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</footer>',
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
