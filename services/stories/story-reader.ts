import type { Db } from '../../db/db.js';
import { layoutTranscript } from '../../indexer/chunking/transcript-chunker.js';
import { audiencesFor, type Viewer } from '../consent/viewer.js';
import { createStoryReadRepository, type PassageRow } from '../repositories/story-read.repository.js';
import { storyCard } from './story-card.js';
import type { StoryView } from './story.schema.js';

/**
 * The story page: a story in full as far as its consent lets this viewer see it. A story the
 * viewer may not see is `undefined`, exactly like one that does not exist, so the API never
 * tells anyone that a story they may not read is there.
 */
export interface StoryReader {
  get(id: string, viewer: Viewer, options?: { passage?: string }): Promise<StoryView | undefined>;
}

export function createStoryReader(deps: { db: Db }): StoryReader {
  const reads = createStoryReadRepository(deps.db);
  return {
    async get(id, viewer, options = {}) {
      const audiences = audiencesFor(viewer);
      const [row, marks] = await Promise.all([reads.page(id, audiences), reads.passageMarks(id, audiences)]);
      if (!row) return undefined;
      const passages = marks.map(passageMark);
      // Interviews are shown as the indexer laid them out, so passage offsets point into the same text.
      const layout = row.segments ? layoutTranscript(row.segments) : undefined;
      const text = layout ? layout.text : (row.body ?? '');
      const segments =
        row.segments && layout
          ? row.segments.map((segment, i) => ({
              ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}),
              ...(segment.start !== undefined ? { start: segment.start } : {}),
              ...(segment.end !== undefined ? { end: segment.end } : {}),
              text: segment.text,
              startChar: layout.segments[i]!.start,
              endChar: layout.segments[i]!.end,
            }))
          : null;
      return {
        story: {
          ...storyCard(row),
          text,
          segments,
          publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt).toISOString(),
        },
        passages,
        focus: passages.find((p) => p.chunkId === options.passage) ?? null,
      };
    },
  };
}

function passageMark(row: Omit<PassageRow, 'text'>): StoryView['passages'][number] {
  return {
    chunkId: row.id,
    startChar: row.startChar,
    endChar: row.endChar,
    ...(row.speaker !== null ? { speaker: row.speaker } : {}),
    ...(row.startSeconds !== null ? { start: row.startSeconds } : {}),
    ...(row.endSeconds !== null ? { end: row.endSeconds } : {}),
  };
}
