import { Router, type Request } from 'express';
import { StaffAccountConflictError } from '../auth/auth-errors.js';
import { staffActor, type AuditActor, type AuthService } from '../auth/auth.service.js';
import { newStaffUserSchema, staffUserParamsSchema, staffUserPatchSchema, toStaffUserView } from '../auth/auth.schema.js';
import { STAFF_API } from './contract/staff.contract.js';
import { HttpError } from './errors.js';
import { mount } from './mount.js';

/** Account administration (admin only, enforced by `authorize` from the registry). */
export function staffUserRoutes(auth: AuthService): Router {
  const router = Router();
  mount(router, STAFF_API.listStaffUsers, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ users: (await auth.listUsers()).map(toStaffUserView) });
  });
  mount(router, STAFF_API.createStaffUser, async (req, res) => {
    const input = newStaffUserSchema.parse(req.body);
    const user = await conflictsAs409(() => auth.createStaffUser(input, actorOf(req)));
    res.status(201).json({ user: toStaffUserView(user) });
  });
  mount(router, STAFF_API.updateStaffUser, async (req, res) => {
    const { id } = staffUserParamsSchema.parse(req.params);
    const patch = staffUserPatchSchema.parse(req.body);
    const user = await conflictsAs409(() => auth.update(id, patch, actorOf(req)));
    if (!user) throw new HttpError(404, 'No staff account with this id.');
    res.json({ user: toStaffUserView(user) });
  });
  return router;
}

function actorOf(req: Request): AuditActor {
  // authorize() let only a signed-in admin through, so there is a user id.
  const userId = req.viewer?.userId;
  if (!userId) throw new HttpError(401, 'Sign in first.');
  return staffActor({ id: userId });
}

async function conflictsAs409<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof StaffAccountConflictError) throw new HttpError(409, error.message);
    throw error;
  }
}
