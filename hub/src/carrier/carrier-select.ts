import type { CarrierTable } from '@shared/hub/changes';

/*
 * The SELECT of each carrier table in the wire form of shared/hub/carrier.ts (carrierColumns
 * order), used by the snapshot (under COPY) and by the batch pages alike, so both send the same
 * values. Rows from before migration 004 may lack a source id: they get `hub:<id>`, stable and
 * unique, as the desktop's source_id is required.
 */

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const selects: Record<CarrierTable, { readonly list: string; readonly from: string; readonly key: string }> = {
  accounts: {
    list: `a.id, coalesce(a.source_id, 'hub:' || a.id), a.account_number, a.holder_name, a.email, a.contact_phone_e164, a.brand,
      a.segment, a.payment_type, a.status, a.bill_cycle_day, a.currency, a.monthly_charge_minor, a.country, a.region,
      a.postal_code, a.preferred_language, a.feed_hash, ${iso('a.updated_at')}`,
    from: 'accounts a',
    key: 'a.id',
  },
  outages: {
    list: `o.id, coalesce(o.source_id, 'hub:' || o.id), o.title, ${iso('o.starts_at')}, ${iso('o.ends_at')}, o.cause,
      to_json(o.services)::text, o.towers_affected, to_json(o.regions)::text, o.subscribers_affected, o.revision, ${iso('o.updated_at')}`,
    from: 'outages o',
    key: 'o.id',
  },
  credit_policies: { list: 'p.id, p.code, p.version, p.rules::text', from: 'credit_policies p', key: 'p.id' },
  lines: {
    list: 'l.id, l.source_id, l.account_id, l.number_e164, l.service_type, l.monthly_rate_minor, l.status, l.feed_hash',
    from: 'lines l',
    key: 'l.id',
  },
  impacts: {
    list: `i.id, i.source_id, i.outage_id, i.line_id, ${iso('i.starts_at')}, ${iso('i.ends_at')}, i.lost_minutes,
      i.connected_at_start::int, i.feed_hash`,
    from: 'impacts i',
    key: 'i.id',
  },
  outage_policies: {
    list: 'op.outage_id, p.code, p.version',
    from: 'outage_policies op JOIN credit_policies p ON p.id = op.policy_id',
    key: '(op.outage_id, op.policy_id)',
  },
  credits: {
    // A credit without a policy row (an override's) is under its policy code, version 1, as the desktop files them.
    list: `c.id, c.account_id, c.line_id, c.outage_id, coalesce(p.code, c.policy_code), coalesce(p.version, 1), c.amount_minor,
      c.currency, c.source, c.status, c.scheduled_on::text, c.bill_date::text, c.idempotency_key, c.version, ${iso('c.created_at')},
      c.adjustment_reason, c.outage_revision`,
    from: 'credits c LEFT JOIN credit_policies p ON p.id = c.policy_id',
    key: 'c.id',
  },
};

const batchColumn: Record<CarrierTable, string> = {
  accounts: 'a.carrier_batch',
  outages: 'o.carrier_batch',
  credit_policies: 'p.carrier_batch',
  lines: 'l.carrier_batch',
  impacts: 'i.carrier_batch',
  outage_policies: 'op.carrier_batch',
  credits: 'c.carrier_batch',
};

/** Every row of `table`, by key: the snapshot's query. */
export function snapshotSelect(table: CarrierTable): string {
  const s = selects[table];
  return `SELECT ${s.list} FROM ${s.from} ORDER BY ${s.key}`;
}

export function countSelect(table: CarrierTable): string {
  return `SELECT count(*)::int AS n FROM ${table}`;
}

/**
 * One page of `table`'s rows stamped `batch`, after `afterId` ($2, text; null for the first
 * page), `limit` ($3) rows; the last column is the row's key as text, for the next page.
 */
export function batchSelect(table: CarrierTable): string {
  const s = selects[table];
  const keyText = table === 'outage_policies' ? `op.outage_id || ':' || op.policy_id` : `${s.key}::text`;
  let after: string;
  if (table === 'outage_policies') after = `($2::text IS NULL OR (op.outage_id, op.policy_id) > (split_part($2, ':', 1)::int, split_part($2, ':', 2)::int))`;
  else if (table === 'credits') after = `($2::text IS NULL OR c.id > $2::text)`;
  else after = `($2::text IS NULL OR ${s.key} > $2::bigint)`;
  return `SELECT ${s.list}, ${keyText} FROM ${s.from} WHERE ${batchColumn[table]} = $1 AND ${after} ORDER BY ${s.key} LIMIT $3`;
}
