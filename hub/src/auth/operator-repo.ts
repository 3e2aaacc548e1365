import type pg from 'pg';
import type { OperatorIdentity, Role } from '@shared/domain/operator';
import type { Tx } from '../db/transaction';

export interface OperatorRow extends OperatorIdentity {
  passwordHash: string;
  active: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  /** A temporary password: the desktop forces a change after sign-in. */
  mustChangePassword: boolean;
}

export async function findOperatorByUsername(db: pg.Pool | Tx, username: string): Promise<OperatorRow | null> {
  const { rows } = await db.query<OperatorRow>(
    `SELECT id AS "operatorId", username, display_name AS "displayName", role, locale, time_zone AS "timeZone",
       password_hash AS "passwordHash", active, failed_sign_ins AS "failedSignIns", locked_until AS "lockedUntil",
       must_change_password AS "mustChangePassword"
     FROM operators WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

/** Counts a failed sign-in; at `maxFailures` the operator is locked until `lockUntil` and the count starts again. */
export async function recordFailedSignIn(db: pg.Pool | Tx, operatorId: number, maxFailures: number, lockUntil: Date): Promise<void> {
  await db.query(
    `UPDATE operators SET
       failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
       locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END
     WHERE id = $1`,
    [operatorId, maxFailures, lockUntil],
  );
}

/** Replaces the hash only if it is still the one verified, so a concurrent password change is never overwritten. */
export async function replacePasswordHash(db: pg.Pool | Tx, operatorId: number, verified: string, replacement: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE operators SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [operatorId, verified, replacement]);
  return rowCount === 1;
}

export async function clearFailedSignIns(db: pg.Pool | Tx, operatorId: number): Promise<void> {
  await db.query('UPDATE operators SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1 AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)', [operatorId]);
}

export interface NewOperator {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  locale: string;
  timeZone: string;
  createdAt: Date;
}

export async function insertOperator(db: pg.Pool | Tx, operator: NewOperator): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [operator.username, operator.displayName, operator.role, operator.passwordHash, operator.locale, operator.timeZone, operator.createdAt],
  );
  return rows[0]!.id;
}

/** The operator's interface language, locked for the rest of the transaction. */
export async function lockOperatorLocale(tx: Tx, operatorId: number): Promise<string | null> {
  const { rows } = await tx.query<{ locale: string }>('SELECT locale FROM operators WHERE id = $1 FOR UPDATE', [operatorId]);
  return rows[0]?.locale ?? null;
}

export async function updateOperatorLocale(tx: Tx, operatorId: number, locale: string): Promise<void> {
  await tx.query('UPDATE operators SET locale = $2 WHERE id = $1', [operatorId, locale]);
}
