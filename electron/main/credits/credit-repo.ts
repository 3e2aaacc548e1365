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
  /** Set on a credit that pays the difference after the outage was revised. */
  adjustmentReason: 'outage_revised' | null;
  outageRevision: number | null;
}

/** Positional, in the column order of `creditSql.insert`: the run writes many rows. */
export type NewCreditRow = [
  id: string,
  accountId: number,
  lineId: number | null,
  outageId: number,
  policyId: number,
  amountMinor: number,
  currency: Currency,
  source: CreditSource,
  status: CreditStatus,
  scheduledOn: string,
  billDate: string,
  idempotencyKey: string,
  createdAt: string,
  adjustmentReason: 'outage_revised' | null,
  outageRevision: number | null,
];

/** A credit taken back by a reversal line reads as reversed, although its exported row stays as billing got it. */
export const EFFECTIVE_STATUS = `CASE WHEN EXISTS (SELECT 1 FROM credit_reversals r WHERE r.credit_id = c.id) THEN 'reversed' ELSE c.status END`;

const CREDIT_COLUMNS = `c.id, c.account_id AS accountId, c.line_id AS lineId, c.outage_id AS outageId,
  o.title AS outageTitle, c.policy_id AS policyId, p.code AS policyCode, p.version AS policyVersion,
  c.amount_minor AS amountMinor, c.currency, c.source, ${EFFECTIVE_STATUS} AS status, c.scheduled_on AS scheduledOn,
  c.bill_date AS billDate, c.idempotency_key AS idempotencyKey, c.created_at AS createdAt,
  c.adjustment_reason AS adjustmentReason, c.outage_revision AS outageRevision`;

export const creditSql = {
  ofAccount: `SELECT ${CREDIT_COLUMNS}
    FROM credits c JOIN credit_policies p ON p.id = c.policy_id JOIN outages o ON o.id = c.outage_id
    WHERE c.account_id = ? ORDER BY c.created_at DESC, COALESCE(c.outage_revision, 0) DESC, c.id DESC`,
  keysOfOutageInAccountRange: `SELECT c.account_id, c.idempotency_key, ${EFFECTIVE_STATUS}, c.source, c.amount_minor
    FROM credits c INDEXED BY credits_outage_account WHERE outage_id = ? AND account_id BETWEEN ? AND ? ORDER BY account_id`,
  // The unique idempotency key is what makes a second identical credit impossible; a
  // conflicting row is skipped, so re-running a run writes nothing twice.
  insert: `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency,
      source, status, scheduled_on, bill_date, idempotency_key, created_at, adjustment_reason, outage_revision)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  liveOfAccountOutage: `SELECT c.id, c.amount_minor AS amountMinor, c.currency, c.status, c.idempotency_key AS idempotencyKey,
      c.policy_id AS policyId, c.line_id AS lineId, c.version, c.exported_batch_id AS exportedBatchId
    FROM credits c WHERE c.account_id = ? AND c.outage_id = ? AND c.status <> 'reversed'
      AND NOT EXISTS (SELECT 1 FROM credit_reversals r WHERE r.credit_id = c.id)
    ORDER BY c.created_at, c.id`,
  reverse: `UPDATE credits SET status = 'reversed', version = version + 1
    WHERE id = ? AND status <> 'reversed' AND exported_batch_id IS NULL`,
  insertReversalLine: `INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at)
    VALUES (@id, @creditId, @amountMinor, @currency, @idempotencyKey, @createdAt) ON CONFLICT DO NOTHING`,
  claimReversalsForBatch: `UPDATE credit_reversals SET exported_batch_id = ? WHERE exported_batch_id IS NULL`,
  insertOverride: `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency,
      source, status, scheduled_on, bill_date, idempotency_key, version, created_at)
    VALUES (@id, @accountId, NULL, @outageId, @policyId, @amountMinor, @currency, 'override', 'scheduled',
      @scheduledOn, @billDate, @idempotencyKey, 1, @createdAt)
    ON CONFLICT (idempotency_key) DO NOTHING`,
  fedById: `SELECT account_id AS accountId, line_id AS lineId, outage_id AS outageId, policy_id AS policyId,
    amount_minor AS amountMinor, currency, source, status, scheduled_on AS scheduledOn, bill_date AS billDate,
    idempotency_key AS idempotencyKey, created_at AS createdAt, exported_batch_id AS exportedBatchId
    FROM credits WHERE id = ?`,
  insertFed: `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency, source,
    status, scheduled_on, bill_date, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateFed: `UPDATE credits SET account_id = ?, line_id = ?, outage_id = ?, policy_id = ?, amount_minor = ?,
    currency = ?, source = ?, status = ?, scheduled_on = ?, bill_date = ?, idempotency_key = ?, created_at = ?,
    version = version + 1 WHERE id = ?`,
  automaticTotalsCreatedAt: `SELECT currency, count(*) AS credits, sum(amount_minor) AS amountMinor FROM credits
    WHERE outage_id = ? AND source = 'automatic' AND created_at = ? GROUP BY currency ORDER BY currency`,
  automaticTotalsBetweenIds: `SELECT currency, count(*) AS credits, sum(amount_minor) AS amountMinor FROM credits
    WHERE id BETWEEN ? AND ? AND outage_id = ? AND source = 'automatic' AND created_at = ? GROUP BY currency ORDER BY currency`,
  claimForBatch: `UPDATE credits SET exported_batch_id = ? WHERE exported_batch_id IS NULL AND status = 'scheduled'`,
} as const;

