import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { OperatorList, OperatorView, operatorChannels } from '../ipc/operator-channels';

/*
 * Operators at the hub, managed by its admins. The inputs and answers are the desktop's own
 * operator channels' (shared/ipc/operator-channels.ts): an enrolled desktop hands an admin's
 * call on as it came and shows the answer unchanged; ids are the hub's operator ids. Refusals
 * are the channels' too: CONFLICT with `details.reason` (`last_admin`, `own_account`,
 * `username_taken`, `unchanged`), a refused password INVALID_INPUT with the policy's reason.
 */

const admin = ['admin'] as const;
const staff = ['agent', 'supervisor', 'admin'] as const;

/** Any signed-in operator replaces their own password, knowing the current one; this ends a forced change. */
export const ChangeOwnHubPassword = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type ChangeOwnHubPassword = z.infer<typeof ChangeOwnHubPassword>;

export const ChangeOwnHubPasswordResponse = z.strictObject({ mustChangePassword: z.literal(false) });

/** What a session signed in with a temporary password may call; every other route answers PASSWORD_CHANGE_REQUIRED. */
export const routesBeforePasswordChange: readonly string[] = ['session', 'signOut', 'changeOwnPassword'];

/** The routes of operator management (spread into hubRoutes). */
export const operatorRoutes = {
  operatorsList: { method: 'GET', path: '/v1/admin/operators', access: admin, input: operatorChannels.operatorsList.input, output: OperatorList },
  operatorsCreate: { method: 'POST', path: '/v1/admin/operators', access: admin, input: operatorChannels.operatorsCreate.input, output: OperatorView },
  operatorsSetRole: { method: 'POST', path: '/v1/admin/operators/role', access: admin, input: operatorChannels.operatorsSetRole.input, output: OperatorView },
  operatorsSetActive: {
    method: 'POST',
    path: '/v1/admin/operators/active',
    access: admin,
    input: operatorChannels.operatorsSetActive.input,
    output: OperatorView,
  },
  operatorsResetPassword: {
    method: 'POST',
    path: '/v1/admin/operators/reset-password',
    access: admin,
    input: operatorChannels.operatorsResetPassword.input,
    output: OperatorView,
  },
  operatorsSetDailyLimit: {
    method: 'POST',
    path: '/v1/admin/operators/daily-limit',
    access: admin,
    input: operatorChannels.operatorsSetDailyLimit.input,
    output: OperatorView,
  },
  changeOwnPassword: { method: 'POST', path: '/v1/me/password', access: staff, input: ChangeOwnHubPassword, output: ChangeOwnHubPasswordResponse },
} as const;
