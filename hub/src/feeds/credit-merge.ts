import { idempotencyKey } from '@shared/domain/credit';
import type { CreditFeedRow } from '@shared/feeds/feed-row-schemas';
import type { RowProblem } from '@shared/feeds/row-problem';
import type { Tx } from '../db/transaction';
import type { MergeContext } from './feed-merge';
import type { LineProblem } from './import-run-repo';

/*
 * The credits feed at the hub, as the desktop applies it (creditWriter in
 * electron/main/feeds/feed-row-writer.ts): a credit is stored under its feed source id; its
 * account, line (of that account), outage and policy version must exist; its idempotency key
 * is the one the policy run gives (per account or line, outage and policy code), so a credit
 * the run already scheduled is never paid twice (another credit holding the key is a
 * `conflict`); a stored credit with the same values is unchanged, one with other values is
 * updated (its version goes up) unless billing has it (`already_exported`).
 *
 * One chunk: one read that resolves every reference and the stored credit, the decisions here,
 * then one INSERT and one UPDATE for the chunk, each stamped with the chunk's carrier batch.
 *
 * A difference from the desktop, on purpose: the hub's credits always carry their scheduled
 * and bill dates (billing export and overrides read them), so a row without either is rejected
 * (`missing`); the desktop stores it without.
 */

export interface CreditRow {
  readonly line: number;
  readonly row: CreditFeedRow;
}

export interface CreditMergeResult {
  readonly inserted: number;
  readonly updated: number;
  readonly problems: LineProblem[];
}

interface Resolved {
  accountId: number | null;
  lineId: number | null;
  lineAccountId: number | null;
  outageId: number | null;
  policyId: number | null;
  stored: StoredCredit | null;
}

interface StoredCredit {
  accountId: number;
  lineId: number | null;
  outageId: number;
  policyId: number | null;
  amountMinor: number;
  currency: string;
  source: string;
  status: string;
  scheduledOn: string | null;
  billDate: string | null;
  idempotencyKey: string;
  createdAtMs: number;
  exportedBatchId: number | null;
}

type Values = Omit<StoredCredit, 'exportedBatchId'> & { policyCode: string; createdAt: string };

const missingReference = (field: string, id: string): RowProblem => ({
  field,
  reason: 'unknown_reference',
  detail: `no ${field.replace(/_source_id$|_code$/, '')} ${id}`,
});

function same(stored: StoredCredit, values: Values): boolean {
  return (
    stored.accountId === values.accountId &&
    stored.lineId === values.lineId &&
    stored.outageId === values.outageId &&
    stored.policyId === values.policyId &&
    stored.amountMinor === values.amountMinor &&
    stored.currency === values.currency &&
    stored.source === values.source &&
    stored.status === values.status &&
    stored.scheduledOn === values.scheduledOn &&
    stored.billDate === values.billDate &&
    stored.idempotencyKey === values.idempotencyKey &&
    stored.createdAtMs === values.createdAtMs
  );
}

