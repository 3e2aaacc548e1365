import type Database from 'better-sqlite3';
import { foldText } from '@shared/domain/text';
import { carrierColumns, type CarrierValue } from '@shared/hub/carrier';
import type { CarrierTable } from '@shared/hub/changes';
import { normalizePostalCode } from '@shared/search/normalize-postal-code';
import { addInsertedToTotals } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';

/*
 * The hub's carrier rows (shared/hub/carrier.ts) written into the cache, by the hub's ids:
 * every write is an upsert on the id, so a snapshot load cut off and started again, or a batch
 * read twice, ends with the same rows. The searched forms (name_fold, email_norm,
 * postal_code_norm) are worked out here, as the feed import does. Policies are matched by
 * (code, version): every desktop has its built-in packs under ids of its own.
 */

type Row = CarrierValue[];

/** The upsert of `count` rows in one statement (a multi-row VALUES). */
const upsert = (table: string, columns: readonly string[], key: string, count = 1) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: count }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}
   ON CONFLICT (${key}) DO UPDATE SET ${columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Rows go this many to a statement: a bulk load's cost is largely the call per statement
 * (200,000 lines: 1.4 s in statements of 32 rows, 2.2 to 3.2 s one row a statement, at a load
 * average of 10 on 2 cores).
 */
const ROWS_PER_STATEMENT = 32;

const wire = (table: CarrierTable) => carrierColumns[table].map(([name]) => name as string);

const accountColumns = [
  'id', 'source_id', 'account_number', 'holder_name', 'name_fold', 'email', 'email_norm', 'contact_phone_e164', 'brand',
  'segment', 'payment_type', 'status', 'bill_cycle_day', 'currency', 'monthly_charge_minor', 'country', 'region',
  'postal_code', 'postal_code_norm', 'preferred_language', 'feed_hash', 'updated_at',
];
const creditColumns = [
  'id', 'account_id', 'line_id', 'outage_id', 'policy_id', 'amount_minor', 'currency', 'source', 'status', 'scheduled_on',
  'bill_date', 'idempotency_key', 'version', 'created_at', 'adjustment_reason', 'outage_revision',
];

const bulkColumns = { accounts: accountColumns, outages: wire('outages'), lines: wire('lines'), impacts: wire('impacts') } as const;
type BulkTable = keyof typeof bulkColumns;
const bulkSql = Object.fromEntries(
  (Object.keys(bulkColumns) as BulkTable[]).map((table) => [
    table,
    { one: upsert(table, bulkColumns[table], 'id'), many: upsert(table, bulkColumns[table], 'id', ROWS_PER_STATEMENT) },
  ]),
) as Record<BulkTable, { one: string; many: string }>;

/** An account's wire values with the searched forms worked out, in accountColumns order. */
function localAccount(r: Row): unknown[] {
  const holder = r[3] as string;
  const email = r[4] as string;
  const postal = r[15] as string;
  return [r[0], r[1], r[2], holder, foldText(holder), email, foldText(email), r[5], r[6], r[7], r[8], r[9], r[10], r[11],
    r[12], r[13], r[14], postal, normalizePostalCode(postal), r[16], r[17], r[18]];
}

const sql = {
  credits: upsert('credits', creditColumns, 'id'),
  policy: 'INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?) ON CONFLICT (code, version) DO NOTHING',
  policyId: 'SELECT id FROM credit_policies WHERE code = ? AND version = ?',
  outagePolicy: 'INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  creditExists: 'SELECT 1 FROM credits WHERE id = ?',
  rebuildTotals: `DELETE FROM credit_totals;
    INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, a.region,
      CASE WHEN EXISTS (SELECT 1 FROM credit_reversals r WHERE r.credit_id = c.id) THEN 'reversed' ELSE c.status END,
      c.currency, count(*), sum(c.amount_minor)
    FROM credits c JOIN accounts a ON a.id = c.account_id GROUP BY 1, 2, 3, 4;`,
} as const;

const kinds = Object.fromEntries(
  (Object.keys(carrierColumns) as CarrierTable[]).map((table) => [table, carrierColumns[table].map(([, kind]) => kind as string)]),
) as Record<CarrierTable, string[]>;

/** Values of the wire as SQLite takes them: integers as numbers (the snapshot sends text). */
function typed(table: CarrierTable, row: Row): Row {
  const k = kinds[table];
  if (row.length !== k.length) throw new Error(`a ${table} row has ${row.length} values, not ${k.length}`);
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (value !== null && typeof value === 'string' && (k[i] === 'int' || k[i] === 'int?')) row[i] = Number(value);
  }
  return row;
}