export function listCreditsOfAccount(db: Database.Database, accountId: number): CreditRow[] {
  return cachedStatement<[number], CreditRow>(db, creditSql.ofAccount).all(accountId);
}

/** [account id, idempotency key, status, source, amount] of a stored credit, as a policy run reads it. */
export type CreditKeyRow = [accountId: number, idempotencyKey: string, status: CreditStatus, source: CreditSource, amountMinor: number];

/** The outage's credits of accounts `first` to `last`, by account: only what a run checks. */
export function listCreditKeysOfOutageForAccounts(
  db: Database.Database,
  outageId: number,
  firstAccountId: number,
  lastAccountId: number,
): CreditKeyRow[] {
  return cachedStatement<[number, number, number], CreditKeyRow>(db, creditSql.keysOfOutageInAccountRange)
    .raw()
    .all(outageId, firstAccountId, lastAccountId);
}

/*
 * Every insert into credits goes through this file, and each adds what it wrote to the credit
 * totals the dashboard reads (migrations 016 and 017), in the caller's transaction. A new credit
 * has no reversal line, so its own status is its effective one; a row skipped because its key
 * exists is not in credits under its id, so it is not counted.
 */
const addToTotals = `INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
  SELECT c.outage_id, a.region, c.status, c.currency, count(*), sum(c.amount_minor)
  FROM json_each(?) j JOIN credits c ON c.id = j.value JOIN accounts a ON a.id = c.account_id
  WHERE true GROUP BY c.outage_id, a.region, c.status, c.currency
  ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
    count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor`;

/** Adds credits just inserted by id (not through this file: a hub batch) to the totals. */
export function addInsertedToTotals(db: Database.Database, ids: readonly string[]): void {
  if (ids.length > 0) cachedStatement<[string]>(db, addToTotals).run(JSON.stringify(ids));
}

const BATCH_ROWS = 32;
const COLUMNS = 15;
/** The multi-row insert of `count` credits (1 to BATCH_ROWS), skipping any whose idempotency key exists. */
function insertManySql(count: number): string {
  return `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency,
    source, status, scheduled_on, bill_date, idempotency_key, created_at, adjustment_reason, outage_revision)
  VALUES ${Array.from({ length: count }, () => `(${Array.from({ length: COLUMNS }, () => '?').join(', ')})`).join(', ')}
  ON CONFLICT (idempotency_key) DO NOTHING`;
}
const INSERT_MANY = Array.from({ length: BATCH_ROWS + 1 }, (_, count) => (count === 0 ? '' : insertManySql(count)));

/**
 * Writes many credits, skipping any whose idempotency key exists; returns how many were
 * written. Rows go 32 to a statement, and the rest in one statement of their own size: a
 * policy run writes hundreds of thousands, and one statement per row spends a tenth of the
 * write in the call itself.
 */
export function insertCreditsUnlessKeysExist(db: Database.Database, rows: readonly NewCreditRow[]): number {
  let written = 0;
  const full: unknown[] = new Array(BATCH_ROWS * COLUMNS);
  for (let at = 0; at < rows.length; ) {
    const count = Math.min(BATCH_ROWS, rows.length - at);
    const params = count === BATCH_ROWS ? full : new Array<unknown>(count * COLUMNS);
    for (let r = 0; r < count; r += 1) {
      const row = rows[at + r]!;
      for (let c = 0; c < COLUMNS; c += 1) params[r * COLUMNS + c] = row[c];
    }
    written += cachedStatement<unknown[]>(db, INSERT_MANY[count]!).run(...params).changes;
    at += count;
  }
  if (written > 0) addInsertedToTotals(db, rows.map((row) => row[0]));
  return written;
}

