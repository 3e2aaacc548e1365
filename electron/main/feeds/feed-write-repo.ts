import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

/*
 * The upserts of the feed import, keyed by source id. Each is one statement that inserts,
 * or updates only when some column differs (the WHERE of DO UPDATE), and RETURNING tells
 * which happened: no row back means the content was the same and nothing was written.
 * A new row's id is above every id that existed before (SQLite gives max(rowid) + 1 to a
 * table without AUTOINCREMENT), which is how an insert is told from an update.
 */

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

const accountColumns = [
  'account_number', 'holder_name', 'name_fold', 'email', 'email_norm', 'contact_phone_e164', 'brand', 'segment',
  'payment_type', 'status', 'bill_cycle_day', 'currency', 'monthly_charge_minor', 'country', 'region', 'postal_code',
  'postal_code_norm', 'preferred_language',
];
const lineColumns = ['account_id', 'number_e164', 'service_type', 'monthly_rate_minor', 'status'];
const outageColumns = [
  'title', 'starts_at', 'ends_at', 'cause', 'services_json', 'towers_affected', 'regions_json', 'subscribers_affected',
];
const impactColumns = ['outage_id', 'line_id', 'starts_at', 'ends_at', 'lost_minutes', 'connected_at_start'];

/**
 * `carried` columns are written with the row but not compared: the stamp, and the row's
 * feed_hash (a row whose values are all the same is unchanged whatever its stored hash).
 */
