import { readDraft, type Draft } from './draft.js';

/**
 * The draft in sessionStorage: this tab only, through reloads and «reopen closed tab» (which is
 * why «Begynn på nytt» stays at hand). Apart from draft.ts so its pure rules need no browser.
 */

const STORAGE_KEY = 'levd.contribute.draft';

export function loadDraft(): Draft | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? readDraft(JSON.parse(stored)) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft still lives in the page.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
