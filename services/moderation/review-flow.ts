import type { StoryStatus } from '../repositories/story.repository.js';

/**
 * The path of a story from submission to publication, as a pure function so every rule is in
 * one place and tested on its own:
 *
 *   submitted ──claim──▶ in_review ──send_for_approval──▶ awaiting_approval ──approve (contributor)──▶ published
 *                           ▲  │                                 │
 *                           │  └──publish (only a version its     └──decline_edits (contributor)──▶ in_review
 *                           │      contributor approved)──▶ published
 *        reject (with a reason) from submitted / in_review / awaiting_approval ──▶ rejected
 *        unpublish (editor) from published ──▶ in_review
 *
 * A contributed story is never published in a version its contributor has not approved; an
 * imported one (consent handled outside Levd) has no contributor to ask.
 */
export const REVIEW_ACTIONS = ['claim', 'send_for_approval', 'approve', 'decline_edits', 'publish', 'reject', 'unpublish'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ReviewFacts {
  readonly status: StoryStatus;
  readonly source: 'import' | 'contribution';
  readonly revision: number;
  /** The revision its contributor approved; null for imports. */
  readonly approvedRevision: number | null;
}

export type ReviewStep = { readonly ok: true; readonly status: Exclude<StoryStatus, 'withdrawn'> } | { readonly ok: false; readonly reason: string };

const FROM: Readonly<Record<ReviewAction, readonly StoryStatus[]>> = {
  claim: ['submitted'],
  send_for_approval: ['in_review'],
  approve: ['awaiting_approval'],
  decline_edits: ['awaiting_approval'],
  publish: ['in_review'],
  reject: ['submitted', 'in_review', 'awaiting_approval'],
  unpublish: ['published'],
};

const TO: Readonly<Record<ReviewAction, Exclude<StoryStatus, 'withdrawn'>>> = {
  claim: 'in_review',
  send_for_approval: 'awaiting_approval',
  approve: 'published',
  decline_edits: 'in_review',
  publish: 'published',
  reject: 'rejected',
  unpublish: 'in_review',
};

const STATUS_WORDS: Readonly<Record<StoryStatus, string>> = {
  submitted: 'submitted',
  in_review: 'in review',
  awaiting_approval: 'waiting for its contributor\'s approval',
  published: 'published',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

export function reviewStep(facts: ReviewFacts, action: ReviewAction): ReviewStep {
  if (facts.status === 'withdrawn') return { ok: false, reason: 'The story has been withdrawn by its contributor.' };
  if (!FROM[action].includes(facts.status)) {
    return { ok: false, reason: `Cannot ${action.replaceAll('_', ' ')} a story that is ${STATUS_WORDS[facts.status]}.` };
  }
  if (action === 'send_for_approval' && facts.source !== 'contribution') {
    return { ok: false, reason: 'An imported story has no contributor to approve it; publish it directly.' };
  }
  if (action === 'publish' && facts.source === 'contribution' && facts.approvedRevision !== facts.revision) {
    return {
      ok: false,
      reason: `Revision ${facts.revision} has not been approved by its contributor (they approved revision ${facts.approvedRevision ?? 'none'}); send it for approval first.`,
    };
  }
  return { ok: true, status: TO[action] };
}
