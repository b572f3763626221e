import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, HANDOUT_CSP, handoutFilename, renderHandout, type Handout, type HandoutItem } from '../../services/collections/handout.js';
import { random as seededRandom } from '../support/seeded-random.js';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> *fet* _kursiv_ [lenke](javascript:alert(1)) `kode` ![bilde](x.png)';
const LINE_STARTS = ['# Overskrift', '1. nummerert', '2) også', '- punkt', '+ punkt', '> sitat', '=====', '---', '    innrykket kode', '<div>blokk</div>'];

function item(overrides: Partial<HandoutItem> = {}): HandoutItem {
  return {
    storyTitle: 'Veien tilbake',
    displayName: 'Fjellrev',
    storyUrl: 'https://levd.example/stories/0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21',
    note: '',
    passage: { kind: 'quote', text: 'Det som hjalp meg mest var at noen spurte.' },
    ...overrides,
  };
}

function handout(items: HandoutItem[], overrides: Partial<Handout> = {}): Handout {
  return { title: 'Tvang og tillit', description: 'Til seminaret i mars.', items, madeAt: new Date('2026-03-01T10:00:00Z'), ...overrides };
}

/** What a CommonMark reader sees of escaped text: each backslash escape of ASCII punctuation is that character. */
const unescapeMarkdown = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Markdown-significant characters in `md` that are not backslash-escaped. */
function unescapedSpecials(md: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\') {
      i++;
      continue;
    }
    if ('`*_{}[]()<>&|~!'.includes(md[i]!)) found.push(md[i]!);
  }
  return found;
}

describe('escapeMarkdown', () => {
  it('leaves no markup character unescaped, and reads back as the text itself', () => {
    for (const text of [HOSTILE, ...LINE_STARTS, 'a\\b', 'C:\\mappe\\fil', '5 * 3 = 15 & 2 < 3']) {
      const md = escapeMarkdown(text);
      expect(unescapedSpecials(md), text).toEqual([]);
      expect(unescapeMarkdown(md), text).toBe(text.trimStart());
    }
  });

  it('escapes the line starts that would open a heading, list, quote, rule or code block', () => {
    const md = escapeMarkdown(LINE_STARTS.join('\n')).split('\n');
    expect(md).toEqual([
      '\\# Overskrift',
      '1\\. nummerert',
      '2\\) også',
      '\\- punkt',
      '\\+ punkt',
      '\\> sitat',
      '\\=====',
      '\\---',
      'innrykket kode',
      '\\<div\\>blokk\\</div\\>',
    ]);
  });

  it('round-trips random text made of the awkward characters (seeded)', () => {
    const random = seededRandom(20_260_406);
    const alphabet = [...'ab ø\\`*_{}[]()<>&|~!#+-=.1)\n\t'];
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: random.int(1, 40) }, () => random.pick(alphabet)).join('');
      const md = escapeMarkdown(text);
      expect(unescapedSpecials(md), JSON.stringify(text)).toEqual([]);
      const expected = text.split('\n').map((line) => line.trimStart()).join('\n');
      expect(unescapeMarkdown(md), JSON.stringify(text)).toBe(expected);
      for (const line of md.split('\n')) expect(line, JSON.stringify(text)).not.toMatch(/^([#+=>-]|\d+[.)]|\s)/);
    }
  });
});

