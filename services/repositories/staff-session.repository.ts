import type { Queryable } from '../../db/db.js';
import type { StaffUser } from './staff-user.repository.js';

export interface NewStaffSession {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  readonly tokenSha256: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface LiveSession {
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly user: StaffUser;
}

interface LiveSessionRow {
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  id: string;
  email: string;
  displayName: string;
  role: StaffUser['role'];
  createdAt: Date;
  disabledAt: Date | null;
}

export function createStaffSessionRepository(db: Queryable) {
  return {
    async insert(session: NewStaffSession): Promise<void> {
      await db.query(
        `INSERT INTO staff_sessions (token_sha256, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $4)`,
        [session.tokenSha256, session.userId, session.csrfToken, session.createdAt, session.expiresAt],
      );
    },
    /** The session with its user, if it has not expired at `now` and the user is not disabled. */
    async live(tokenSha256: string, now: Date): Promise<LiveSession | undefined> {
      const result = await db.query<LiveSessionRow>(
        `SELECT s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
                u.id, u.email, u.display_name AS "displayName", u.role, u.created_at AS "createdAt", u.disabled_at AS "disabledAt"
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
         WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
        [tokenSha256, now],
      );
      const row = result.rows[0];
      if (!row) return undefined;
      const { csrfToken, expiresAt, lastSeenAt, ...user } = row;
      return { csrfToken, expiresAt, lastSeenAt, user };
    },
    async touch(tokenSha256: string, now: Date): Promise<void> {
      await db.query(`UPDATE staff_sessions SET last_seen_at = $2 WHERE token_sha256 = $1`, [tokenSha256, now]);
    },
    async delete(tokenSha256: string): Promise<boolean> {
      const result = await db.query(`DELETE FROM staff_sessions WHERE token_sha256 = $1`, [tokenSha256]);
      return result.rowCount > 0;
    },
    async deleteForUser(userId: string, tx: Queryable = db): Promise<number> {
      const result = await tx.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
      return result.rowCount;
    },
    async deleteExpired(now: Date): Promise<number> {
      const result = await db.query(`DELETE FROM staff_sessions WHERE expires_at <= $1`, [now]);
      return result.rowCount;
    },
  };
}

export type StaffSessionRepository = ReturnType<typeof createStaffSessionRepository>;
