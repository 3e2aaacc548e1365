import type pg from 'pg';
import { checkActiveChange, checkPasswordReset, checkRoleChange, type OperatorFacts } from '@shared/auth/operator-admin-rules';
import { checkNewPassword } from '@shared/auth/password-policy';
import type { ScryptParams } from '@shared/auth/password-hash-format';
import type { Currency } from '@shared/domain/account';
import type { Role } from '@shared/domain/operator';
import type { OperatorChange } from '@shared/hub/changes';
import type { OperatorList, OperatorRefusal, OperatorView } from '@shared/ipc/operator-channels';
import type { Caller } from '../auth/caller';
import { commonPasswords } from '../auth/common-passwords';
import { hashPassword } from '../auth/password-hash';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { appendLogs, type NewAuditEvent } from '../logs/log-batch';
import { readOverrideSettings } from '../overrides/settings-repo';
import {
  countActiveAdminsLocked,
  endSessionsOf,
  findAdminOperator,
  insertOperatorWithTemporaryPassword,
  listAdminOperators,
  lockAdminOperator,
  readAllDailyLimits,
  readDailyLimits,
  saveDailyLimit,
  updateActive,
  updatePassword,
  updateRole,
  type AdminOperatorRow,
} from './operator-admin-repo';

/*
 * An admin's use cases on the hub's operators: each is one transaction that checks the shared
 * rules (shared/auth/operator-admin-rules.ts) on the rows locked as they are then, and appends
 * its audit event and the operator's new state to the change log together, so every desktop
 * hears of a deactivation or a reset (and drops that operator's offline sign-in).
 */

function refused(reason: OperatorRefusal): HubFailure {
  return new HubFailure('CONFLICT', { reason });
}

/** The password policy's refusal, as the desktop's channels give it. */
export function passwordRefusal(password: string, username: string, field: string): HubFailure | null {
  const problem = checkNewPassword(password, username, commonPasswords());
  return problem ? new HubFailure('INVALID_INPUT', { reason: problem }, [{ path: field, message: problem }]) : null;
}

function factsOf(row: AdminOperatorRow): OperatorFacts {
  return { operatorId: row.operatorId, role: row.role, active: row.active };
}

function toView(row: AdminOperatorRow, dailyLimits: OperatorView['dailyLimits']): OperatorView {
  return {
    operatorId: row.operatorId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    dailyLimits,
    createdAt: row.createdAt.toISOString(),
  };
}

async function viewOf(tx: Tx, operatorId: number): Promise<OperatorView> {
  return toView((await findAdminOperator(tx, operatorId))!, await readDailyLimits(tx, operatorId));
}

async function mustLock(tx: Tx, operatorId: number): Promise<AdminOperatorRow> {
  const row = await lockAdminOperator(tx, operatorId);
  if (!row) throw new HubFailure('NOT_FOUND', { what: 'operator' });
  return row;
}

function target(row: { username: string }): string {
  return `operator:${row.username}`;
}

/**
 * The audit event and the operator's change, appended in the one round trip that takes the log
 * lock. `passwordSet`: the password was replaced, and desktops drop the verifier of the old one.
 */
export async function record(tx: Tx, event: Omit<NewAuditEvent, 'target'>, operatorId: number, passwordSet = false): Promise<void> {
  const row = (await findAdminOperator(tx, operatorId))!;
  const change: OperatorChange = {
    operatorId: row.operatorId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    ...(passwordSet ? { passwordSetAt: event.at.toISOString() } : {}),
    // Desktops check an agent's own limit too when they file or decide offline.
    dailyLimits: await readDailyLimits(tx, operatorId),
  };
  // Every desktop, whoever is signed in there, may hold this operator's offline sign-in.
  await appendLogs(tx, [{ ...event, target: target(row) }], [{ entity: 'operator', entityId: String(row.operatorId), audience: { kind: 'all' }, data: change }]);
}

