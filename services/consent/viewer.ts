import type { Audience } from './audience.js';

/**
 * Who is asking. Until the consent issue adds accounts every HTTP request is `anonymous`;
 * the service API takes a viewer so tests (and, later, sessions) can set the role.
 */
export const VIEWER_ROLES = ['anonymous', 'clinician', 'educator', 'editor', 'admin'] as const;
export type ViewerRole = (typeof VIEWER_ROLES)[number];
/** The roles of staff accounts: every viewer role but anonymous. */
export const STAFF_ROLES = ['clinician', 'educator', 'editor', 'admin'] as const satisfies readonly ViewerRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Viewer {
  readonly role: ViewerRole;
  /** The signed-in staff account (absent for anonymous callers and contributors). */
  readonly userId?: string;
}

export const ANONYMOUS: Viewer = { role: 'anonymous' };

const AUDIENCES_BY_ROLE: Readonly<Record<ViewerRole, readonly Audience[]>> = {
  anonymous: ['public'],
  clinician: ['public', 'clinicians'],
  educator: ['public', 'teaching'],
  // Editors and admins see every published story whatever its scopes (they publish them).
  editor: ['public', 'clinicians', 'teaching', 'research'],
  admin: ['public', 'clinicians', 'teaching', 'research'],
};

/** The audiences a viewer belongs to: a story is visible when its consent allows one of them. */
export function audiencesFor(viewer: Viewer): readonly Audience[] {
  return AUDIENCES_BY_ROLE[viewer.role];
}
