import type { Db } from '../../db/db.js';
import type { StaffRole } from '../consent/viewer.js';
import type { Logger } from '../platform/logger.js';
import { createAuditRepository } from '../repositories/audit.repository.js';
import { createStaffSessionRepository } from '../repositories/staff-session.repository.js';
import { createStaffUserRepository, type StaffUser } from '../repositories/staff-user.repository.js';
import { StaffAccountConflictError } from './auth-errors.js';
import { newStaffUserSchema, type NewStaffUserInput } from './auth.schema.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import { isWellFormedToken, newToken, tokenDigest } from './session-token.js';

/**
 * Staff accounts and their sessions. A session is a random token in an HttpOnly cookie; the
 * database keeps only its SHA-256, the user, a CSRF token and the expiry. Every sign-in (and
 * failed one), account creation, role change and disabling is in the audit log — by user id,
 * never by e-mail or password.
 */

export interface AuthServiceDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly sessionTtlHours: number;
  /** The time now; tests move it forward to expire sessions. */
  readonly clock?: () => Date;
}

export interface NewSession {
  /** Goes into the cookie and nowhere else (not stored, not logged). */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: StaffUser;
}

export interface CurrentSession {
  readonly user: StaffUser;
  readonly csrfToken: string;
}

/** Who changes an account, for the audit log: `staff:<uuid>` over HTTP, `cli:user` from `levd user`. */
export type AuditActor = `staff:${string}` | `cli:${string}`;

export const staffActor = (user: Pick<StaffUser, 'id'>): AuditActor => `staff:${user.id}`;

/** last_seen_at is written at most this often, so reading a session is not a write per request. */
const TOUCH_AFTER_MS = 5 * 60_000;
const SUBJECT = 'staff_user';

export function createAuthService(deps: AuthServiceDeps) {
  const { db, log } = deps;
  const now = deps.clock ?? (() => new Date());
  const users = createStaffUserRepository(db);
  const sessions = createStaffSessionRepository(db);
  const audit = createAuditRepository(db);
  const ttlMs = deps.sessionTtlHours * 3_600_000;

  async function signInFailed(reason: 'unknown_account' | 'wrong_password' | 'disabled', user?: StaffUser): Promise<undefined> {
    await audit.record({ actor: 'anonymous', action: 'staff.sign_in_failed', subjectType: SUBJECT, ...(user ? { subjectId: user.id } : {}), details: { reason } });
    log.warn({ userId: user?.id ?? null, reason }, 'staff sign-in failed');
    return undefined;
  }

  /** Changes an account (role or disabled) unless that would leave no active admin. */
  async function change(id: string, actor: AuditActor, what: { role?: StaffRole; disabled?: boolean }): Promise<StaffUser | undefined> {
    return db.transaction(async (tx) => {
      const before = await users.byId(id, tx);
      if (!before) return undefined;
      const staysActiveAdmin = (what.role ?? before.role) === 'admin' && !(what.disabled ?? before.disabledAt !== null);
      if (before.role === 'admin' && before.disabledAt === null && !staysActiveAdmin && (await users.otherActiveAdmins(id, tx)) === 0) {
        throw new StaffAccountConflictError('This is the only active admin: make another account admin first.');
      }
      let after = before;
      if (what.role !== undefined && what.role !== before.role) {
        after = (await users.setRole(id, what.role, tx))!;
        await audit.record({ actor, action: 'staff.role_changed', subjectType: SUBJECT, subjectId: id, details: { from: before.role, to: what.role } }, tx);
      }
      if (what.disabled !== undefined && what.disabled !== (before.disabledAt !== null)) {
        after = (await users.setDisabled(id, what.disabled, tx))!;
        if (what.disabled) await sessions.deleteForUser(id, tx);
        await audit.record({ actor, action: what.disabled ? 'staff.disabled' : 'staff.enabled', subjectType: SUBJECT, subjectId: id }, tx);
      }
      return after;
    });
  }

  return {
    /** Throws a ZodError for bad input (400 over HTTP) and StaffAccountConflictError when the e-mail has an account. */
    async createStaffUser(input: NewStaffUserInput, actor: AuditActor): Promise<StaffUser> {
      const { email, displayName, role, password } = newStaffUserSchema.parse(input);
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const user = await users.insert({ email, displayName, role, passwordHash }, tx);
        if (!user) throw new StaffAccountConflictError('There is already an account with this e-mail address.');
        await audit.record({ actor, action: 'staff.user_created', subjectType: SUBJECT, subjectId: user.id, details: { role } }, tx);
        return user;
      });
    },

    /**
     * Undefined for a wrong e-mail, a wrong password and a disabled account alike, in about the
     * same time (an unknown e-mail is checked against a dummy hash), so the answer tells an
     * outsider nothing about which e-mails have accounts.
     */
    async signIn(email: string, password: string): Promise<NewSession | undefined> {
      const user = await users.byEmailWithHash(email);
      if (!user) {
        await verifyAgainstDummy(password);
        return signInFailed('unknown_account');
      }
      if (!(await verifyPassword(user.passwordHash, password))) return signInFailed('wrong_password', user);
      if (user.disabledAt) return signInFailed('disabled', user);
      const { passwordHash: _hash, ...account } = user;
      const token = newToken();
      const csrfToken = newToken();
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + ttlMs);
      await sessions.deleteExpired(createdAt);
      await db.transaction(async (tx) => {
        await createStaffSessionRepository(tx).insert({ tokenSha256: tokenDigest(token), userId: user.id, csrfToken, createdAt, expiresAt });
        await audit.record({ actor: staffActor(user), action: 'staff.signed_in', subjectType: SUBJECT, subjectId: user.id }, tx);
      });
      return { token, csrfToken, expiresAt, user: account };
    },

    /** The live session for a cookie's token: undefined when unknown, expired, or its account is disabled. */
    async sessionFor(token: string): Promise<CurrentSession | undefined> {
      if (!isWellFormedToken(token)) return undefined;
      const digest = tokenDigest(token);
      const at = now();
      const session = await sessions.live(digest, at);
      if (!session) return undefined;
      if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await sessions.touch(digest, at);
      return { user: session.user, csrfToken: session.csrfToken };
    },

    /** Ends the session on the server: the token is worthless afterwards, wherever a copy of it is. */
    async signOut(token: string): Promise<void> {
      if (!isWellFormedToken(token)) return;
      const digest = tokenDigest(token);
      const session = await sessions.live(digest, now());
      if (!(await sessions.delete(digest)) || !session) return;
      await audit.record({ actor: staffActor(session.user), action: 'staff.signed_out', subjectType: SUBJECT, subjectId: session.user.id });
    },

    listUsers: (): Promise<StaffUser[]> => users.list(),
    userByEmail: (email: string): Promise<StaffUser | undefined> => users.byEmail(email),
    userById: (id: string): Promise<StaffUser | undefined> => users.byId(id),

    /** Undefined when there is no such account; StaffAccountConflictError when it would leave no active admin. */
    setRole: (id: string, role: StaffRole, actor: AuditActor) => change(id, actor, { role }),
    /** Disables the account and ends all its sessions at once. */
    disable: (id: string, actor: AuditActor) => change(id, actor, { disabled: true }),
    enable: (id: string, actor: AuditActor) => change(id, actor, { disabled: false }),
    /** Role and disabled in one transaction (PATCH /api/admin/users/{id}). */
    update: (id: string, patch: { role?: StaffRole; disabled?: boolean }, actor: AuditActor) => change(id, actor, patch),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
