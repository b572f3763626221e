/**
 * The receipt code, kept for this tab only (sessionStorage) so neither a reload nor a click away
 * loses it: the server cannot show it again. It is never put in a URL or in localStorage, and it
 * is forgotten after a full withdrawal or when the contributor says so.
 *
 * Two entries: the code the status page opens with, and — from sending until the contributor
 * dismisses it — the receipt /contribute keeps showing.
 */
const CODE_KEY = 'levd.contribute.receipt';
const PENDING_KEY = 'levd.contribute.pending-receipt';

export interface PendingReceipt {
  readonly receiptCode: string;
  readonly statusUrl: string;
}

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked or full: the page still holds it until it is left.
  }
}

export const storedReceiptCode = (): string | null => read(CODE_KEY);
export const rememberReceiptCode = (code: string): void => write(CODE_KEY, code);
/** Forgets the code everywhere in this tab, the receipt /contribute would show again too. */
export function forgetReceiptCode(): void {
  write(CODE_KEY, null);
  write(PENDING_KEY, null);
}

/** A receipt just given, which /contribute shows again until dismissed. */
export function pendingReceipt(): PendingReceipt | null {
  const stored = read(PENDING_KEY);
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { receiptCode, statusUrl } = value as Record<string, unknown>;
    return typeof receiptCode === 'string' && typeof statusUrl === 'string' ? { receiptCode, statusUrl } : null;
  } catch {
    return null;
  }
}

/** Keeps the code both for the status page and for showing the receipt again. */
export function rememberPendingReceipt(receipt: PendingReceipt): void {
  rememberReceiptCode(receipt.receiptCode);
  write(PENDING_KEY, JSON.stringify({ receiptCode: receipt.receiptCode, statusUrl: receipt.statusUrl }));
}

/** The contributor has saved the code: /contribute starts afresh (the status page still opens with it). */
export const dismissPendingReceipt = (): void => write(PENDING_KEY, null);
