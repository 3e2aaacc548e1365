import type Database from 'better-sqlite3';
import type { Role } from '@shared/domain/operator';

/** An operator row as stored, credentials included; never leaves main. */
export interface OperatorRecord {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  readonly lockedUntil: string | null;
  readonly locale: string;
  readonly timeZone: string;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
  /** Moved by every admin change that must end the operator's running session. */
  readonly sessionEpoch: number;
}

export interface NewOperator {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly dailyOverrideLimitMinor: number;
  readonly createdAt: string;
  /** A new operator an admin created signs in with a temporary password and must replace it. */
  readonly mustChangePassword?: boolean;
}

const COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash,
  failed_attempts AS failedAttempts, locked_until AS lockedUntil, locale, time_zone AS timeZone,
  active, must_change_password AS mustChangePassword, session_epoch AS sessionEpoch`;

type OperatorRow = Omit<OperatorRecord, 'active' | 'mustChangePassword'> & { active: number; mustChangePassword: number };

function toRecord(row: unknown): OperatorRecord | null {
  if (row === undefined) return null;
  const r = row as OperatorRow;
  return { ...r, active: r.active === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export function findOperatorByUsername(db: Database.Database, username: string): OperatorRecord | null {
  return toRecord(db.prepare(`SELECT ${COLUMNS} FROM operators WHERE username = ?`).get(username));
}

export function findOperatorById(db: Database.Database, id: number): OperatorRecord | null {
  return toRecord(db.prepare(`SELECT ${COLUMNS} FROM operators WHERE id = ?`).get(id));
}

/**
 * Counts one failed attempt in a single statement (so two racing attempts both count)
 * and, when the count reaches the threshold, locks the operator and starts a new count.
 */
export function recordFailedSignIn(
  db: Database.Database,
  id: number,
  threshold: number,
  lockUntilIfReached: string,
): { failedAttempts: number; lockedUntil: string | null } {
  const row = db
    .prepare(
      `UPDATE operators SET
         locked_until = CASE WHEN failed_attempts + 1 >= @threshold THEN @lockUntil ELSE locked_until END,
         failed_attempts = CASE WHEN failed_attempts + 1 >= @threshold THEN 0 ELSE failed_attempts + 1 END
       WHERE id = @id
       RETURNING failed_attempts AS failedAttempts, locked_until AS lockedUntil`,
    )
    .get({ threshold, lockUntil: lockUntilIfReached, id });
  return row as { failedAttempts: number; lockedUntil: string | null };
}

export function recordSuccessfulSignIn(db: Database.Database, id: number): void {
  db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}

export function insertOperator(db: Database.Database, operator: NewOperator): number {
  const info = db
    .prepare(
      `INSERT INTO operators
         (username, display_name, role, password_hash, failed_attempts, locked_until,
          locale, time_zone, daily_override_limit_minor, created_at, must_change_password)
       VALUES (@username, @displayName, @role, @passwordHash, 0, NULL,
          @locale, @timeZone, @dailyOverrideLimitMinor, @createdAt, @mustChangePassword)`,
    )
    .run({ ...operator, mustChangePassword: operator.mustChangePassword ? 1 : 0 });
  return Number(info.lastInsertRowid);
}

export function operatorUsernameExists(db: Database.Database, username: string): boolean {
  return db.prepare('SELECT 1 FROM operators WHERE username = ?').get(username) !== undefined;
}

export function hasAnyOperator(db: Database.Database): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM operators) AS found').pluck().get() === 1;
}

/**
 * Stores a new hash of the same password, only if the stored one is still the hash it replaces
 * (an administrator's password reset in between wins). True when the row changed.
 */
export function replacePasswordHash(db: Database.Database, id: number, previousHash: string, nextHash: string): boolean {
  return (
    db.prepare('UPDATE operators SET password_hash = ? WHERE id = ? AND password_hash = ?').run(nextHash, id, previousHash)
      .changes === 1
  );
}

/** Stores an operator's interface language; true when the row exists. */
export function updateOperatorLocale(db: Database.Database, id: number, locale: string): boolean {
  return db.prepare('UPDATE operators SET locale = ? WHERE id = ?').run(locale, id).changes === 1;
}