/** Reads every reference of the chunk's rows and their stored credits in one statement, in row order. */
async function resolve(tx: Tx, rows: readonly CreditRow[]): Promise<Resolved[]> {
  const { rows: found } = await tx.query<{
    accountId: number | null;
    lineId: string | null;
    lineAccountId: number | null;
    outageId: number | null;
    policyId: number | null;
    cAccountId: number | null;
    cLineId: string | null;
    cOutageId: number | null;
    cPolicyId: number | null;
    cAmount: number | null;
    cCurrency: string | null;
    cSource: string | null;
    cStatus: string | null;
    cScheduledOn: string | null;
    cBillDate: string | null;
    cKey: string | null;
    cCreatedAtMs: string | null;
    cExported: number | null;
  }>(
    `SELECT a.id AS "accountId", l.id::text AS "lineId", l.account_id AS "lineAccountId", o.id AS "outageId", p.id AS "policyId",
       c.account_id AS "cAccountId", c.line_id::text AS "cLineId", c.outage_id AS "cOutageId", c.policy_id AS "cPolicyId",
       c.amount_minor AS "cAmount", c.currency AS "cCurrency", c.source AS "cSource", c.status AS "cStatus",
       to_char(c.scheduled_on, 'YYYY-MM-DD') AS "cScheduledOn", to_char(c.bill_date, 'YYYY-MM-DD') AS "cBillDate",
       c.idempotency_key AS "cKey", (extract(epoch FROM c.created_at) * 1000)::bigint::text AS "cCreatedAtMs", c.exported_batch_id AS "cExported"
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) WITH ORDINALITY
       AS u(source_id, account_source_id, line_source_id, outage_source_id, policy_code, policy_version, n)
     LEFT JOIN accounts a ON a.source_id = u.account_source_id
     LEFT JOIN lines l ON l.source_id = u.line_source_id
     LEFT JOIN outages o ON o.source_id = u.outage_source_id
     LEFT JOIN credit_policies p ON p.code = u.policy_code AND p.version = u.policy_version
     LEFT JOIN credits c ON c.id = u.source_id
     ORDER BY u.n`,
    [
      rows.map((r) => r.row.source_id),
      rows.map((r) => r.row.account_source_id),
      rows.map((r) => r.row.line_source_id ?? null),
      rows.map((r) => r.row.outage_source_id),
      rows.map((r) => r.row.policy_code),
      rows.map((r) => r.row.policy_version),
    ],
  );
  return found.map((f) => ({
    accountId: f.accountId,
    lineId: f.lineId === null ? null : Number(f.lineId),
    lineAccountId: f.lineAccountId,
    outageId: f.outageId,
    policyId: f.policyId,
    stored:
      f.cKey === null
        ? null
        : {
            accountId: f.cAccountId!,
            lineId: f.cLineId === null ? null : Number(f.cLineId),
            outageId: f.cOutageId!,
            policyId: f.cPolicyId,
            amountMinor: f.cAmount!,
            currency: f.cCurrency!,
            source: f.cSource!,
            status: f.cStatus!,
            scheduledOn: f.cScheduledOn,
            billDate: f.cBillDate,
            idempotencyKey: f.cKey,
            createdAtMs: Number(f.cCreatedAtMs),
            exportedBatchId: f.cExported,
          },
  }));
}

/** Decides one row: its values to write, or its problem (in the desktop's order of checks), or null when unchanged. */
function decide(row: CreditFeedRow, r: Resolved): { values: Values; update: boolean } | { problem: RowProblem } | null {
  if (r.accountId === null) return { problem: missingReference('account_source_id', row.account_source_id) };
  if (row.line_source_id !== undefined) {
    if (r.lineId === null) return { problem: missingReference('line_source_id', row.line_source_id) };
    if (r.lineAccountId !== r.accountId) return { problem: { field: 'line_source_id', reason: 'invalid_value', detail: 'the line belongs to another account' } };
  }
  if (r.outageId === null) return { problem: missingReference('outage_source_id', row.outage_source_id) };
  if (r.policyId === null) return { problem: missingReference('policy_code', `${row.policy_code} v${row.policy_version}`) };
  const lineId = row.line_source_id === undefined ? null : r.lineId;
  const values: Values = {
    accountId: r.accountId,
    lineId,
    outageId: r.outageId,
    policyId: r.policyId,
    policyCode: row.policy_code,
    amountMinor: row.amount_minor,
    currency: row.currency,
    source: row.source,
    status: row.status,
    scheduledOn: row.scheduled_on ?? null,
    billDate: row.bill_date ?? null,
    idempotencyKey: idempotencyKey({ accountId: r.accountId, lineId, outageId: r.outageId, policyCode: row.policy_code }),
    createdAt: row.created_at,
    createdAtMs: Date.parse(row.created_at),
  };
  if (r.stored) {
    if (same(r.stored, values)) return null;
    if (r.stored.exportedBatchId !== null) return { problem: { field: '', reason: 'already_exported', detail: `exported in batch ${r.stored.exportedBatchId}` } };
  }
  if (values.scheduledOn === null || values.billDate === null) {
    const field = values.scheduledOn === null ? 'scheduled_on' : 'bill_date';
    return { problem: { field, reason: 'missing', detail: 'a credit at the hub needs its scheduled date and its bill date' } };
  }
  return { values, update: r.stored !== null };
}

