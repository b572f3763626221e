import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../web/src/pages/contribute/markdown.js';

const text = (t: string) => ({ kind: 'text', text: t });

describe('web contribute markdown: inline', () => {
  it('reads **strong**, *em* and _em_ between plain text', () => {
    expect(parseInline('Du kan **alltid** trekke den *tilbake*, _uten_ grunn.')).toEqual([
      text('Du kan '),
      { kind: 'strong', text: 'alltid' },
      text(' trekke den '),
      { kind: 'em', text: 'tilbake' },
      text(', '),
      { kind: 'em', text: 'uten' },
      text(' grunn.'),
    ]);
  });

  it('keeps unmatched markers, underscores inside words and markup-looking text as characters', () => {
    expect(parseInline('2 * 3 = 6 og **åpen')).toEqual([text('2 * 3 = 6 og **åpen')]);
    expect(parseInline('fil_navn_her')).toEqual([text('fil_navn_her')]);
    expect(parseInline('<script>alert(1)</script> [lenke](https://x.example)')).toEqual([text('<script>alert(1)</script> [lenke](https://x.example)')]);
    expect(parseInline('')).toEqual([]);
  });
});

describe('web contribute markdown: blocks', () => {
  it('reads headings, paragraphs joined across lines, bullet and numbered lists', () => {
    const source = ['# Samtykke ##', '', 'Første linje', 'andre linje.', '', '## Hva vi gjør', '- Vi leser', '  videre her', '* Vi fjerner navn', '', '1. Ett', '2) To'].join('\r\n');
    expect(parseMarkdown(source)).toEqual([
      { kind: 'heading', level: 1, content: [text('Samtykke')] },
      { kind: 'paragraph', content: [text('Første linje andre linje.')] },
      { kind: 'heading', level: 2, content: [text('Hva vi gjør')] },
      { kind: 'list', ordered: false, items: [[text('Vi leser videre her')], [text('Vi fjerner navn')]] },
      { kind: 'list', ordered: true, items: [[text('Ett')], [text('To')]] },
    ]);
  });

  it('starts a new block where a list changes kind, or a paragraph follows a list', () => {
    expect(parseMarkdown('- a\n1. b\nslutt').map((b) => (b.kind === 'list' ? `list:${b.ordered}` : b.kind))).toEqual(['list:false', 'list:true', 'paragraph']);
    expect(parseMarkdown('avsnitt\n- punkt').map((b) => b.kind)).toEqual(['paragraph', 'list']);
  });

  it('leaves what it does not know as written text, and nothing for blank input', () => {
    expect(parseMarkdown('> sitat\n`kode`\n#ikke overskrift')).toEqual([{ kind: 'paragraph', content: [text('> sitat `kode` #ikke overskrift')] }]);
    expect(parseMarkdown('  \n\n ')).toEqual([]);
  });
});
