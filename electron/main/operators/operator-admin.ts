import type Database from 'better-sqlite3';
import { checkActiveChange, checkPasswordReset, checkRoleChange } from '@shared/auth/operator-admin-rules';
import { checkNewPassword } from '@shared/auth/password-policy';
import type { Currency } from '@shared/domain/account';
import type { Actor, Role } from '@shared/domain/operator';
import type { OperatorList, OperatorRefusal, OperatorView } from '@shared/ipc/operator-channels';
import { err, ok, type Err, type Result } from '@shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { dropOfflineVerifier } from '../hub-sync/offline-verifier-repo';
import { getOverrideSettings } from '../overrides/override-settings';
import { commonPasswords } from '../auth/common-passwords';
import {
  countActiveAdmins,
  listOperators,
  readAllDailyLimits,
  readOperatorDailyLimits,
  saveOperatorDailyLimit,
  updateOperatorActive,
  updateOperatorPassword,
  updateOperatorRole,
} from '../auth/operator-admin-repo';
import { findOperatorById, insertOperator, operatorUsernameExists, type OperatorRecord } from '../auth/operator-repo';
import { hashPassword, type ScryptParams } from '../auth/password-hash';

/*
 * The admin's use cases on operators. Each is one IMMEDIATE transaction with its audit event;
 * the rules (never the last active admin, never one's own role or account) are checked inside
 * it, on the rows as they are at that moment.
 */

function refused(reason: OperatorRefusal): Err {
  return err('CONFLICT', { details: { reason } });
}

/** Thrown inside a transaction to roll it back and answer `error`. */
class Refused extends Error {
  constructor(readonly answer: Err) {
    super(answer.error.code);
  }
}

function inTransaction<T>(db: Database.Database, body: () => T): Result<T> {
  try {
    return ok(db.transaction(body).immediate());
  } catch (error) {
    if (error instanceof Refused) return error.answer;
    throw error;
  }
}

function passwordRefusal(password: string, username: string, field: string): Err | null {
  const problem = checkNewPassword(password, username, commonPasswords());
  return problem ? err('INVALID_INPUT', { issues: [{ path: field, message: problem }], details: { reason: problem } }) : null;
}

function viewOf(db: Database.Database, operator: OperatorRecord & { createdAt?: string }): OperatorView {
  const row = listOperators(db).find((o) => o.id === operator.id)!;
  return toView(row, readOperatorDailyLimits(db, operator.id));
}

function toView(row: ReturnType<typeof listOperators>[number], dailyLimits: OperatorView['dailyLimits']): OperatorView {
  return {
    operatorId: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    dailyLimits,
    createdAt: row.createdAt,
  };
}

function target(operator: { username: string }): string {
  return `operator:${operator.username}`;
}

function mustFind(db: Database.Database, operatorId: number): OperatorRecord {
  const operator = findOperatorById(db, operatorId);
  if (!operator) throw new Refused(err('NOT_FOUND'));
  return operator;
}

function factsOf(operator: OperatorRecord) {
  return { operatorId: operator.id, role: operator.role, active: operator.active };
}

export function listOperatorsForAdmin(db: Database.Database): OperatorList {
  const limits = readAllDailyLimits(db);
  return {
    operators: listOperators(db).map((row) => toView(row, limits.get(row.id) ?? {})),
    siteDailyTotalMinor: getOverrideSettings(db).agentDailyTotalMinor,
  };
}

export interface NewOperatorInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly temporaryPassword: string;
}

/** A new operator signs in with the temporary password the admin gives them and must then choose their own. */
export async function createOperator(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: NewOperatorInput,
  passwordCost?: ScryptParams,
): Promise<Result<OperatorView>> {
  const weak = passwordRefusal(input.temporaryPassword, input.username, 'temporaryPassword');
  if (weak) return weak;
  if (operatorUsernameExists(db, input.username)) return refused('username_taken');
  const passwordHash = await hashPassword(input.temporaryPassword, passwordCost);
  const admin = findOperatorById(db, actor.operatorId);
  return inTransaction(db, () => {
    if (operatorUsernameExists(db, input.username)) throw new Refused(refused('username_taken'));
    const id = insertOperator(db, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash,
      // New operators start with the creating admin's language and zone; each can change their language.
      locale: admin?.locale ?? 'en-US',
      timeZone: admin?.timeZone ?? 'UTC',
      dailyOverrideLimitMinor: 0,
      createdAt: now.toISOString(),
      mustChangePassword: true,
    });
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'operator.created',
      target: target(input),
      before: null,
      after: { displayName: input.displayName, role: input.role, active: true, mustChangePassword: true },
      at: now,
    });
    return viewOf(db, mustFind(db, id));
  });
}

