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
import type { HubSync } from '../hub-sync/hub-sync';
import { createHubOperatorAdmin } from '../operators/hub-operator-admin';
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
   * On a desktop that syncs with a hub: operators and their passwords live at the hub. Once
   * enrolled, every channel acts there (hub-operator-admin.ts); before enrolment they are
   * refused with MANAGED_AT_HUB.
   */
  readonly hub: HubSync | null;
  readonly passwordCost?: ScryptParams;
}

const managedAtHub = () => err('MANAGED_AT_HUB');

export function createOperatorHandlers(deps: OperatorHandlerDeps): OperatorHandlers {
  const { db, auth, passwordCost } = deps;
  const sync = deps.hub;
  if (sync) {
    const atHub = createHubOperatorAdmin(sync, auth);
    // Before enrolment there is no hub to act at; the desktop's own operators are not the site's.
    const enrolled = () => sync.state().enrolled;
    return {
      operatorsList: () => (enrolled() ? atHub.list() : managedAtHub()),
      operatorsCreate: (input) => (enrolled() ? atHub.create(input) : managedAtHub()),
      operatorsSetRole: (input) => (enrolled() ? atHub.setRole(input) : managedAtHub()),
      operatorsSetDailyLimit: (input) => (enrolled() ? atHub.setDailyLimit(input) : managedAtHub()),
      operatorsSetActive: (input) => (enrolled() ? atHub.setActive(input) : managedAtHub()),
      operatorsResetPassword: (input) => (enrolled() ? atHub.resetPassword(input) : managedAtHub()),
      operatorChangeOwnPassword: (input, { actor, now }) => {
        if (!enrolled()) return managedAtHub();
        return actor ? atHub.changeOwnPassword(actor.operatorId, input, now) : err('NOT_SIGNED_IN');
      },
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