describe('the Markdown handout', () => {
  it('attributes each passage, quotes it, gives the note and the link, and ends with the consent note', () => {
    const md = renderHandout(handout([item({ note: 'Les før timen.' }), item({ storyTitle: 'Stille dager', displayName: null })]), 'md', 'nb');
    expect(md).toMatch(/^# Tvang og tillit\n/);
    expect(md).toContain('## 1\\. Veien tilbake');
    expect(md).toContain('*Fortalt av Fjellrev*');
    expect(md).toContain('> Det som hjalp meg mest var at noen spurte\\.'.replace('\\.', '.'));
    expect(md).toContain('**Merknad:** Les før timen.');
    expect(md).toContain('[Les hele historien i Levd](https://levd.example/stories/0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21)');
    expect(md).toContain('## 2\\. Stille dager');
    expect(md).toContain('*Anonym*');
    expect(md).toMatch(/## Om samtykke\n\nFortellerne har samtykket til at historiene deres brukes i undervisning/);
    expect(md.indexOf('Om samtykke')).toBeGreaterThan(md.indexOf('Stille dager'));
    expect(md).toContain('1. mars 2026');
  });

  it('quotes nothing where the teller did not consent to quotation, or the story was edited since', () => {
    const secret = 'Ord som ikke skal siteres';
    const md = renderHandout(handout([item({ passage: { kind: 'no_quote' }, note: 'Snakk om dette.' }), item({ passage: { kind: 'revised' } })]), 'md', 'en');
    expect(md).not.toContain(secret);
    expect(md).not.toMatch(/^>/m);
    expect(md).toContain('The teller did not consent to verbatim quotation');
    expect(md).toContain('The story has been edited since this passage was chosen');
    expect(md).toContain('**Note:** Snakk om dette.');
    expect(md).toContain('*Told by Fjellrev*');
    expect(md).toContain('## About consent');
  });

  it('escapes story text, titles, names and notes, and keeps paragraphs inside the quote', () => {
    const md = renderHandout(
      handout([item({ storyTitle: `# ${HOSTILE}`, displayName: '*Kari*', note: HOSTILE, passage: { kind: 'quote', text: `${HOSTILE}\n\n- ikke en liste\n# ikke en overskrift` } })], {
        title: '[Samling](javascript:alert(1))',
        description: '<b>fet</b>',
      }),
      'md',
      'nb',
    );
    // Angle brackets only ever come escaped: no renderer sees a tag.
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).not.toMatch(/\]\(javascript/);
    expect(md).toContain('> \\<script\\>alert\\("x"\\)\\</script\\>');
    expect(md).toContain('>\n> \\- ikke en liste\n> \\# ikke en overskrift');
    expect(md).toContain('*Fortalt av \\*Kari\\**');
    // Every link in the document is one we made.
    expect([...md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1])).toEqual(['https://levd.example/stories/0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21']);
  });

  it('says so when the collection is empty', () => {
    expect(renderHandout(handout([]), 'md', 'nb')).toContain('Samlingen har ingen utdrag.');
    expect(renderHandout(handout([]), 'html', 'en')).toContain('This collection has no passages.');
  });
});

describe('the HTML handout', () => {
  const html = renderHandout(
    handout([item({ note: HOSTILE, passage: { kind: 'quote', text: `${HOSTILE}\n\nAndre avsnitt\nmed linjeskift.` } }), item({ passage: { kind: 'no_quote' } })], {
      title: `</title><script>alert(1)</script>`,
      description: '"><svg onload=alert(1)>',
    }),
    'html',
    'nb',
  );

  it('is a whole document in the chosen language with a strict CSP that allows only its own stylesheet', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBe(HANDOUT_CSP.replaceAll("'", '&#39;'));
    expect(HANDOUT_CSP).toMatch(/^default-src 'none'; /);
    expect(HANDOUT_CSP).not.toMatch(/unsafe|script-src/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(HANDOUT_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(style).toMatch(/@media print/);
    expect(renderHandout(handout([]), 'html', 'en')).toMatch(/<html lang="en">/);
  });

  it('escapes every piece of user and story text: no tag or attribute of theirs survives', () => {
    expect(html.match(/<script/g)).toBeNull();
    expect(html).not.toMatch(/<img|<svg/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    // The only tags are the renderer's own.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['a', 'article', 'blockquote', 'body', 'br', 'footer', 'h1', 'h2', 'head', 'header', 'html', 'main', 'meta', 'p', 'strong', 'style', 'title']);
  });

  it('attributes, links, keeps paragraphs, and leaves out text the teller did not let be quoted', () => {
    expect(html).toContain('<p class="byline">Fortalt av Fjellrev</p>');
    expect(html).toContain('<a href="https://levd.example/stories/0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21">Les hele historien i Levd</a>');
    expect(html).toContain('<p>Andre avsnitt<br>\nmed linjeskift.</p>');
    expect(html).toContain('<p class="withheld">Fortelleren har ikke samtykket til ordrett sitering');
    expect(html.match(/<blockquote>/g)).toHaveLength(1);
    expect(html).toMatch(/<footer class="consent">\n<h2>Om samtykke<\/h2>/);
  });

  it('makes no link of a URL that is not http(s) or a path', () => {
    const out = renderHandout(handout([item({ storyUrl: 'javascript:alert(1)' })]), 'html', 'en');
    expect(out).not.toContain('javascript:');
    expect(out).not.toMatch(/<a /);
  });
});

describe('escapeHtml and file names', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('names the file after the title, in ASCII, with a fallback', () => {
    expect(handoutFilename('Tvang i psykiatrien: Første økt på Ålesund', 'html', 'nb')).toBe('tvang-i-psykiatrien-forste-okt-pa-alesund.html');
    expect(handoutFilename('Bærekraft', 'md', 'nb')).toBe('baerekraft.md');
    expect(handoutFilename('"; rm -rf /', 'md', 'nb')).toBe('rm-rf.md');
    expect(handoutFilename('«»', 'md', 'nb')).toBe('samling.md');
    expect(handoutFilename('!!!', 'html', 'en')).toBe('collection.html');
    expect(handoutFilename('x'.repeat(100), 'md', 'en')).toBe(`${'x'.repeat(60)}.md`);
  });
});
