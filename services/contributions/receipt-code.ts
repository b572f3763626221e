import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { AppStateRepository } from '../repositories/app-state.repository.js';

/**
 * The receipt code: the contributor's only key to their story (no account). It is shown once;
 * only a slow, keyed hash of it is stored (`consent_receipts.receipt_code_hash`) and the story
 * is found by that hash, so the hash is deterministic within one installation: scrypt salted
 * with a per-installation pepper kept in `app_state`. Never log a code, nor echo it back.
 */

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_LENGTH = 20; // × 5 bits = 100 bits
const GROUP = 4; // shown as five groups of four
export const RECEIPT_CODE_EXAMPLE = 'K7QH-2M9D-XW4R-T8NB-3JCF';

declare const receiptCodeBrand: unique symbol;
/** A well-formed code in canonical form (`XXXX-XXXX-XXXX-XXXX-XXXX`): only generated or parsed codes are hashed. */
export type ReceiptCode = string & { readonly [receiptCodeBrand]: true };

const format = (symbols: string): ReceiptCode =>
  Array.from({ length: symbols.length / GROUP }, (_, i) => symbols.slice(i * GROUP, (i + 1) * GROUP)).join('-') as ReceiptCode;

export function generateReceiptCode(): ReceiptCode {
  // 256 is a multiple of 32, so the low five bits of each random byte are uniform.
  const bytes = randomBytes(RECEIPT_CODE_LENGTH);
  let symbols = '';
  for (const byte of bytes) symbols += ALPHABET[byte & 31];
  return format(symbols);
}

export type ReceiptCodeProblem = 'empty' | 'length' | 'characters';

export type ParsedReceiptCode =
  | { readonly ok: true; readonly code: ReceiptCode }
  | { readonly ok: false; readonly problem: ReceiptCodeProblem; readonly message: string };

const SHAPE = `it has ${RECEIPT_CODE_LENGTH} letters and digits, like ${RECEIPT_CODE_EXAMPLE}`;
// Anything longer is not a mistyped code; don't normalise megabytes of it.
const MAX_INPUT = 200;

/**
 * What a person types → the canonical code: spaces and dashes anywhere, lower case, and the
 * look-alikes Crockford maps (I, L → 1; O → 0) are all accepted. The message says what is wrong
 * without repeating the code.
 */
export function parseReceiptCode(input: string): ParsedReceiptCode {
  if (input.length > MAX_INPUT) return { ok: false, problem: 'length', message: `The receipt code is far too long; ${SHAPE}.` };
  const symbols = input
    .trim()
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (symbols === '') return { ok: false, problem: 'empty', message: `The receipt code is empty; ${SHAPE}.` };
  const wrong = [...new Set([...symbols].filter((c) => !ALPHABET.includes(c)))];
  if (wrong.length > 0) {
    const listed = wrong.slice(0, 5).map((c) => (/^[\x21-\x7e]$/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
    return {
      ok: false,
      problem: 'characters',
      message: `The receipt code cannot hold ${listed.join(', ')}; it uses the digits 0–9 and the letters A–Z except I, L, O and U.`,
    };
  }
  if (symbols.length !== RECEIPT_CODE_LENGTH) {
    return { ok: false, problem: 'length', message: `The receipt code has ${symbols.length} letters and digits; ${SHAPE}.` };
  }
  return { ok: true, code: format(symbols) };
}

// --- The slow hash ----------------------------------------------------------------------------

/**
 * scrypt's cost, fixed per installation when its pepper is made: the stored hashes are only
 * found again with the same parameters, so changing these defaults affects new installations
 * only. N = 2^14 (16 MiB) took ~37 ms on the 2-core build machine (2^15 took ~94 ms). The code
 * carries 100 random bits, so the cost is defence in depth, not what stops guessing; a modest
 * cost also keeps a flood of wrong codes from tying up the thread pool.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const STATE_KEY = 'receipt_code_hasher';

const hasherStateSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    pepper: z.base64().refine((p) => Buffer.from(p, 'base64').length === 32, 'must be 32 bytes'),
    N: z.number().int().min(2 ** 10).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(16),
  })
  .strict();
type HasherState = z.infer<typeof hasherStateSchema>;

export interface ReceiptHasher {
  /** The code's keyed scrypt hash, hex: the value stored in and looked up by `receipt_code_hash`. */
  hash(code: ReceiptCode): Promise<string>;
}

function scryptHex(code: string, salt: Buffer, options: ScryptOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}

/**
 * The installation's hasher. The first call creates the pepper (32 random bytes) unless another
 * process already has; every process then reads the same one, so they all agree.
 */
export function createReceiptHasher(deps: { readonly appState: Pick<AppStateRepository, 'getOrCreate'> }): ReceiptHasher {
  let state: Promise<{ salt: Buffer; options: ScryptOptions }> | undefined;
  const load = async () => {
    const fresh: HasherState = { algorithm: 'scrypt', pepper: randomBytes(32).toString('base64'), ...DEFAULT_SCRYPT };
    const stored = hasherStateSchema.safeParse(await deps.appState.getOrCreate(STATE_KEY, fresh));
    if (!stored.success) throw new Error(`app_state "${STATE_KEY}" is not a valid receipt-code hasher state: ${stored.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const { pepper, N, r, p } = stored.data;
    return { salt: Buffer.from(pepper, 'base64'), options: { N, r, p, maxmem: 256 * N * r } };
  };
  return {
    async hash(code) {
      // A failed read is not cached: the next call tries again.
      state ??= load().catch((error: unknown) => {
        state = undefined;
        throw error;
      });
      const { salt, options } = await state;
      return scryptHex(code.replace(/-/g, ''), salt, options);
    },
  };
}
