import type Database from 'better-sqlite3';
import type { AmountsByCurrency } from '@shared/domain/override';
import type { Currency } from '@shared/domain/account';
import type { Role } from '@shared/domain/operator';
import { cachedStatement } from '../db/statement-cache';

type SessionFactsRow = { active: number; role: Role; sessionEpoch: number; mustChangePassword: number };
const SESSION_FACTS = 'SELECT active, role, session_epoch AS sessionEpoch, must_change_password AS mustChangePassword FROM operators WHERE id = ?';

/** An operator as the admin screen lists them; no credentials. */
export interface OperatorListRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
}

export function listOperators(db: Database.Database): OperatorListRow[] {
  const rows = db
    .prepare(
      `SELECT id, username, display_name AS displayName, role, active, must_change_password AS mustChangePassword,
         created_at AS createdAt
       FROM operators ORDER BY active DESC, display_name COLLATE NOCASE, id`,
    )
    .all() as (Omit<OperatorListRow, 'active' | 'mustChangePassword'> & { active: number; mustChangePassword: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1, mustChangePassword: r.mustChangePassword === 1 }));
}

export function countActiveAdmins(db: Database.Database): number {
  return db.prepare(`SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1`).pluck().get() as number;
}

/** The session facts that end a running session when they move. */
export function readSessionFacts(db: Database.Database, id: number): { active: boolean; role: Role; sessionEpoch: number; mustChangePassword: boolean } | null {
  // Read on every IPC call of a session: the statement is prepared once.
  const row = cachedStatement<[number], SessionFactsRow>(db, SESSION_FACTS).get(id);
  return row ? { active: row.active === 1, role: row.role, sessionEpoch: row.sessionEpoch, mustChangePassword: row.mustChangePassword === 1 } : null;
}

export function updateOperatorRole(db: Database.Database, id: number, role: Role): void {
  db.prepare('UPDATE operators SET role = ?, session_epoch = session_epoch + 1 WHERE id = ?').run(role, id);
}

export function updateOperatorActive(db: Database.Database, id: number, active: boolean): void {
  db.prepare('UPDATE operators SET active = ?, session_epoch = session_epoch + 1 WHERE id = ?').run(active ? 1 : 0, id);
}

/**
 * Stores a new password hash. `mustChange` marks it temporary (an admin's reset): the
 * operator's running session ends and they must choose their own at the next sign-in.
 */
export function updateOperatorPassword(db: Database.Database, id: number, hash: string, mustChange: boolean): number {
  db.prepare(
    `UPDATE operators SET password_hash = ?, must_change_password = ?, failed_attempts = 0, locked_until = NULL,
       session_epoch = session_epoch + ? WHERE id = ?`,
  ).run(hash, mustChange ? 1 : 0, mustChange ? 1 : 0, id);
  return db.prepare('SELECT session_epoch FROM operators WHERE id = ?').pluck().get(id) as number;
}

/** The operator's own daily limits, per currency; a currency not listed follows the site's. */
export function readOperatorDailyLimits(db: Database.Database, operatorId: number): AmountsByCurrency {
  const rows = db
    .prepare('SELECT currency, daily_total_minor AS minor FROM operator_daily_limits WHERE operator_id = ?')
    .all(operatorId) as { currency: Currency; minor: number }[];
  const limits: AmountsByCurrency = {};
  for (const row of rows) limits[row.currency] = row.minor;
  return limits;
}

/** Every operator's own limits at once, for the list. */
export function readAllDailyLimits(db: Database.Database): Map<number, AmountsByCurrency> {
  const rows = db
    .prepare('SELECT operator_id AS operatorId, currency, daily_total_minor AS minor FROM operator_daily_limits')
    .all() as { operatorId: number; currency: Currency; minor: number }[];
  const all = new Map<number, AmountsByCurrency>();
  for (const row of rows) {
    const limits = all.get(row.operatorId) ?? {};
    limits[row.currency] = row.minor;
    all.set(row.operatorId, limits);
  }
  return all;
}

/** Sets (or, with null, removes) one currency's own limit. */
export function saveOperatorDailyLimit(
  db: Database.Database,
  row: { operatorId: number; currency: Currency; minor: number | null; updatedBy: number; updatedAt: string },
): void {
  if (row.minor === null) {
    db.prepare('DELETE FROM operator_daily_limits WHERE operator_id = ? AND currency = ?').run(row.operatorId, row.currency);
    return;
  }
  db.prepare(
    `INSERT INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at)
     VALUES (@operatorId, @currency, @minor, @updatedBy, @updatedAt)
     ON CONFLICT (operator_id, currency) DO UPDATE SET
       daily_total_minor = excluded.daily_total_minor, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(row);
}
