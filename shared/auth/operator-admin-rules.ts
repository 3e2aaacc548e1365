import type { Role } from '../domain/operator';
import type { OperatorRefusal } from '../ipc/operator-channels';

/*
 * The rules of an admin's changes to operators, once for the standalone desktop
 * (electron/main/operators/operator-admin.ts) and the hub (hub/src/operators): pure, checked
 * inside each use case's transaction on the rows as they are then.
 */

export interface OperatorFacts {
  readonly operatorId: number;
  readonly role: Role;
  readonly active: boolean;
}

/** Whether taking `operator` out of the active admins would leave none. */
function isLastActiveAdmin(operator: OperatorFacts, activeAdmins: number): boolean {
  return operator.role === 'admin' && operator.active && activeAdmins <= 1;
}

/** Never one's own role; never the last active admin's (checked first: the last admin is told why). */
export function checkRoleChange(operator: OperatorFacts, actorId: number, role: Role, activeAdmins: number): OperatorRefusal | null {
  if (operator.role === role) return 'unchanged';
  if (isLastActiveAdmin(operator, activeAdmins)) return 'last_admin';
  if (operator.operatorId === actorId) return 'own_account';
  return null;
}

/** Never deactivating oneself or the last active admin. */
export function checkActiveChange(operator: OperatorFacts, actorId: number, active: boolean, activeAdmins: number): OperatorRefusal | null {
  if (operator.active === active) return 'unchanged';
  if (!active && isLastActiveAdmin(operator, activeAdmins)) return 'last_admin';
  if (operator.operatorId === actorId) return 'own_account';
  return null;
}

/** Their own password an admin changes like everyone else, knowing the current one. */
export function checkPasswordReset(operator: OperatorFacts, actorId: number): OperatorRefusal | null {
  return operator.operatorId === actorId ? 'own_account' : null;
}
