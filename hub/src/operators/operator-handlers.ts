import type pg from 'pg';
import type { ScryptParams } from '@shared/auth/password-hash-format';
import type { HubHandlers } from '../http/register-routes';
import { createOperator, listOperators, resetOperatorPassword, setOperatorActive, setOperatorDailyLimit, setOperatorRole } from './operator-admin';
import { changeOwnPassword } from './own-password';

type OperatorRouteName =
  | 'operatorsList'
  | 'operatorsCreate'
  | 'operatorsSetRole'
  | 'operatorsSetActive'
  | 'operatorsResetPassword'
  | 'operatorsSetDailyLimit'
  | 'changeOwnPassword';

/** The operator routes (shared/hub/operators.ts), each handed to its use case; `cost` is the hub's scrypt cost for new hashes. */
export function operatorHandlers(pool: pg.Pool, cost: ScryptParams): Pick<HubHandlers, OperatorRouteName> {
  return {
    operatorsList: () => listOperators(pool),
    operatorsCreate: (input, { caller, now }) => createOperator(pool, caller, input, now, cost),
    operatorsSetRole: (input, { caller, now }) => setOperatorRole(pool, caller, input, now),
    operatorsSetActive: (input, { caller, now }) => setOperatorActive(pool, caller, input, now),
    operatorsResetPassword: (input, { caller, now }) => resetOperatorPassword(pool, caller, input, now, cost),
    operatorsSetDailyLimit: (input, { caller, now }) => setOperatorDailyLimit(pool, caller, input, now),
    changeOwnPassword: (input, { caller, now }) => changeOwnPassword(pool, caller, input, now, cost),
  };
}
