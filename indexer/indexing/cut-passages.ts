import { chunkTranscript } from '../chunking/transcript-chunker.js';
import { chunkWritten, type Chunk, type ChunkingOptions, type CountTokens } from '../chunking/written-chunker.js';
import type { Segment } from '../ingest/story-record.js';

/** The stage between a stored story and its passages: the right chunker for its kind. */
export function cutPassages(
  story: { readonly kind: 'written' | 'interview'; readonly body: string | null; readonly segments: readonly Segment[] | null },
  countTokens: CountTokens,
  options?: ChunkingOptions,
): Chunk[] {
  if (story.kind === 'written') return chunkWritten(story.body ?? '', countTokens, options);
  return chunkTranscript(story.segments ?? [], countTokens, options).chunks;
}
