import type { Queryable } from '../../db/db.js';
import type { StaffRole } from '../consent/viewer.js';

export interface StaffUser {
  readonly id: string;
  /** Lower-cased. */
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

/** Only sign-in needs the hash; everything else reads StaffUser, which has none. */
export interface StaffUserWithHash extends StaffUser {
  readonly passwordHash: string;
}

export interface NewStaffUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly passwordHash: string;
}

const COLUMNS = `id, email, display_name AS "displayName", role, created_at AS "createdAt", disabled_at AS "disabledAt"`;

export function createStaffUserRepository(db: Queryable) {
  return {
    /** Undefined when the e-mail is taken (the caller turns that into a conflict). */
    async insert(user: NewStaffUser, tx: Queryable = db): Promise<StaffUser | undefined> {
      const result = await tx.query<StaffUser>(
        `INSERT INTO staff_users (email, display_name, role, password_hash) VALUES (lower($1), $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
        [user.email, user.displayName, user.role, user.passwordHash],
      );
      return result.rows[0];
    },
    async byEmailWithHash(email: string): Promise<StaffUserWithHash | undefined> {
      const result = await db.query<StaffUserWithHash>(
        `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM staff_users WHERE email = lower($1)`,
        [email],
      );
      return result.rows[0];
    },
    async byId(id: string, tx: Queryable = db): Promise<StaffUser | undefined> {
      const result = await tx.query<StaffUser>(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1`, [id]);
      return result.rows[0];
    },
    async byEmail(email: string): Promise<StaffUser | undefined> {
      const result = await db.query<StaffUser>(`SELECT ${COLUMNS} FROM staff_users WHERE email = lower($1)`, [email]);
      return result.rows[0];
    },
    async list(): Promise<StaffUser[]> {
      const result = await db.query<StaffUser>(`SELECT ${COLUMNS} FROM staff_users ORDER BY lower(display_name), email`);
      return result.rows;
    },
    async setRole(id: string, role: StaffRole, tx: Queryable = db): Promise<StaffUser | undefined> {
      const result = await tx.query<StaffUser>(`UPDATE staff_users SET role = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, role]);
      return result.rows[0];
    },
    /** Disabling keeps the first time it happened; enabling clears it. */
    async setDisabled(id: string, disabled: boolean, tx: Queryable = db): Promise<StaffUser | undefined> {
      const result = await tx.query<StaffUser>(
        `UPDATE staff_users SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) ELSE NULL END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, disabled],
      );
      return result.rows[0];
    },
    /**
     * Active admins other than `exceptId`, with their rows locked until the transaction ends,
     * so two admins demoting each other at once cannot leave the archive with none.
     */
    async otherActiveAdmins(exceptId: string, tx: Queryable): Promise<number> {
      const result = await tx.query<{ id: string }>(
        `SELECT id FROM staff_users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1 FOR UPDATE`,
        [exceptId],
      );
      return result.rowCount;
    },
  };
}

export type StaffUserRepository = ReturnType<typeof createStaffUserRepository>;
