import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: what the session cookie and the CSRF token hold. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Cheap shape check before any lookup: a cookie that cannot be ours never reaches the database. */
export function isWellFormedToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Sessions are stored by this digest, so a leaked copy of the table signs nobody in. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
