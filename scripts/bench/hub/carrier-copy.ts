/**
 * Copies a desktop cache's carrier data (SQLite: accounts, lines, outages, impacts, credit
 * policies and their attachments, credits) into a hub database column for column, keeping
 * every id, by PostgreSQL's COPY: how the policy-run parity test and `bench:hub`'s policy
 * run give the hub the very rows a desktop run reads. The SQLite file is only read.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | boolean | null;

/** One value in COPY's text format. */
function field(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A PostgreSQL array literal of texts (for COPY). */
function textArray(json: string): string {
  const values = JSON.parse(json) as string[];
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<number> {
  let count = 0;
  function* lines(): Generator<string> {
    let buffer = '';
    for (const row of rows) {
      buffer += `${row.map(field).join('\t')}\n`;
      count += 1;
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer.length > 0) yield buffer;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return count;
}

export interface CopyOptions {
  /** Only the impacts of these outages (all when left out). */
  readonly outageIds?: readonly number[];
  /** Leave the credits out. */
  readonly withoutCredits?: boolean;
}

export interface CopiedCounts {
  accounts: number;
  lines: number;
  impacts: number;
  outages: number;
  policies: number;
  credits: number;
}

/**
 * Copies into an empty hub database (as its owner: sequences are moved on past the copied
 * ids). Indexes stay as they are; on a million accounts the copy is a minute or so.
 */
export async function copyCarrierData(sqlite: Database.Database, owner: pg.Pool, options: CopyOptions = {}): Promise<CopiedCounts> {
  const client = await owner.connect();
  try {
    await client.query('BEGIN');
    const raw = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).raw().iterate(...params) as Iterable<Cell[]>;
    const outages = await copyRows(
      client,
      'outages',
      ['id', 'source_id', 'title', 'starts_at', 'ends_at', 'cause', 'services', 'towers_affected', 'subscribers_affected', 'regions', 'revision'],
      (function* () {
        for (const r of raw('SELECT id, source_id, title, starts_at, ends_at, cause, services_json, towers_affected, subscribers_affected, regions_json, revision FROM outages ORDER BY id')) {
          yield [r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, textArray(r[6] as string), r[7]!, r[8]!, textArray(r[9] as string), r[10]!];
        }
      })(),
    );
    const accounts = await copyRows(
      client,
      'accounts',
      ['id', 'source_id', 'account_number', 'holder_name', 'email', 'contact_phone_e164', 'brand', 'segment', 'payment_type', 'status', 'bill_cycle_day', 'currency', 'monthly_charge_minor', 'country', 'region', 'postal_code', 'preferred_language'],
      raw(`SELECT id, source_id, account_number, holder_name, email, contact_phone_e164, brand, segment, payment_type, status, bill_cycle_day,
        currency, monthly_charge_minor, country, region, postal_code, preferred_language FROM accounts ORDER BY id`),
    );
    const lines = await copyRows(
      client,
      'lines',
      ['id', 'source_id', 'account_id', 'number_e164', 'service_type', 'monthly_rate_minor', 'status'],
      raw('SELECT id, source_id, account_id, number_e164, service_type, monthly_rate_minor, status FROM lines ORDER BY id'),
    );
    const outageFilter = options.outageIds ? `WHERE outage_id IN (${options.outageIds.map(Number).join(', ')})` : '';
    const impacts = await copyRows(
      client,
      'impacts',
      ['id', 'source_id', 'outage_id', 'line_id', 'starts_at', 'ends_at', 'lost_minutes', 'connected_at_start'],
      (function* () {
        for (const r of raw(`SELECT id, source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start FROM impacts ${outageFilter} ORDER BY id`)) {
          r[7] = r[7] === 1;
          yield r;
        }
      })(),
    );
    const policies = await copyRows(client, 'credit_policies', ['id', 'code', 'version', 'rules'], raw('SELECT id, code, version, rules_json FROM credit_policies ORDER BY id'));
    await copyRows(client, 'outage_policies', ['outage_id', 'policy_id'], raw('SELECT outage_id, policy_id FROM outage_policies'));
    let credits = 0;
    if (!options.withoutCredits) {
      // Override credits refer to requests the hub does not have here: the copy keeps the credit, not the link.
      credits = await copyRows(
        client,
        'credits',
        ['id', 'account_id', 'line_id', 'outage_id', 'policy_id', 'policy_code', 'amount_minor', 'currency', 'source', 'status', 'scheduled_on', 'bill_date',
          'idempotency_key', 'created_at', 'version', 'adjustment_reason', 'outage_revision'],
        raw(`SELECT c.id, c.account_id, c.line_id, c.outage_id, c.policy_id, p.code, c.amount_minor, c.currency, c.source, c.status,
            coalesce(c.scheduled_on, substr(c.created_at, 1, 10)), coalesce(c.bill_date, substr(c.created_at, 1, 10)), c.idempotency_key, c.created_at, c.version,
            c.adjustment_reason, c.outage_revision
          FROM credits c JOIN credit_policies p ON p.id = c.policy_id ORDER BY c.id`),
      );
    }
    await client.query(`SELECT setval('outages_id_seq', GREATEST((SELECT max(id) FROM outages), 0) + 1, false)`);
    await client.query(`SELECT setval(pg_get_serial_sequence('accounts', 'id'), GREATEST((SELECT max(id) FROM accounts), 0) + 1, false)`);
    await client.query(`SELECT setval(pg_get_serial_sequence('lines', 'id'), GREATEST((SELECT max(id) FROM lines), 0) + 1, false)`);
    await client.query(`SELECT setval(pg_get_serial_sequence('impacts', 'id'), GREATEST((SELECT max(id) FROM impacts), 0) + 1, false)`);
    await client.query(`SELECT setval(pg_get_serial_sequence('credit_policies', 'id'), GREATEST((SELECT max(id) FROM credit_policies), 0) + 1, false)`);
    await client.query('COMMIT');
    await client.query('ANALYZE accounts, lines, impacts, credits, outages');
    return { accounts, lines, impacts, outages, policies, credits };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
