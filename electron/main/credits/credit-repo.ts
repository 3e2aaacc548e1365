import type Database from 'better-sqlite3';
import type { Credit, CreditSource, CreditStatus } from '@shared/domain/credit';
import type { Currency } from '@shared/domain/account';
import { cachedStatement } from '../db/statement-cache';

/** A credit row with its policy's code and version and its outage's title. */
export interface CreditRow {
  id: string;
  accountId: number;
  lineId: number | null;
  outageId: number;
  outageTitle: string;
  policyId: number;
  policyCode: string;
  policyVersion: number;
  amountMinor: number;
  currency: Currency;
  source: CreditSource;
  status: CreditStatus;
  scheduledOn: string | null;
  billDate: string | null;
  idempotencyKey: string;
  createdAt: string;
}

/** Positional, in the column order of `creditSql.insert`: the run writes many rows. */
export type NewCreditRow = [
  id: string,
  accountId: number,
  lineId: number | null,
  outageId: number,
  policyId: number,
  amountMinor: number,
  currency: string,
  source: CreditSource,
  status: CreditStatus,
  scheduledOn: string,
  billDate: string,
  idempotencyKey: string,
  createdAt: string,
];

const CREDIT_COLUMNS = `c.id, c.account_id AS accountId, c.line_id AS lineId, c.outage_id AS outageId,
  o.title AS outageTitle, c.policy_id AS policyId, p.code AS policyCode, p.version AS policyVersion,
  c.amount_minor AS amountMinor, c.currency, c.source, c.status, c.scheduled_on AS scheduledOn,
  c.bill_date AS billDate, c.idempotency_key AS idempotencyKey, c.created_at AS createdAt`;

export const creditSql = {
  ofAccount: `SELECT ${CREDIT_COLUMNS}
    FROM credits c JOIN credit_policies p ON p.id = c.policy_id JOIN outages o ON o.id = c.outage_id
    WHERE c.account_id = ? ORDER BY c.created_at DESC, c.id DESC`,
  ofOutageInAccountRange: `SELECT ${CREDIT_COLUMNS}
    FROM credits c JOIN credit_policies p ON p.id = c.policy_id JOIN outages o ON o.id = c.outage_id
    WHERE c.outage_id = ? AND c.account_id BETWEEN ? AND ?`,
  // The unique idempotency key is what makes a second identical credit impossible; a
  // conflicting row is skipped, so re-running a run writes nothing twice.
  insert: `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency,
      source, status, scheduled_on, bill_date, idempotency_key, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
} as const;

export function listCreditsOfAccount(db: Database.Database, accountId: number): CreditRow[] {
  return cachedStatement<[number], CreditRow>(db, creditSql.ofAccount).all(accountId);
}

export function listCreditsOfOutageForAccounts(
  db: Database.Database,
  outageId: number,
  firstAccountId: number,
  lastAccountId: number,
): CreditRow[] {
  return cachedStatement<[number, number, number], CreditRow>(db, creditSql.ofOutageInAccountRange).all(
    outageId,
    firstAccountId,
    lastAccountId,
  );
}

/** Returns whether the row was written (false: a credit with its idempotency key exists). */
export function insertCreditUnlessKeyExists(db: Database.Database, row: NewCreditRow): boolean {
  return cachedStatement<NewCreditRow>(db, creditSql.insert).run(...row).changes === 1;
}

/** The engine's view of a stored credit. */
export function toDomainCredit(row: CreditRow): Credit {
  return {
    id: row.id,
    accountId: row.accountId,
    lineId: row.lineId,
    outageId: row.outageId,
    policyCode: row.policyCode,
    policyVersion: row.policyVersion,
    amountMinor: row.amountMinor,
    currency: row.currency,
    source: row.source,
    status: row.status,
    // Override credits may be pending without dates yet; the engine only reads status and key.
    scheduledOn: row.scheduledOn ?? '',
    billDate: row.billDate ?? '',
    idempotencyKey: row.idempotencyKey,
  };
}