/** Returns whether the row was written (false: a credit with its idempotency key exists). */
export function insertCreditUnlessKeyExists(db: Database.Database, row: NewCreditRow): boolean {
  const written = cachedStatement<NewCreditRow>(db, creditSql.insert).run(...row).changes === 1;
  if (written) addInsertedToTotals(db, [row[0]]);
  return written;
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

/** A credit that is not reversed, as an override reads and changes it. */
export interface LiveCreditRow {
  id: string;
  amountMinor: number;
  currency: Currency;
  status: CreditStatus;
  idempotencyKey: string;
  policyId: number;
  lineId: number | null;
  version: number;
  /** Set once billing has the credit: then it is taken back by a reversal line. */
  exportedBatchId: number | null;
}

export function listLiveCredits(db: Database.Database, accountId: number, outageId: number): LiveCreditRow[] {
  return cachedStatement<[number, number], LiveCreditRow>(db, creditSql.liveOfAccountOutage).all(accountId, outageId);
}

/** The key of the line that takes an exported credit back: derived from the credit's, so it is one per credit. */
export function reversalLineKey(creditKey: string): string {
  return `${creditKey}|reversal`;
}

export type CreditTakenBack = { how: 'marked_reversed' } | { how: 'reversal_line'; lineId: string; idempotencyKey: string } | null;

/**
 * Takes a live credit back. One billing has not seen is marked reversed; an exported one
 * stays as it is and gets a reversal line for the next batch. Null when it was taken back already.
 */
export function reverseCredit(db: Database.Database, credit: LiveCreditRow, line: { id: string; createdAt: string }): CreditTakenBack {
  if (credit.exportedBatchId === null) {
    return cachedStatement(db, creditSql.reverse).run(credit.id).changes === 1 ? { how: 'marked_reversed' } : null;
  }
  const idempotencyKey = reversalLineKey(credit.idempotencyKey);
  const written = cachedStatement(db, creditSql.insertReversalLine).run({
    id: line.id,
    creditId: credit.id,
    amountMinor: credit.amountMinor,
    currency: credit.currency,
    idempotencyKey,
    createdAt: line.createdAt,
  }).changes;
  return written === 1 ? { how: 'reversal_line', lineId: line.id, idempotencyKey } : null;
}

export interface NewOverrideCredit {
  id: string;
  accountId: number;
  outageId: number;
  policyId: number;
  amountMinor: number;
  currency: Currency;
  scheduledOn: string;
  billDate: string;
  idempotencyKey: string;
  createdAt: string;
}

/** False when a credit with the key exists already: nothing is written twice. */
export function insertOverrideCredit(db: Database.Database, credit: NewOverrideCredit): boolean {
  const written = cachedStatement(db, creditSql.insertOverride).run(credit).changes === 1;
  if (written) addInsertedToTotals(db, [credit.id]);
  return written;
}

/** A credit as a billing feed delivers it, keyed by the feed's source id (which is the row id). */
export type FedCredit = Pick<
  CreditRow,
  'accountId' | 'lineId' | 'outageId' | 'policyId' | 'amountMinor' | 'currency' | 'source' | 'status' | 'scheduledOn' | 'billDate' | 'idempotencyKey' | 'createdAt'
>;

export function findFedCredit(db: Database.Database, id: string): (FedCredit & { exportedBatchId: number | null }) | undefined {
  return cachedStatement<[string], FedCredit & { exportedBatchId: number | null }>(db, creditSql.fedById).get(id);
}

function fedParams(c: FedCredit): unknown[] {
  return [c.accountId, c.lineId, c.outageId, c.policyId, c.amountMinor, c.currency, c.source, c.status, c.scheduledOn, c.billDate, c.idempotencyKey, c.createdAt];
}

export function insertFedCredit(db: Database.Database, id: string, credit: FedCredit): void {
  cachedStatement(db, creditSql.insertFed).run(id, ...fedParams(credit));
  addInsertedToTotals(db, [id]);
}

export function updateFedCredit(db: Database.Database, id: string, credit: FedCredit): void {
  cachedStatement(db, creditSql.updateFed).run(...fedParams(credit), id);
}

/** Moves every scheduled credit and every reversal line that no batch holds yet into batch `batchId`; returns how many lines. */
export function claimScheduledCreditsForBatch(db: Database.Database, batchId: number): number {
  return cachedStatement(db, creditSql.claimForBatch).run(batchId).changes + cachedStatement(db, creditSql.claimReversalsForBatch).run(batchId).changes;
}

/** What a policy run's chunk wrote, per currency: its credits' ids are `firstId` to `lastId` (a run's ids only grow). */
export function sumAutomaticCreditsBetweenIds(
  db: Database.Database,
  outageId: number,
  createdAt: string,
  firstId: string,
  lastId: string,
): Array<{ currency: Currency; credits: number; amountMinor: number }> {
  return cachedStatement<[string, string, number, string], { currency: Currency; credits: number; amountMinor: number }>(db, creditSql.automaticTotalsBetweenIds).all(
    firstId,
    lastId,
    outageId,
    createdAt,
  );
}

/** What a policy run wrote for an outage, per currency: its credits all carry the run's start time. */
export function sumAutomaticCreditsCreatedAt(
  db: Database.Database,
  outageId: number,
  createdAt: string,
): Array<{ currency: Currency; credits: number; amountMinor: number }> {
  return cachedStatement<[number, string], { currency: Currency; credits: number; amountMinor: number }>(db, creditSql.automaticTotalsCreatedAt).all(outageId, createdAt);
}
