import { err, ok } from '@shared/ipc/result';
import type Database from 'better-sqlite3';
import type { AuthService } from '../auth/auth-service';
import {
  createOperator,
  listOperatorsForAdmin,
  resetOperatorPassword,
  setOperatorActive,
  setOperatorDailyLimit,
  setOperatorRole,
} from '../operators/operator-admin';
import type { ScryptParams } from '../auth/password-hash';
import type { Handlers } from './handlers';

export type OperatorHandlers = Pick<
  Handlers,
  | 'operatorsList'
  | 'operatorsCreate'
  | 'operatorsSetRole'
  | 'operatorsSetDailyLimit'
  | 'operatorsSetActive'
  | 'operatorsResetPassword'
  | 'operatorChangeOwnPassword'
>;

export interface OperatorHandlerDeps {
  readonly db: Database.Database;
  readonly auth: AuthService;
  /**
   * True on a desktop that syncs with a hub: operators and their passwords live at the hub,
   * which has no operator-management operations yet, so these are refused with MANAGED_AT_HUB.
   */
  readonly hubConfigured: boolean;
  readonly passwordCost?: ScryptParams;
}

const managedAtHub = () => err('MANAGED_AT_HUB');

export function createOperatorHandlers(deps: OperatorHandlerDeps): OperatorHandlers {
  const { db, auth, passwordCost } = deps;
  if (deps.hubConfigured) {
    return {
      operatorsList: managedAtHub,
      operatorsCreate: managedAtHub,
      operatorsSetRole: managedAtHub,
      operatorsSetDailyLimit: managedAtHub,
      operatorsSetActive: managedAtHub,
      operatorsResetPassword: managedAtHub,
      operatorChangeOwnPassword: managedAtHub,
    };
  }
  return {
    operatorsList: () => ok(listOperatorsForAdmin(db)),
    operatorsCreate: (input, { actor, now }) => createOperator(db, actor!, now, { username: input.username, displayName: input.displayName, role: input.assignRole, temporaryPassword: input.temporaryPassword }, passwordCost),
    operatorsSetRole: (input, { actor, now }) => setOperatorRole(db, actor!, now, input.targetId, input.assignRole),
    operatorsSetDailyLimit: (input, { actor, now }) => setOperatorDailyLimit(db, actor!, now, { operatorId: input.targetId, currency: input.currency, dailyTotalMinor: input.dailyTotalMinor }),
    operatorsSetActive: (input, { actor, now }) => setOperatorActive(db, actor!, now, input.targetId, input.active),
    operatorsResetPassword: (input, { actor, now }) =>
      resetOperatorPassword(db, actor!, now, input.targetId, input.temporaryPassword, passwordCost),
    operatorChangeOwnPassword: (input, { actor, now }) =>
      actor ? auth.changeOwnPassword(actor.operatorId, input.currentPassword, input.newPassword, now) : err('NOT_SIGNED_IN'),
  };
}
