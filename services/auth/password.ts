import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * Password hashing with argon2id (OWASP's first choice), @node-rs/argon2's default algorithm
 * (its `Algorithm` is a const enum, which isolated modules cannot import; the schema's CHECK
 * and a test hold it to argon2id). Its defaults are OWASP's minimum (19 MiB, 2 passes, 1
 * lane); the parameters are inside each stored PHC string, so raising them later still
 * verifies old hashes.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase or password manager; short enough that nobody sends us megabytes to hash. */
export const PASSWORD_MAX_LENGTH = 1_000;

/** The rule for a new password; a ZodError from it names the field and the rule (400 over HTTP). */
export const newPasswordSchema = z
  .string({ error: 'must be a string' })
  .min(PASSWORD_MIN_LENGTH, { error: `must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  .max(PASSWORD_MAX_LENGTH, { error: `must be at most ${PASSWORD_MAX_LENGTH} characters long` });

export async function hashPassword(password: string): Promise<string> {
  return hash(newPasswordSchema.parse(password));
}

/** False for a wrong password and for a hash that is not one of ours; never throws on either. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * For a sign-in with an unknown e-mail: verify against a hash of nothing, so the answer takes
 * as long as for a known account and timing does not tell which e-mails have one.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('levd-dummy-password-never-matches');
  await verifyPassword(await dummyHash, password);
  return false;
}