const COLUMNS = `$1::text[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[], $13::text[], $14::timestamptz[]`;
const AS = `u(id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)`;

function columns(rows: readonly { id: string; values: Values }[]): unknown[] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.values.accountId),
    rows.map((r) => r.values.lineId),
    rows.map((r) => r.values.outageId),
    rows.map((r) => r.values.policyId),
    rows.map((r) => r.values.policyCode),
    rows.map((r) => r.values.amountMinor),
    rows.map((r) => r.values.currency),
    rows.map((r) => r.values.source),
    rows.map((r) => r.values.status),
    rows.map((r) => r.values.scheduledOn),
    rows.map((r) => r.values.billDate),
    rows.map((r) => r.values.idempotencyKey),
    rows.map((r) => r.values.createdAt),
  ];
}

export async function mergeCredits(tx: Tx, rows: readonly CreditRow[], context: MergeContext): Promise<CreditMergeResult> {
  const problems: LineProblem[] = [];
  if (rows.length === 0) return { inserted: 0, updated: 0, problems };
  const resolved = await resolve(tx, rows);
  const writes: { line: number; id: string; values: Values; update: boolean }[] = [];
  rows.forEach(({ line, row }, i) => {
    const decided = decide(row, resolved[i]!);
    if (decided === null) return;
    if ('problem' in decided) problems.push({ line, problem: decided.problem });
    else writes.push({ line, id: row.source_id, ...decided });
  });
  // A key another credit holds (the policy run's, an override's, an earlier row's) is a conflict, as the desktop's unique key makes it.
  const { rows: holders } = await tx.query<{ id: string; key: string }>('SELECT id, idempotency_key AS key FROM credits WHERE idempotency_key = ANY($1::text[])', [
    writes.map((w) => w.values.idempotencyKey),
  ]);
  const heldBy = new Map(holders.map((h) => [h.key, h.id]));
  const accepted: typeof writes = [];
  for (const write of writes) {
    const holder = heldBy.get(write.values.idempotencyKey);
    if (holder !== undefined && holder !== write.id) {
      problems.push({ line: write.line, problem: { field: '', reason: 'conflict', detail: `credit ${holder} already has the key ${write.values.idempotencyKey}` } });
      continue;
    }
    heldBy.set(write.values.idempotencyKey, write.id);
    accepted.push(write);
  }
  const inserts = accepted.filter((w) => !w.update);
  const updates = accepted.filter((w) => w.update);
  if (inserts.length > 0) {
    await tx.query(
      `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status,
         scheduled_on, bill_date, idempotency_key, created_at, carrier_batch)
       SELECT u.*, $15 FROM unnest(${COLUMNS}) AS ${AS}`,
      [...columns(inserts), context.batch],
    );
  }
  if (updates.length > 0) {
    await tx.query(
      `UPDATE credits c SET account_id = u.account_id, line_id = u.line_id, outage_id = u.outage_id, policy_id = u.policy_id,
         policy_code = u.policy_code, amount_minor = u.amount_minor, currency = u.currency, source = u.source, status = u.status,
         scheduled_on = u.scheduled_on, bill_date = u.bill_date, idempotency_key = u.idempotency_key, created_at = u.created_at,
         version = c.version + 1, carrier_batch = $15
       FROM unnest(${COLUMNS}) AS ${AS} WHERE c.id = u.id`,
      [...columns(updates), context.batch],
    );
  }
  return { inserted: inserts.length, updated: updates.length, problems };
}
