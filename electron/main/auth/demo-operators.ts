import type Database from 'better-sqlite3';
import type { Role } from '@shared/domain/operator';
import { insertOperator, operatorUsernameExists } from './operator-repo';
import { hashPasswordSync, type ScryptParams } from './password-hash';

export interface DemoOperator {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Published on purpose: these accounts exist only in demo databases. */
  readonly password: string;
  readonly dailyOverrideLimitMinor: number;
}

const DEMO_LOCALE = 'en-US';
const DEMO_TIME_ZONE = 'America/Chicago';

export const DEMO_OPERATORS: readonly DemoOperator[] = [
  { username: 'alice', displayName: 'Alice Agent', role: 'agent', password: 'agent-demo-2024', dailyOverrideLimitMinor: 5_000 },
  { username: 'bob', displayName: 'Bob Baker', role: 'agent', password: 'agent-demo-2024', dailyOverrideLimitMinor: 5_000 },
  { username: 'sam', displayName: 'Sam Supervisor', role: 'supervisor', password: 'supervisor-demo-2024', dailyOverrideLimitMinor: 50_000 },
  { username: 'ada', displayName: 'Ada Admin', role: 'admin', password: 'admin-demo-2024', dailyOverrideLimitMinor: 0 },
];

/**
 * Creates each demo operator that does not exist yet; existing ones (and their passwords) are left alone.
 * `passwordCost` is the auth service's (tests give both a cheap one); the current cost when omitted.
 */
export function ensureDemoOperators(db: Database.Database, now: Date = new Date(), passwordCost?: ScryptParams): void {
  const missing = DEMO_OPERATORS.filter((operator) => !operatorUsernameExists(db, operator.username));
  // Hash outside the transaction: scrypt is slow and must not hold the write lock.
  const rows = missing.map((operator) => ({
    username: operator.username,
    displayName: operator.displayName,
    role: operator.role,
    passwordHash: hashPasswordSync(operator.password, passwordCost),
    locale: DEMO_LOCALE,
    timeZone: DEMO_TIME_ZONE,
    dailyOverrideLimitMinor: operator.dailyOverrideLimitMinor,
    createdAt: now.toISOString(),
  }));
  db.transaction(() => {
    for (const row of rows) {
      if (!operatorUsernameExists(db, row.username)) insertOperator(db, row);
    }
  })();
}
