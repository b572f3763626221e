import { createHash } from 'node:crypto';

/**
 * A chunk's id is derived from what it is — its story, place and text — so a rerun after a
 * crash, or a re-import of unchanged text, produces the very same ids in PostgreSQL and in
 * Meilisearch instead of new rows beside the old ones. Formatted as a UUID (version 8,
 * "custom") to fit the `uuid` column.
 */
export function chunkId(storyId: string, ordinal: number, textSha256: string): string {
  const bytes = createHash('sha256').update(`${storyId}\u0000${ordinal}\u0000${textSha256}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
