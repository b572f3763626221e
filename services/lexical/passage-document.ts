/**
 * What the indexer hands a lexical engine for each passage (chunk) of a story, in terms of
 * the domain, not of any engine. The engine decides how to store it; PostgreSQL is always
 * the source of truth, so every field here can be rebuilt from the database.
 */
import type { Audience } from '../consent/audience.js';
import type { StoryStatus } from '../repositories/story.repository.js';

export interface PassageDocument {
  /** The chunk's uuid: the same id as `chunks.id` in PostgreSQL. */
  readonly id: string;
  readonly storyId: string;
  readonly ordinal: number;
  readonly text: string;
  readonly title: string;
  /** The story's language code: nb, nn, en, … */
  readonly language: string;
  readonly kind: 'written' | 'interview';
  readonly status: Exclude<StoryStatus, 'withdrawn'>;
  /** The scopes the story's current consent allows: search filters on these inside the engine. */
  readonly audience: readonly Audience[];
  /** Confirmed and suggested theme slugs. */
  readonly themes: readonly string[];
  readonly confirmedThemes: readonly string[];
  readonly contentWarnings: readonly string[];
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker?: string;
  readonly startSeconds?: number;
  readonly endSeconds?: number;
  readonly embedding: { readonly model: string; readonly vector: readonly number[] };
}
