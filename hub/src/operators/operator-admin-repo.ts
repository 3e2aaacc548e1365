import type { Currency } from '@shared/domain/account';
import type { AmountsByCurrency } from '@shared/domain/override';
import type { Role } from '@shared/domain/operator';
import type { Tx } from '../db/transaction';

export interface AdminOperatorRow {
  readonly operatorId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
  readonly passwordHash: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly createdAt: Date;
}

const SELECT = `SELECT id AS "operatorId", username, display_name AS "displayName", role, active,
    must_change_password AS "mustChangePassword", password_hash AS "passwordHash", locale, time_zone AS "timeZone",
    created_at AS "createdAt"
  FROM operators`;

export async function listAdminOperators(tx: Tx): Promise<AdminOperatorRow[]> {
  return (await tx.query<AdminOperatorRow>(`${SELECT} ORDER BY username`)).rows;
}

/** The operator, locked for the rest of the transaction. */
export async function lockAdminOperator(tx: Tx, operatorId: number): Promise<AdminOperatorRow | null> {
  return (await tx.query<AdminOperatorRow>(`${SELECT} WHERE id = $1 FOR UPDATE`, [operatorId])).rows[0] ?? null;
}

export async function findAdminOperator(tx: Tx, operatorId: number): Promise<AdminOperatorRow | null> {
  return (await tx.query<AdminOperatorRow>(`${SELECT} WHERE id = $1`, [operatorId])).rows[0] ?? null;
}

/**
 * The active admins, counted with their rows locked: two admins taken out at once are decided
 * one after the other, so the last one standing is never removed.
 */
export async function countActiveAdminsLocked(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ id: number }>("SELECT id FROM operators WHERE role = 'admin' AND active ORDER BY id FOR UPDATE");
  return rows.length;
}

export interface NewHubOperator {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly createdAt: Date;
}

/** A new operator who must choose their own password at the first sign-in; null when the username is taken. */
export async function insertOperatorWithTemporaryPassword(tx: Tx, operator: NewHubOperator): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [operator.username, operator.displayName, operator.role, operator.passwordHash, operator.locale, operator.timeZone, operator.createdAt],
  );
  return rows[0]?.id ?? null;
}

export async function updateRole(tx: Tx, operatorId: number, role: Role): Promise<void> {
  await tx.query('UPDATE operators SET role = $2 WHERE id = $1', [operatorId, role]);
}

export async function updateActive(tx: Tx, operatorId: number, active: boolean): Promise<void> {
  await tx.query('UPDATE operators SET active = $2 WHERE id = $1', [operatorId, active]);
}

/** A new password; a temporary one (`mustChange`) also clears a lock-out, so the operator can sign in with it. */
export async function updatePassword(tx: Tx, operatorId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await tx.query(
    `UPDATE operators SET password_hash = $2, must_change_password = $3,
       failed_sign_ins = CASE WHEN $3 THEN 0 ELSE failed_sign_ins END, locked_until = CASE WHEN $3 THEN NULL ELSE locked_until END
     WHERE id = $1`,
    [operatorId, passwordHash, mustChange],
  );
}

/** Ends every running session of the operator: their next call with any of those tokens is refused. */
export async function endSessionsOf(tx: Tx, operatorId: number, at: Date): Promise<number> {
  const result = await tx.query('UPDATE sessions SET ended_at = $2 WHERE operator_id = $1 AND ended_at IS NULL', [operatorId, at]);
  return result.rowCount ?? 0;
}

/** Every operator's own daily totals, by operator id. */
export async function readAllDailyLimits(tx: Tx): Promise<Map<number, AmountsByCurrency>> {
  const { rows } = await tx.query<{ operatorId: number; currency: Currency; minor: number }>(
    'SELECT operator_id AS "operatorId", currency, daily_total_minor AS minor FROM operator_daily_limits',
  );
  const limits = new Map<number, AmountsByCurrency>();
  for (const row of rows) limits.set(row.operatorId, { ...limits.get(row.operatorId), [row.currency]: row.minor });
  return limits;
}

/** One operator's own daily totals per currency (empty: the site's total applies in each). */
export async function readDailyLimits(tx: Tx, operatorId: number): Promise<AmountsByCurrency> {
  const { rows } = await tx.query<{ currency: Currency; minor: number }>(
    'SELECT currency, daily_total_minor AS minor FROM operator_daily_limits WHERE operator_id = $1',
    [operatorId],
  );
  return Object.fromEntries(rows.map((row) => [row.currency, row.minor]));
}

/** Sets the operator's own total in one currency; null removes it (the site's applies again). */
export async function saveDailyLimit(tx: Tx, limit: { operatorId: number; currency: Currency; minor: number | null; updatedBy: number; updatedAt: Date }): Promise<void> {
  if (limit.minor === null) {
    await tx.query('DELETE FROM operator_daily_limits WHERE operator_id = $1 AND currency = $2', [limit.operatorId, limit.currency]);
    return;
  }
  await tx.query(
    `INSERT INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (operator_id, currency) DO UPDATE SET daily_total_minor = excluded.daily_total_minor,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [limit.operatorId, limit.currency, limit.minor, limit.updatedBy, limit.updatedAt],
  );
}
