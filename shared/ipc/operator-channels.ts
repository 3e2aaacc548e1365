import { z } from 'zod';
import { Currency } from '../domain/account';
import { Role } from '../domain/operator';
import { DailyTotalsByCurrency, OVERRIDE_HARD_CEILING_MINOR } from '../domain/override';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { SessionInfo } from './auth-channels';
import { admins, defineChannel, Empty, staff } from './define';

const OperatorId = z.int().positive();
/** What an admin types for a username: lower case letters, digits, dot, dash and underscore. */
export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);
const DisplayName = z.string().trim().min(1).max(80);
/** Checked against the password policy by main, which answers the reason. */
const NewPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const DailyTotalMinor = z.int().positive().max(OVERRIDE_HARD_CEILING_MINOR * 20);

/** An agent's own approved total per business day, per currency; a currency left out follows the site's. */
export const DailyLimits = z.partialRecord(Currency, DailyTotalMinor);
export type DailyLimits = z.infer<typeof DailyLimits>;

/** An operator as an admin sees them: no credentials. */
export const OperatorView = z.object({
  operatorId: OperatorId,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  /** A temporary password is set: they choose their own at the next sign-in. */
  mustChangePassword: z.boolean(),
  dailyLimits: DailyLimits,
  createdAt: z.string(),
});
export type OperatorView = z.infer<typeof OperatorView>;

export const OperatorList = z.object({
  operators: z.array(OperatorView),
  /** The site's per-agent daily total in each currency, which applies where the operator has no own limit. */
  siteDailyTotalMinor: DailyTotalsByCurrency,
});
export type OperatorList = z.infer<typeof OperatorList>;

/**
 * Refusals travel as CONFLICT with `details.reason`: `last_admin` (the change would leave no
 * active admin), `own_account` (an admin changing their own role or deactivating themselves),
 * `username_taken`, `unchanged`; a password the policy refuses is INVALID_INPUT with
 * `details.reason` one of shared/auth/password-policy's problems. On a desktop that syncs with a
 * hub, operators live at the hub: MANAGED_AT_HUB.
 *
 * Inputs name the operator acted on as `targetId` and a role to give as `assignRole`: the fields
 * `operatorId` and `role` stay refused on every channel (the actor is main's session, never the input).
 */
export const operatorRefusals = ['last_admin', 'own_account', 'username_taken', 'unchanged'] as const;
export type OperatorRefusal = (typeof operatorRefusals)[number];

export const operatorChannels = {
  operatorsList: defineChannel({ input: Empty, output: OperatorList, access: admins, auditRefusals: true }),
  operatorsCreate: defineChannel({
    input: z.strictObject({ username: Username, displayName: DisplayName, assignRole: Role, temporaryPassword: NewPassword }),
    output: OperatorView,
    access: admins,
    auditRefusals: true,
  }),
  operatorsSetRole: defineChannel({
    input: z.strictObject({ targetId: OperatorId, assignRole: Role }),
    output: OperatorView,
    access: admins,
    auditRefusals: true,
  }),
  /** `dailyTotalMinor: null` removes the own limit: the site's applies again. */
  operatorsSetDailyLimit: defineChannel({
    input: z.strictObject({ targetId: OperatorId, currency: Currency, dailyTotalMinor: DailyTotalMinor.nullable() }),
    output: OperatorView,
    access: admins,
    auditRefusals: true,
  }),
  /** Deactivating ends the operator's sessions at once and drops their offline sign-in here. */
  operatorsSetActive: defineChannel({
    input: z.strictObject({ targetId: OperatorId, active: z.boolean() }),
    output: OperatorView,
    access: admins,
    auditRefusals: true,
  }),
  /** Sets a temporary password; the operator must choose their own at the next sign-in. */
  operatorsResetPassword: defineChannel({
    input: z.strictObject({ targetId: OperatorId, temporaryPassword: NewPassword }),
    output: OperatorView,
    access: admins,
    auditRefusals: true,
  }),
  /** Any signed-in operator, for themselves only; also the way out of a forced change. */
  operatorChangeOwnPassword: defineChannel({
    input: z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: NewPassword }),
    output: SessionInfo,
    access: staff,
    auditRefusals: true,
  }),
} as const;