export function setOperatorRole(db: Database.Database, actor: Actor, now: Date, operatorId: number, role: Role): Result<OperatorView> {
  return inTransaction(db, () => {
    const operator = mustFind(db, operatorId);
    const refusal = checkRoleChange(factsOf(operator), actor.operatorId, role, countActiveAdmins(db));
    if (refusal) throw new Refused(refused(refusal));
    // Moves the session epoch: a running session of theirs ends, and they sign in with the new role.
    updateOperatorRole(db, operatorId, role);
    appendAudit(db, { operatorId: actor.operatorId, action: 'operator.role_changed', target: target(operator), before: { role: operator.role }, after: { role }, at: now });
    return viewOf(db, operator);
  });
}

export function setOperatorDailyLimit(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: { operatorId: number; currency: Currency; dailyTotalMinor: number | null },
): Result<OperatorView> {
  return inTransaction(db, () => {
    const operator = mustFind(db, input.operatorId);
    const before = readOperatorDailyLimits(db, operator.id)[input.currency] ?? null;
    if (before === input.dailyTotalMinor) throw new Refused(refused('unchanged'));
    saveOperatorDailyLimit(db, { operatorId: operator.id, currency: input.currency, minor: input.dailyTotalMinor, updatedBy: actor.operatorId, updatedAt: now.toISOString() });
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'operator.daily_limit_changed',
      target: target(operator),
      // null: the site's daily total applies.
      before: { currency: input.currency, dailyTotalMinor: before },
      after: { currency: input.currency, dailyTotalMinor: input.dailyTotalMinor },
      at: now,
    });
    return viewOf(db, operator);
  });
}

/**
 * Deactivating ends the operator's running session (its epoch moves; the auth service reads it
 * on every call) and drops their offline sign-in verifier on this desktop.
 */
export function setOperatorActive(db: Database.Database, actor: Actor, now: Date, operatorId: number, active: boolean): Result<OperatorView> {
  return inTransaction(db, () => {
    const operator = mustFind(db, operatorId);
    const refusal = checkActiveChange(factsOf(operator), actor.operatorId, active, countActiveAdmins(db));
    if (refusal) throw new Refused(refused(refusal));
    updateOperatorActive(db, operatorId, active);
    if (!active) dropOfflineVerifier(db, operator.username);
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: active ? 'operator.reactivated' : 'operator.deactivated',
      target: target(operator),
      before: { active: operator.active },
      after: { active },
      at: now,
    });
    return viewOf(db, operator);
  });
}

/** A temporary password: the operator's session ends and they must choose their own at the next sign-in. */
export async function resetOperatorPassword(
  db: Database.Database,
  actor: Actor,
  now: Date,
  operatorId: number,
  temporaryPassword: string,
  passwordCost?: ScryptParams,
): Promise<Result<OperatorView>> {
  const operator = findOperatorById(db, operatorId);
  if (!operator) return err('NOT_FOUND');
  const refusal = checkPasswordReset(factsOf(operator), actor.operatorId);
  if (refusal) return refused(refusal);
  const weak = passwordRefusal(temporaryPassword, operator.username, 'temporaryPassword');
  if (weak) return weak;
  const hash = await hashPassword(temporaryPassword, passwordCost);
  return inTransaction(db, () => {
    const fresh = mustFind(db, operatorId);
    updateOperatorPassword(db, operatorId, hash, true);
    dropOfflineVerifier(db, fresh.username);
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'operator.password_reset',
      target: target(fresh),
      before: { mustChangePassword: fresh.mustChangePassword },
      after: { mustChangePassword: true },
      at: now,
    });
    return viewOf(db, fresh);
  });
}
