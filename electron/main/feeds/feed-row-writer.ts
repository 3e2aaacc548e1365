import type Database from 'better-sqlite3';
import { idempotencyKey } from '@shared/domain/credit';
import type { FeedEntity } from '@shared/feeds/feed-entities';
import type { RowProblem } from '@shared/feeds/row-problem';
import {
  findAccountIdBySource,
  findLineBySource,
  findOutageIdBySource,
  insertFedAccount,
  insertFedImpact,
  insertFedLine,
  maxRowId,
  upsertAccount,
  upsertImpact,
  upsertLine,
  upsertOutage,
  type AccountValues,
  type Hashed,
  type ImpactValues,
  type LineValues,
  type UpsertOutcome,
} from './feed-write-repo';
import { findFedCredit, insertFedCredit, updateFedCredit, type FedCredit } from '../credits/credit-repo';
import { findPolicyVersion, insertNewPolicyVersion, listPolicyOutageIds, replacePolicyOutages } from '../policies/policy-repo';
import type { PackedRows } from './packed-row';

export type WriteResult = { ok: true; outcome: UpsertOutcome } | { ok: false; problem: RowProblem };

/** Writes one checked row, in its packed form (packed-row.ts), with its feed hash (null for the feeds without one). */
export type RowWriter<E extends FeedEntity> = (row: PackedRows[E], hash: number | null) => WriteResult;

