import { z } from 'zod';
import { STAFF_ROLES } from '../consent/viewer.js';
import type { StaffUser } from '../repositories/staff-user.repository.js';
import { PASSWORD_MAX_LENGTH, newPasswordSchema } from './password.js';

/** Staff accounts and sessions at the HTTP boundary: request bodies, responses and their mappers. */

export const emailSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be an e-mail address' }));

export const staffRoleSchema = z.enum(STAFF_ROLES, { error: `must be one of ${STAFF_ROLES.join(', ')}` });

export const displayNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

/** Sign-in takes any password up to the limit: a too-short one is just wrong (401), like any other. */
export const signInBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const newStaffUserSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: staffRoleSchema,
  password: newPasswordSchema,
});
export type NewStaffUserInput = z.input<typeof newStaffUserSchema>;

export const staffUserPatchSchema = z
  .strictObject({
    role: staffRoleSchema.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((patch) => patch.role !== undefined || patch.disabled !== undefined, { error: 'give role, disabled or both' });
export type StaffUserPatch = z.infer<typeof staffUserPatchSchema>;

export const staffUserParamsSchema = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }).describe('The staff account\'s id'),
});

/** Who is signed in, as the web UI needs it. */
export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
});

/** GET/POST/DELETE /api/session: the caller's session after the request (both null when signed out). */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema.nullable(),
  /** Send this back in the X-CSRF-Token header with every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const staffUserViewSchema = sessionUserSchema.extend({
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
});
export type StaffUserView = z.infer<typeof staffUserViewSchema>;

export const staffUserResponseSchema = z.object({ user: staffUserViewSchema });
export const staffUsersResponseSchema = z.object({ users: z.array(staffUserViewSchema) });

export function toSessionUser(user: StaffUser): z.infer<typeof sessionUserSchema> {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

export function toStaffUserView(user: StaffUser): StaffUserView {
  return { ...toSessionUser(user), createdAt: user.createdAt.toISOString(), disabledAt: user.disabledAt?.toISOString() ?? null };
}
