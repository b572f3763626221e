/**
 * The receipt code, kept for this tab only (sessionStorage) so the status page can be reloaded
 * without typing it again. It is never put in a URL, and it is forgotten after a full withdrawal.
 */
const STORAGE_KEY = 'levd.contribute.receipt';

export function storedReceiptCode(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberReceiptCode(code: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not kept: the contributor types it again after a reload.
  }
}

export function forgetReceiptCode(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing kept.
  }
}