function upsertSql(table: string, columns: readonly string[], carried: readonly string[]): string {
  const all = ['source_id', ...columns, ...carried];
  const set = [...columns, ...carried].map((c) => `${c} = excluded.${c}`).join(', ');
  const mine = columns.join(', ');
  const theirs = columns.map((c) => `excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
    ON CONFLICT (source_id) DO UPDATE SET ${set} WHERE (${mine}) IS NOT (${theirs})
    RETURNING id`;
}

/** A plain insert, for a first load into an empty table: no conflict target to probe, nothing returned. */
function insertSql(table: string, columns: readonly string[], carried: readonly string[]): string {
  const all = ['source_id', ...columns, ...carried];
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`;
}

/** The tables whose rows carry a feed_hash (migration 015). */
export type HashedTable = 'accounts' | 'lines' | 'impacts';

/**
 * The source ids, among `hashes` (a JSON object of source id to feed hash), whose row is
 * missing or has another hash: the rows of a batch that need the upsert. One statement for
 * the whole batch: the probes run inside SQLite, and an unchanged row costs no JavaScript.
 */
const notMatchingSql = (table: HashedTable) =>
  `SELECT j.key FROM json_each(?) j WHERE j.value IS NOT (SELECT t.feed_hash FROM ${table} t WHERE t.source_id = j.key)`;

/** Stores the hash of a row found unchanged column by column (it had none, or an older one). */
const storeHashSql = (table: HashedTable) => `UPDATE ${table} SET feed_hash = ? WHERE source_id = ? AND feed_hash IS NOT ?`;

const sql = {
  account: upsertSql('accounts', accountColumns, ['updated_at', 'feed_hash']),
  newAccount: insertSql('accounts', accountColumns, ['updated_at']),
  newLine: insertSql('lines', lineColumns, []),
  newImpact: insertSql('impacts', impactColumns, []),
  fedAccount: insertSql('accounts', accountColumns, ['updated_at', 'feed_hash']),
  fedLine: insertSql('lines', lineColumns, ['feed_hash']),
  fedImpact: insertSql('impacts', impactColumns, ['feed_hash']),
  line: upsertSql('lines', lineColumns, ['feed_hash']),
  outage: upsertSql('outages', outageColumns, ['updated_at']),
  outageUnlessExists: `${insertSql('outages', outageColumns, ['updated_at'])} ON CONFLICT (source_id) DO NOTHING`,
  impact: upsertSql('impacts', impactColumns, ['feed_hash']),
  accountId: 'SELECT id FROM accounts WHERE source_id = ?',
  line_: 'SELECT id, account_id AS accountId FROM lines WHERE source_id = ?',
  outageId: 'SELECT id FROM outages WHERE source_id = ?',
} as const;

export type AccountValues = [
  sourceId: string, accountNumber: string, holderName: string, nameFold: string, email: string, emailNorm: string,
  contactPhone: string, brand: string, segment: string, paymentType: string, status: string, billCycleDay: number,
  currency: string, monthlyChargeMinor: number, country: string, region: string, postalCode: string,
  postalCodeNorm: string, preferredLanguage: string, updatedAt: string,
];
export type LineValues = [
  sourceId: string, accountId: number, numberE164: string, serviceType: string, monthlyRateMinor: number, status: string,
];
export type OutageValues = [
  sourceId: string, title: string, startsAt: string, endsAt: string | null, cause: string, servicesJson: string,
  towersAffected: number, regionsJson: string, subscribersAffected: number | null, updatedAt: string,
];
export type ImpactValues = [
  sourceId: string, outageId: number, lineId: number, startsAt: string, endsAt: string | null,
  lostMinutes: number | null, connectedAtStart: 0 | 1,
];
/** A row as the import writes it: its values, then its feed hash. */
export type Hashed<V extends unknown[]> = [...V, feedHash: number | null];

export type FeedTable = 'accounts' | 'lines' | 'outages' | 'impacts';

export function maxRowId(db: Database.Database, table: FeedTable): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as { id: number }).id;
}

/** Runs an upsert statement; `highWater` is the largest id known to exist, moved up on an insert. */
function runUpsert(db: Database.Database, text: string, values: unknown[], highWater: { id: number }): UpsertOutcome {
  const row = cachedStatement<unknown[], { id: number }>(db, text).get(...values);
  if (!row) return 'unchanged';
  if (row.id > highWater.id) {
    highWater.id = row.id;
    return 'inserted';
  }
  return 'updated';
}

/** An upsert of a hashed table; a row found unchanged gets the incoming hash, so the next re-import skips it. */
function runHashedUpsert(db: Database.Database, table: HashedTable, text: string, values: unknown[], highWater: { id: number }): UpsertOutcome {
  const outcome = runUpsert(db, text, values, highWater);
  const hash = values[values.length - 1];
  if (outcome === 'unchanged' && hash !== null) cachedStatement(db, storeHashSql(table)).run(hash, values[0], hash);
  return outcome;
}

export function upsertAccount(db: Database.Database, values: Hashed<AccountValues>, highWater: { id: number }): UpsertOutcome {
  return runHashedUpsert(db, 'accounts', sql.account, values, highWater);
}
export function upsertLine(db: Database.Database, values: Hashed<LineValues>, highWater: { id: number }): UpsertOutcome {
  return runHashedUpsert(db, 'lines', sql.line, values, highWater);
}
export function upsertOutage(db: Database.Database, values: OutageValues, highWater: { id: number }): UpsertOutcome {
  return runUpsert(db, sql.outage, values, highWater);
}
export function upsertImpact(db: Database.Database, values: Hashed<ImpactValues>, highWater: { id: number }): UpsertOutcome {
  return runHashedUpsert(db, 'impacts', sql.impact, values, highWater);
}

/** The source ids of `hashesJson` (source id to feed hash) whose stored row is missing or differs. */
export function sourceIdsNotMatching(db: Database.Database, table: HashedTable, hashesJson: string): string[] {
  return cachedStatement<[string], string>(db, notMatchingSql(table)).pluck().all(hashesJson);
}

/*
 * Plain inserts for a first load into an empty table, where every row of the file is new
 * (the importer refuses a key seen earlier in the file). A constraint error throws as it
 * would from the upsert; the writer then retries the row as an upsert.
 */
export function insertAccount(db: Database.Database, values: AccountValues): number {
  return Number(cachedStatement(db, sql.newAccount).run(...values).lastInsertRowid);
}
export function insertLine(db: Database.Database, values: LineValues): number {
  return Number(cachedStatement(db, sql.newLine).run(...values).lastInsertRowid);
}
export function insertImpact(db: Database.Database, values: ImpactValues): void {
  cachedStatement(db, sql.newImpact).run(...values);
}

/** The import's plain inserts (a first load), with each row's feed hash. */
export function insertFedAccount(db: Database.Database, values: Hashed<AccountValues>): void {
  cachedStatement(db, sql.fedAccount).run(...values);
}
export function insertFedLine(db: Database.Database, values: Hashed<LineValues>): void {
  cachedStatement(db, sql.fedLine).run(...values);
}
export function insertFedImpact(db: Database.Database, values: Hashed<ImpactValues>): void {
  cachedStatement(db, sql.fedImpact).run(...values);
}

/** Stores the outage unless one with its source id exists (then it is left as it is); returns its id. */
export function insertOutageUnlessExists(db: Database.Database, values: OutageValues): number {
  cachedStatement(db, sql.outageUnlessExists).run(...values);
  return findOutageIdBySource(db, values[0])!;
}

export function findAccountIdBySource(db: Database.Database, sourceId: string): number | undefined {
  return cachedStatement<[string], { id: number }>(db, sql.accountId).get(sourceId)?.id;
}
export function findLineBySource(db: Database.Database, sourceId: string): { id: number; accountId: number } | undefined {
  return cachedStatement<[string], { id: number; accountId: number }>(db, sql.line_).get(sourceId);
}
export function findOutageIdBySource(db: Database.Database, sourceId: string): number | undefined {
  return cachedStatement<[string], { id: number }>(db, sql.outageId).get(sourceId)?.id;
}
