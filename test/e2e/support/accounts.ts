/** The staff accounts every E2E app gets (made with `levd user add` before `levd start`). Test constants, never real ones. */

export const E2E_ROLES = ['editor', 'educator', 'admin'] as const;
export type E2eRole = (typeof E2E_ROLES)[number];

export interface StaffAccount {
  readonly role: E2eRole;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export const STAFF: Readonly<Record<E2eRole, StaffAccount>> = {
  editor: { role: 'editor', email: 'redaktor@levd.test', password: 'e2e-redaktor-passord-1', name: 'Rita Redaktør' },
  educator: { role: 'educator', email: 'underviser@levd.test', password: 'e2e-underviser-passord-1', name: 'Ulf Underviser' },
  admin: { role: 'admin', email: 'admin@levd.test', password: 'e2e-admin-passord-1', name: 'Ada Admin' },
};
