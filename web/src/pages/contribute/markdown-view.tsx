import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { parseMarkdown, type Inline } from './markdown.js';

/** Renders Markdown as elements with text children (see markdown.ts): never as HTML. */

const inline = (parts: readonly Inline[]) =>
  parts.map((part, i) => (part.kind === 'strong' ? <strong key={i}>{part.text}</strong> : part.kind === 'em' ? <em key={i}>{part.text}</em> : part.text));

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

export function MarkdownView(props: { readonly source: string; readonly topLevel: 2 | 3 | 4; readonly class?: string }): JSX.Element {
  const blocks = useMemo(() => parseMarkdown(props.source), [props.source]);
  return (
    <div class={props.class}>
      {blocks.map((block, i) => {
        if (block.kind === 'heading') {
          const Tag = `h${Math.min(6, props.topLevel + block.level - 1)}` as HeadingTag;
          return <Tag key={i}>{inline(block.content)}</Tag>;
        }
        if (block.kind === 'paragraph') return <p key={i}>{inline(block.content)}</p>;
        const items = block.items.map((item, j) => <li key={j}>{inline(item)}</li>);
        return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      })}
    </div>
  );
}
