import { createHash } from 'node:crypto';
import type { ConsentChoices } from '../../services/repositories/consent.repository.js';
import type { DisplayMode, StoryContent, StoryHead } from '../../services/repositories/story.repository.js';
import type { StoryRecord } from './story-record.js';

/**
 * What importing one record should do to the archive, decided without touching it: a pure
 * comparison of the record with what is stored, so every rule (new revision only when the
 * content changed, withdrawn stays withdrawn, unknown themes refused) is tested directly.
 */

export type ImportableRecord = StoryRecord & { readonly language: string };

export interface DesiredStory {
  readonly externalId: string;
  readonly content: StoryContent;
  readonly contentSha256: string;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly isFictional: boolean;
  readonly themes: readonly string[];
  readonly consent: ConsentChoices & { readonly givenAt?: string };
  readonly withdrawnAt?: string;
}

export type ImportPlan =
  | { readonly action: 'create' }
  | { readonly action: 'create-withdrawn' }
  | { readonly action: 'withdraw' }
  | { readonly action: 'unchanged' }
  | { readonly action: 'refuse'; readonly reason: string }
  | {
      readonly action: 'update';
      readonly content: boolean;
      readonly details: boolean;
      readonly themes: boolean;
      readonly consent: boolean;
      readonly publish: boolean;
    };

export interface Stored {
  readonly head: StoryHead;
  readonly consent: ConsentChoices | undefined;
}

export function desiredStory(record: ImportableRecord): DesiredStory {
  const { consent } = record;
  const content: StoryContent = {
    title: record.title ?? '',
    language: record.language,
    kind: record.kind,
    body: record.kind === 'written' ? (record.text ?? '') : null,
    segments: record.kind === 'interview' ? (record.segments ?? []) : null,
  };
  return {
    externalId: record.externalId,
    content,
    contentSha256: contentHash(content),
    displayMode: consent.display,
    displayName: consent.display === 'name' ? (consent.name ?? null) : consent.display === 'pseudonym' ? (consent.pseudonym ?? null) : null,
    contentWarnings: uniqueSorted(record.contentWarnings),
    isFictional: record.fictional,
    themes: uniqueSorted(record.themes),
    consent: {
      consentTextVersion: consent.consentTextVersion,
      public: consent.public,
      clinicians: consent.clinicians,
      teaching: consent.teaching,
      research: consent.research,
      quote: consent.quote,
      displayMode: consent.display,
      ...(consent.givenAt !== undefined ? { givenAt: consent.givenAt } : {}),
    },
    ...(consent.withdrawnAt !== undefined ? { withdrawnAt: consent.withdrawnAt } : {}),
  };
}

export function planImport(
  stored: Stored | undefined,
  desired: DesiredStory,
  options: { readonly publish: boolean; readonly knownThemes: ReadonlySet<string> },
): ImportPlan {
  const unknown = desired.themes.filter((slug) => !options.knownThemes.has(slug));
  if (unknown.length > 0) {
    return { action: 'refuse', reason: `unknown theme${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `"${s}"`).join(', ')} (levd themes are listed in the README)` };
  }
  if (!stored) return { action: desired.withdrawnAt !== undefined ? 'create-withdrawn' : 'create' };
  const { head } = stored;
  if (head.status === 'withdrawn') {
    return desired.withdrawnAt !== undefined
      ? { action: 'unchanged' }
      : { action: 'refuse', reason: 'its teller withdrew it; a withdrawn story is never imported again' };
  }
  if (desired.withdrawnAt !== undefined) return { action: 'withdraw' };

  const content = head.contentSha256 !== desired.contentSha256;
  const details =
    head.displayMode !== desired.displayMode ||
    head.displayName !== desired.displayName ||
    head.isFictional !== desired.isFictional ||
    !sameList(head.contentWarnings, desired.contentWarnings);
  const themes = !sameList(head.confirmedThemes, desired.themes);
  const consent = !stored.consent || !sameConsent(stored.consent, desired.consent);
  const publish = options.publish && head.status !== 'published';
  if (!content && !details && !themes && !consent && !publish) return { action: 'unchanged' };
  return { action: 'update', content, details, themes, consent, publish };
}

/** Identifies a revision's content; a re-import with the same hash is not a new revision. */
export function contentHash(content: StoryContent): string {
  const canonical = JSON.stringify([content.kind, content.language, content.title, content.body, content.segments]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sameConsent(a: ConsentChoices, b: ConsentChoices): boolean {
  return (
    a.consentTextVersion === b.consentTextVersion &&
    a.displayMode === b.displayMode &&
    a.public === b.public &&
    a.clinicians === b.clinicians &&
    a.teaching === b.teaching &&
    a.research === b.research &&
    a.quote === b.quote
  );
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sa = uniqueSorted(a);
  const sb = uniqueSorted(b);
  return sa.length === sb.length && sa.every((value, i) => value === sb[i]);
}