/** Writes carrier rows of one table; policy ids by (code, version) are remembered across calls. */
export class CarrierWriter {
  private readonly policies = new Map<string, number>();

  constructor(private readonly db: Database.Database) {}

  private policyId(code: string, version: number): number {
    const key = `${code}\u0000${version}`;
    let id = this.policies.get(key);
    if (id === undefined) {
      let found = cachedStatement<[string, number], { id: number }>(this.db, sql.policyId).get(code, version);
      if (!found) {
        // A credit under a policy the hub keeps no row for (an override's): as the desktop files those.
        cachedStatement(this.db, sql.policy).run(code, version, JSON.stringify({ code, manualOverride: true }));
        found = cachedStatement<[string, number], { id: number }>(this.db, sql.policyId).get(code, version)!;
      }
      id = found.id;
      this.policies.set(key, id);
    }
    return id;
  }

  /**
   * Writes `rows` (wire value lists) of `table`; call inside a transaction. New credits are
   * added to the dashboard totals unless `totalsLater` (a snapshot rebuilds them at the end).
   */
  write(table: CarrierTable, rows: readonly Row[], totalsLater = false): void {
    const db = this.db;
    switch (table) {
      case 'accounts':
      case 'outages':
      case 'lines':
      case 'impacts': {
        const one = cachedStatement<unknown[]>(db, bulkSql[table].one);
        const many = cachedStatement<unknown[]>(db, bulkSql[table].many);
        const local = table === 'accounts' ? (r: Row) => localAccount(typed(table, r)) : (r: Row) => typed(table, r);
        let at = 0;
        const params: unknown[] = [];
        for (; at + ROWS_PER_STATEMENT <= rows.length; at += ROWS_PER_STATEMENT) {
          params.length = 0;
          for (let i = at; i < at + ROWS_PER_STATEMENT; i++) for (const value of local(rows[i]!)) params.push(value);
          many.run(...params);
        }
        for (; at < rows.length; at++) one.run(...local(rows[at]!));
        return;
      }
      case 'credit_policies': {
        const statement = cachedStatement<unknown[]>(db, sql.policy);
        for (const raw of rows) {
          const r = typed(table, raw);
          statement.run(r[1], r[2], r[3]);
        }
        return;
      }
      case 'outage_policies': {
        const statement = cachedStatement<unknown[]>(db, sql.outagePolicy);
        for (const raw of rows) {
          const r = typed(table, raw);
          statement.run(r[0], this.policyId(r[1] as string, r[2] as number));
        }
        return;
      }
      case 'credits': {
        const statement = cachedStatement<unknown[]>(db, sql.credits);
        const exists = cachedStatement<[string], unknown>(db, sql.creditExists);
        const inserted: string[] = [];
        for (const raw of rows) {
          const r = typed(table, raw);
          const id = r[0] as string;
          if (!totalsLater && exists.get(id) === undefined) inserted.push(id);
          statement.run(id, r[1], r[2], r[3], this.policyId(r[4] as string, r[5] as number), r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16]);
        }
        addInsertedToTotals(db, inserted);
        return;
      }
    }
  }
}

/** The dashboard's credit totals worked out again from every credit (after a snapshot's bulk load). */
export function rebuildCreditTotals(db: Database.Database): void {
  db.exec(sql.rebuildTotals);
}
