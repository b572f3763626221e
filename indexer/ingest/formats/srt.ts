import type { LineError, RawSegment } from '../sources.js';
import { collapseSpace, cuesToSegments, readCues, type CuePart } from './webvtt.js';

/**
 * SubRip (.srt) transcripts → segments. SubRip is WebVTT's ancestor: the same cue blocks, a
 * counter instead of an optional identifier and a comma before the milliseconds, so the cue
 * reading is shared (see webvtt.ts). Speakers are marked with a `NAME:` prefix.
 */

/** SubRip allows simple HTML-like tags and ASS override codes (`{\an8}`); neither is speech. */
const srtParts = (text: string): CuePart[] => [
  { voice: undefined, text: collapseSpace(text.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, '')) },
];

export function parseSrt(text: string): { segments: RawSegment[]; errors: LineError[] } {
  const { cues, errors } = readCues(text, 'srt');
  return { segments: cuesToSegments(cues, srtParts), errors };
}