export async function listOperators(pool: pg.Pool): Promise<OperatorList> {
  return inTransaction(
    pool,
    async (tx) => {
      const limits = await readAllDailyLimits(tx);
      const rows = await listAdminOperators(tx);
      return {
        operators: rows.map((row) => toView(row, limits.get(row.operatorId) ?? {})),
        siteDailyTotalMinor: (await readOverrideSettings(tx)).agentDailyTotalMinor,
      };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

export interface CreateOperatorInput {
  readonly username: string;
  readonly displayName: string;
  readonly assignRole: Role;
  readonly temporaryPassword: string;
}

/** A new operator signs in with the temporary password the admin gives them and must then choose their own. */
export async function createOperator(pool: pg.Pool, caller: Caller, input: CreateOperatorInput, now: Date, cost: ScryptParams): Promise<OperatorView> {
  const weak = passwordRefusal(input.temporaryPassword, input.username, 'temporaryPassword');
  if (weak) throw weak;
  // Hashed before the transaction: scrypt is slow and must hold no row lock.
  const passwordHash = await hashPassword(input.temporaryPassword, cost);
  return inTransaction(pool, async (tx) => {
    const id = await insertOperatorWithTemporaryPassword(tx, {
      username: input.username,
      displayName: input.displayName,
      role: input.assignRole,
      passwordHash,
      // New operators start with the creating admin's language and zone; each can change their language.
      locale: caller.operator.locale,
      timeZone: caller.operator.timeZone,
      createdAt: now,
    });
    if (id === null) throw refused('username_taken');
    await record(
      tx,
      {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'operator.created',
        before: null,
        after: { displayName: input.displayName, role: input.assignRole, active: true, mustChangePassword: true },
      },
      id,
      true,
    );
    return viewOf(tx, id);
  });
}

/** A new role; their running sessions end, so they sign in again with it. */
export async function setOperatorRole(pool: pg.Pool, caller: Caller, input: { targetId: number; assignRole: Role }, now: Date): Promise<OperatorView> {
  return inTransaction(pool, async (tx) => {
    const activeAdmins = await countActiveAdminsLocked(tx);
    const row = await mustLock(tx, input.targetId);
    const refusal = checkRoleChange(factsOf(row), caller.operator.operatorId, input.assignRole, activeAdmins);
    if (refusal) throw refused(refusal);
    await updateRole(tx, row.operatorId, input.assignRole);
    await endSessionsOf(tx, row.operatorId, now);
    await record(
      tx,
      { at: now, operatorId: caller.operator.operatorId, desktopId: caller.desktopId, action: 'operator.role_changed', before: { role: row.role }, after: { role: input.assignRole } },
      row.operatorId,
    );
    return viewOf(tx, row.operatorId);
  });
}

/** Deactivating ends every session of theirs at once (sessions.ended_at): the next call with such a token is refused. */
export async function setOperatorActive(pool: pg.Pool, caller: Caller, input: { targetId: number; active: boolean }, now: Date): Promise<OperatorView> {
  return inTransaction(pool, async (tx) => {
    const activeAdmins = await countActiveAdminsLocked(tx);
    const row = await mustLock(tx, input.targetId);
    const refusal = checkActiveChange(factsOf(row), caller.operator.operatorId, input.active, activeAdmins);
    if (refusal) throw refused(refusal);
    await updateActive(tx, row.operatorId, input.active);
    const ended = input.active ? 0 : await endSessionsOf(tx, row.operatorId, now);
    await record(
      tx,
      {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: input.active ? 'operator.reactivated' : 'operator.deactivated',
        before: { active: row.active },
        after: input.active ? { active: true } : { active: false, sessionsEnded: ended },
      },
      row.operatorId,
    );
    return viewOf(tx, row.operatorId);
  });
}

/** A temporary password: their sessions end and they must choose their own at the next sign-in. */
export async function resetOperatorPassword(
  pool: pg.Pool,
  caller: Caller,
  input: { targetId: number; temporaryPassword: string },
  now: Date,
  cost: ScryptParams,
): Promise<OperatorView> {
  const known = await inTransaction(pool, (tx) => findAdminOperator(tx, input.targetId), { readOnly: true });
  if (!known) throw new HubFailure('NOT_FOUND', { what: 'operator' });
  const own = checkPasswordReset(factsOf(known), caller.operator.operatorId);
  if (own) throw refused(own);
  const weak = passwordRefusal(input.temporaryPassword, known.username, 'temporaryPassword');
  if (weak) throw weak;
  const hash = await hashPassword(input.temporaryPassword, cost);
  return inTransaction(pool, async (tx) => {
    const row = await mustLock(tx, input.targetId);
    await updatePassword(tx, row.operatorId, hash, true);
    await endSessionsOf(tx, row.operatorId, now);
    await record(
      tx,
      {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'operator.password_reset',
        before: { mustChangePassword: row.mustChangePassword },
        after: { mustChangePassword: true },
      },
      row.operatorId,
      true,
    );
    return viewOf(tx, row.operatorId);
  });
}

/** An agent's own daily total in one currency over the site's; null removes it. The hub's override rules use it. */
export async function setOperatorDailyLimit(
  pool: pg.Pool,
  caller: Caller,
  input: { targetId: number; currency: Currency; dailyTotalMinor: number | null },
  now: Date,
): Promise<OperatorView> {
  return inTransaction(pool, async (tx) => {
    const row = await mustLock(tx, input.targetId);
    const before = (await readDailyLimits(tx, row.operatorId))[input.currency] ?? null;
    if (before === input.dailyTotalMinor) throw refused('unchanged');
    await saveDailyLimit(tx, { operatorId: row.operatorId, currency: input.currency, minor: input.dailyTotalMinor, updatedBy: caller.operator.operatorId, updatedAt: now });
    await record(
      tx,
      {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'operator.daily_limit_changed',
        // null: the site's daily total applies.
        before: { currency: input.currency, dailyTotalMinor: before },
        after: { currency: input.currency, dailyTotalMinor: input.dailyTotalMinor },
      },
      row.operatorId,
    );
    return viewOf(tx, row.operatorId);
  });
}
