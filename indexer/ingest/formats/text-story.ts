import type { RawStoryRecord } from '../story-record.js';
import type { LineError } from '../sources.js';
import { splitFrontMatter } from './front-matter.js';
import { parseInterviewText } from './interview-text.js';

/**
 * A story in a .md / .markdown / .txt file: optional front matter, then the body. The body is
 * the text of a written story, or — when the metadata says `kind: interview` — turns in
 * interview notation. Metadata may also come from a sidecar .json; the front matter wins
 * field by field.
 */

export interface TextStory {
  readonly record?: RawStoryRecord;
  readonly errors: LineError[];
}

export function parseTextStory(text: string, sidecar: RawStoryRecord = {}): TextStory {
  const front = splitFrontMatter(text);
  if (!front.ok) return { errors: [front.error] };
  if ('text' in front.data || 'segments' in front.data) {
    const field = 'text' in front.data ? 'text' : 'segments';
    return { errors: [{ line: 1, message: `front matter must not hold "${field}": the story is the body below the front matter` }] };
  }
  const metadata: RawStoryRecord = { ...sidecar, ...front.data };
  const kind = metadata.kind ?? 'written';
  if (kind === 'interview') {
    const { segments, errors } = parseInterviewText(front.body, front.bodyLine);
    return { record: { ...metadata, kind, segments }, errors };
  }
  return { record: { ...metadata, kind, text: front.body.trim() }, errors: [] };
}