function missing(field: string, id: string): WriteResult {
  return { ok: false, problem: { field, reason: 'unknown_reference', detail: `no ${field.replace(/_source_id$|_code$/, '')} ${id}` } };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Writes a row by plain insert while the table was empty when the file began (a first
 * load: cheaper than an upsert, which probes its conflict target and returns the id), else
 * by upsert. A plain insert that hits a constraint is retried as the upsert, which says
 * whether the row was a conflict or only already there.
 */
function insertOrUpsert<V>(
  fresh: boolean,
  insert: (values: V) => void,
  upsert: (values: V) => UpsertOutcome,
): (values: V) => UpsertOutcome {
  if (!fresh) return upsert;
  return (values) => {
    try {
      insert(values);
      return 'inserted';
    } catch (error) {
      if (!String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_CONSTRAINT')) throw error;
      return upsert(values);
    }
  };
}

/** A constraint the schema could not see (an account number another source id holds) rejects the row, not the batch. */
function guarded(field: string, write: () => UpsertOutcome): WriteResult {
  try {
    return { ok: true, outcome: write() };
  } catch (error) {
    const code = String((error as { code?: unknown } | null)?.code ?? '');
    if (!code.startsWith('SQLITE_CONSTRAINT')) throw error;
    return {
      ok: false,
      problem: { field: isUniqueViolation(error) ? field : '', reason: 'conflict', detail: (error as Error).message },
    };
  }
}

function accountWriter(db: Database.Database, updatedAt: string): RowWriter<'accounts'> {
  const highWater = { id: maxRowId(db, 'accounts') };
  const write = insertOrUpsert<Hashed<AccountValues>>(highWater.id === 0, (v) => insertFedAccount(db, v), (v) => upsertAccount(db, v, highWater));
  return (packed, hash) => {
    const values = [...packed, updatedAt, hash] as Hashed<AccountValues>;
    return guarded('account_number', () => write(values));
  };
}

function lineWriter(db: Database.Database): RowWriter<'lines'> {
  const highWater = { id: maxRowId(db, 'lines') };
  const write = insertOrUpsert<Hashed<LineValues>>(highWater.id === 0, (v) => insertFedLine(db, v), (v) => upsertLine(db, v, highWater));
  // Lines come grouped by account, so the last lookup usually answers the next row.
  let last: { sourceId: string; id: number } | null = null;
  return ([sourceId, accountSourceId, numberE164, serviceType, monthlyRateMinor, status], hash) => {
    const accountId = last?.sourceId === accountSourceId ? last.id : findAccountIdBySource(db, accountSourceId);
    if (accountId === undefined) return missing('account_source_id', accountSourceId);
    last = { sourceId: accountSourceId, id: accountId };
    return guarded('source_id', () => write([sourceId, accountId, numberE164, serviceType, monthlyRateMinor, status, hash]));
  };
}

function outageWriter(db: Database.Database, updatedAt: string): RowWriter<'outages'> {
  const highWater = { id: maxRowId(db, 'outages') };
  return (row) =>
    guarded('source_id', () =>
      upsertOutage(
        db,
        [
          row.source_id, row.title, row.starts_at, row.ends_at ?? null, row.cause, JSON.stringify(row.services),
          row.towers_affected ?? 0, JSON.stringify(row.regions), row.subscribers_affected ?? null, updatedAt,
        ],
        highWater,
      ),
    );
}

function impactWriter(db: Database.Database): RowWriter<'impacts'> {
  const highWater = { id: maxRowId(db, 'impacts') };
  const write = insertOrUpsert<Hashed<ImpactValues>>(highWater.id === 0, (v) => insertFedImpact(db, v), (v) => upsertImpact(db, v, highWater));
  const outages = new Map<string, number>();
  let lastLine: { sourceId: string; id: number } | null = null;
  return ([sourceId, outageSourceId, lineSourceId, startsAt, endsAt, lostMinutes, connectedAtStart], hash) => {
    let outageId = outages.get(outageSourceId);
    if (outageId === undefined) {
      outageId = findOutageIdBySource(db, outageSourceId);
      if (outageId === undefined) return missing('outage_source_id', outageSourceId);
      outages.set(outageSourceId, outageId);
    }
    // Impacts come grouped by line, so the last lookup often answers the next row.
    const lineId = lastLine?.sourceId === lineSourceId ? lastLine.id : findLineBySource(db, lineSourceId)?.id;
    if (lineId === undefined) return missing('line_source_id', lineSourceId);
    lastLine = { sourceId: lineSourceId, id: lineId };
    const values: Hashed<ImpactValues> = [sourceId, outageId, lineId, startsAt, endsAt, lostMinutes, connectedAtStart, hash];
    return guarded('source_id', () => write(values));
  };
}

function policyWriter(db: Database.Database): RowWriter<'credit_policies'> {
  return (row) => {
    const outageIds: number[] = [];
    for (const sourceId of row.outage_source_ids ?? []) {
      const id = findOutageIdBySource(db, sourceId);
      if (id === undefined) return missing('outage_source_ids', sourceId);
      if (!outageIds.includes(id)) outageIds.push(id);
    }
    outageIds.sort((a, b) => a - b);
    // The parsed form (defaults filled in), as the built-in packs are stored.
    const rulesJson = JSON.stringify(row.rules);
    const stored = findPolicyVersion(db, row.code, row.version);
    if (!stored) {
      replacePolicyOutages(db, insertNewPolicyVersion(db, row.code, row.version, rulesJson), outageIds);
      return { ok: true, outcome: 'inserted' };
    }
    if (stored.rulesJson !== rulesJson) {
      // Credits were computed under this version: changed rules need a new version.
      return { ok: false, problem: { field: 'rules', reason: 'conflict', detail: `${row.code} v${row.version} exists with other rules` } };
    }
    const linked = listPolicyOutageIds(db, stored.id);
    if (linked.length === outageIds.length && linked.every((id, i) => id === outageIds[i])) return { ok: true, outcome: 'unchanged' };
    replacePolicyOutages(db, stored.id, outageIds);
    return { ok: true, outcome: 'updated' };
  };
}

function sameCredit(a: FedCredit, b: FedCredit): boolean {
  return (Object.keys(a) as Array<keyof FedCredit>).every((key) => a[key] === b[key]);
}

function creditWriter(db: Database.Database): RowWriter<'credits'> {
  return (row) => {
    const accountId = findAccountIdBySource(db, row.account_source_id);
    if (accountId === undefined) return missing('account_source_id', row.account_source_id);
    let lineId: number | null = null;
    if (row.line_source_id !== undefined) {
      const line = findLineBySource(db, row.line_source_id);
      if (!line) return missing('line_source_id', row.line_source_id);
      if (line.accountId !== accountId) {
        return { ok: false, problem: { field: 'line_source_id', reason: 'invalid_value', detail: 'the line belongs to another account' } };
      }
      lineId = line.id;
    }
    const outageId = findOutageIdBySource(db, row.outage_source_id);
    if (outageId === undefined) return missing('outage_source_id', row.outage_source_id);
    const policy = findPolicyVersion(db, row.policy_code, row.policy_version);
    if (!policy) return missing('policy_code', `${row.policy_code} v${row.policy_version}`);
    const values: FedCredit = {
      accountId,
      lineId,
      outageId,
      policyId: policy.id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      source: row.source,
      status: row.status,
      scheduledOn: row.scheduled_on ?? null,
      billDate: row.bill_date ?? null,
      // The same key the policy run writes, so a credit it already scheduled is never paid twice.
      idempotencyKey: idempotencyKey({ accountId, lineId, outageId, policyCode: row.policy_code }),
      createdAt: row.created_at,
    };
    const stored = findFedCredit(db, row.source_id);
    if (stored) {
      const { exportedBatchId, ...current } = stored;
      if (sameCredit(current, values)) return { ok: true, outcome: 'unchanged' };
      if (exportedBatchId !== null) {
        return { ok: false, problem: { field: '', reason: 'already_exported', detail: `exported in batch ${exportedBatchId}` } };
      }
    }
    return guarded('', () => {
      if (stored) updateFedCredit(db, row.source_id, values);
      else insertFedCredit(db, row.source_id, values);
      return stored ? 'updated' : 'inserted';
    });
  };
}

/** The writer for one file of `entity`; `now` stamps updated_at on what it changes. */
export function createRowWriter<E extends FeedEntity>(db: Database.Database, entity: E, now: Date): RowWriter<E> {
  const stamp = now.toISOString();
  const writers: { [K in FeedEntity]: () => RowWriter<K> } = {
    accounts: () => accountWriter(db, stamp),
    lines: () => lineWriter(db),
    outages: () => outageWriter(db, stamp),
    impacts: () => impactWriter(db),
    credit_policies: () => policyWriter(db),
    credits: () => creditWriter(db),
  };
  return writers[entity]() as RowWriter<E>;
}
