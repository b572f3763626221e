import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { PASSWORD_MIN_LENGTH, hashPassword, newPasswordSchema, verifyAgainstDummy, verifyPassword } from '../../services/auth/password.js';
import { isWellFormedToken, newToken, sameToken, tokenDigest } from '../../services/auth/session-token.js';
import { emailSchema, signInBodySchema, staffUserPatchSchema } from '../../services/auth/auth.schema.js';
import { ConfigError, loadConfig } from '../../services/config/config.js';
import { readCookie } from '../../services/http/access-control.js';

describe('passwords', () => {
  it('hashes with argon2id, a fresh salt each time, and verifies only the right password', async () => {
    const password = 'hestebatteri-stift-riktig';
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(password);
    expect(await verifyPassword(first, password)).toBe(true);
    expect(await verifyPassword(second, password)).toBe(true);
    expect(await verifyPassword(first, `${password}x`)).toBe(false);
    expect(await verifyPassword(first, password.toUpperCase())).toBe(false);
  });

  it(`refuses a new password shorter than ${PASSWORD_MIN_LENGTH} characters, saying so`, async () => {
    await expect(hashPassword('a'.repeat(PASSWORD_MIN_LENGTH - 1))).rejects.toThrow(ZodError);
    const result = newPasswordSchema.safeParse('kort');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be at least 12 characters long');
    expect(newPasswordSchema.safeParse('a'.repeat(PASSWORD_MIN_LENGTH)).success).toBe(true);
    expect(newPasswordSchema.safeParse('a'.repeat(1_001)).success).toBe(false);
  });

  it('treats a hash that is not argon2 as a wrong password, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever-password')).toBe(false);
    expect(await verifyPassword('', 'whatever-password')).toBe(false);
  });

  it('spends an argon2 verification on unknown e-mails too, and never matches', async () => {
    const known = await hashPassword('a-known-password-1');
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) await fn();
      return performance.now() - start;
    };
    expect(await verifyAgainstDummy('levd-dummy-password-never-matches')).toBe(false);
    const dummy = await time(() => verifyAgainstDummy('guess-guess-guess'));
    const real = await time(() => verifyPassword(known, 'guess-guess-guess'));
    // Same work (one argon2 verification with the same parameters): within a factor of three, not orders apart.
    expect(dummy / real).toBeGreaterThan(1 / 3);
    expect(dummy / real).toBeLessThan(3);
  });
});

describe('session tokens', () => {
  it('are 32 random bytes in base64url, stored by their SHA-256', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
    const token = newToken();
    expect(tokenDigest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(token)).toBe(tokenDigest(token));
    expect(tokenDigest(token)).not.toBe(tokenDigest(newToken()));
    for (const bad of ['', 'abc', `${token}x`, token.replace(/.$/, '='), `${token.slice(0, 42)};`]) expect(isWellFormedToken(bad), bad).toBe(false);
  });

  it('compare equal only when equal, whatever the lengths', () => {
    const token = newToken();
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken(token, newToken())).toBe(false);
    expect(sameToken(token, token.slice(1))).toBe(false);
    expect(sameToken('', token)).toBe(false);
  });
});

describe('the session cookie in a Cookie header', () => {
  it('is found among others, and only by its exact name', () => {
    expect(readCookie('levd_session=abc', 'levd_session')).toBe('abc');
    expect(readCookie('theme=dark; levd_session=abc-_1; lang=nb', 'levd_session')).toBe('abc-_1');
    expect(readCookie('theme=dark;levd_session="quoted"', 'levd_session')).toBe('quoted');
    expect(readCookie('xlevd_session=abc; levd_session_old=def', 'levd_session')).toBeUndefined();
    expect(readCookie('', 'levd_session')).toBeUndefined();
    expect(readCookie(undefined, 'levd_session')).toBeUndefined();
  });
});

describe('account input', () => {
  it('lower-cases and trims e-mail addresses, and refuses what is not one', () => {
    expect(emailSchema.parse('  Kari.Nordmann@Example.NO ')).toBe('kari.nordmann@example.no');
    for (const bad of ['kari', 'kari@', '@example.no', 'kari @example.no', 42]) expect(emailSchema.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('takes sign-in as exactly e-mail and password, and a patch only with something to change', () => {
    expect(signInBodySchema.safeParse({ email: 'a@b.no', password: 'x' }).success).toBe(true);
    expect(signInBodySchema.safeParse({ email: 'a@b.no', password: 'x', role: 'admin' }).success).toBe(false);
    expect(signInBodySchema.safeParse({ email: 'a@b.no', password: '' }).success).toBe(false);
    expect(staffUserPatchSchema.safeParse({}).success).toBe(false);
    expect(staffUserPatchSchema.safeParse({ role: 'editor' }).success).toBe(true);
    expect(staffUserPatchSchema.safeParse({ role: 'anonymous' }).success).toBe(false);
    expect(staffUserPatchSchema.safeParse({ disabled: 'yes' }).success).toBe(false);
  });
});

describe('auth and submission settings', () => {
  it('have defaults', () => {
    const config = loadConfig({});
    expect(config.auth).toEqual({ sessionTtlHours: 12, cookieSecure: 'auto', signInAttemptsPer15Min: 10 });
    expect(config.submissions).toEqual({ maxChars: 200_000, uploadMaxBytes: 2 * 1024 * 1024, perHour: 5, receiptAttemptsPer15Min: 20 });
  });

  it('read every variable', () => {
    const config = loadConfig({
      SESSION_TTL_HOURS: '1',
      COOKIE_SECURE: 'true',
      SIGN_IN_ATTEMPTS_PER_15_MIN: '3',
      SUBMISSION_MAX_CHARS: '5000',
      SUBMISSION_UPLOAD_MAX_BYTES: '4096',
      SUBMISSIONS_PER_HOUR: '50',
      RECEIPT_ATTEMPTS_PER_15_MIN: '7',
    });
    expect(config.auth).toEqual({ sessionTtlHours: 1, cookieSecure: 'always', signInAttemptsPer15Min: 3 });
    expect(config.submissions).toEqual({ maxChars: 5000, uploadMaxBytes: 4096, perHour: 50, receiptAttemptsPer15Min: 7 });
    expect(loadConfig({ COOKIE_SECURE: 'false' }).auth.cookieSecure).toBe('never');
  });

  it.each([
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', '1.5'],
    ['COOKIE_SECURE', 'yes'],
    ['SIGN_IN_ATTEMPTS_PER_15_MIN', '0'],
    ['SUBMISSION_MAX_CHARS', 'lots'],
    ['SUBMISSION_UPLOAD_MAX_BYTES', '10'],
    ['SUBMISSIONS_PER_HOUR', '-1'],
    ['RECEIPT_ATTEMPTS_PER_15_MIN', ''.padEnd(3, 'x')],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
