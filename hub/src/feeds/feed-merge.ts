import type { CarrierTable } from '@shared/hub/changes';
import type { FeedRows } from '@shared/feeds/feed-row-schemas';
import { packFeedRow, packedRowHash } from '@shared/feeds/packed-row';
import { feedRowHash } from '@shared/feeds/row-hash';
import type { Tx } from '../db/transaction';

/*
 * How each bulk feed reaches its table at the hub: the chunk's valid rows are COPYed into a
 * TEMP staging table (one per feed and connection, emptied at every commit), then merged by
 * a few set-based statements in the chunk's transaction:
 *
 * 1. rows whose reference is unknown (a line's account, an impact's outage or line) or that
 *    would take an account number another account holds are moved from the staging table into
 *    import_rejections, with the same field, reason and detail as the desktop's;
 * 2. one INSERT ... SELECT ... ON CONFLICT (source_id) DO UPDATE ... WHERE feed_hash IS DISTINCT
 *    FROM excluded.feed_hash, over only the staged rows whose stored hash differs (an unchanged
 *    row is one index probe and writes nothing), references resolved by join, every written row
 *    stamped with the chunk's carrier batch; inserted and updated are told apart by xmax;
 * 3. outage_impacts (per account) kept in step with impacts.
 *
 * feed_hash is the desktop's row hash (shared/feeds/packed-row.ts) for accounts, lines and
 * impacts, so both sides hash a row alike; outages hash their stored values the same way.
 */

export interface MergeContext {
  readonly runId: string;
  readonly position: number;
  readonly batch: number;
  readonly now: Date;
  readonly facts: FileFacts;
}

/**
 * What the tables held when the file began (read once per file). A first load skips the work
 * that only rows stored before can need: a key seen earlier in the file is already rejected, so
 * into a table empty at the file's start every staged row is new.
 */
export interface FileFacts {
  /** The file's own table had no row. */
  readonly targetWasEmpty: boolean;
  /** Some account has no source id (made before imports): the feed may take it over. */
  readonly unsourcedAccounts: boolean;
  /** No impact was stored: no (account, outage) pair can go stale. */
  readonly impactsWereEmpty: boolean;
}

/** The facts of `table` before its file's first chunk. */
export async function readFileFacts(tx: Tx, table: StagedEntity): Promise<FileFacts> {
  const { rows } = await tx.query<{ empty: boolean; unsourced: boolean; no_impacts: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty, EXISTS (SELECT 1 FROM accounts WHERE source_id IS NULL) AS unsourced,
       NOT EXISTS (SELECT 1 FROM impacts) AS no_impacts`,
  );
  const row = rows[0]!;
  return { targetWasEmpty: row.empty, unsourcedAccounts: row.unsourced, impactsWereEmpty: row.no_impacts };
}

/** The join that keeps only staged rows whose stored hash differs; none is needed into a table that was empty. */
function changedOnly(table: string, context: MergeContext): { join: string; where: string } {
  if (context.facts.targetWasEmpty) return { join: '', where: '' };
  return { join: `LEFT JOIN ${table} t ON t.source_id = s.source_id`, where: 'WHERE t.feed_hash IS DISTINCT FROM s.feed_hash' };
}

/**
 * The upsert's conflict clause. Into a table that was empty at the file's start every staged row
 * is new (a key seen earlier in the file is rejected before staging, and only one import runs):
 * a plain insert, without the speculative insertion's extra probe of the unique index per row.
 */
function onConflict(context: MergeContext, update: string): string {
  return context.facts.targetWasEmpty ? '' : `ON CONFLICT (source_id) DO UPDATE SET ${update}`;
}

export interface MergeCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
}

export type StagedEntity = 'accounts' | 'lines' | 'outages' | 'impacts';

export interface StagedFeed<E extends StagedEntity> {
  readonly stage: string;
  /** Creates the staging table on this connection if it is not there yet. */
  readonly ddl: string;
  readonly copy: string;
  /** One COPY text line (with its line break) of a valid row. */
  encode(row: FeedRows[E], line: number): string;
  merge(tx: Tx, context: MergeContext): Promise<MergeCounts>;
  readonly tables: readonly CarrierTable[];
}

const ESCAPES = /[\\\t\n\r]/;

/** A value in COPY's text format: \N for null, backslash escapes for the characters that frame rows and columns. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!ESCAPES.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function copyLine(values: ReadonlyArray<string | number | boolean | null>): string {
  let text = cell(values[0] ?? null);
  for (let i = 1; i < values.length; i += 1) text += '\t' + cell(values[i] ?? null);
  return text + '\n';
}

function stageDdl(stage: string, columns: string): string {
  return `CREATE TEMP TABLE IF NOT EXISTS ${stage} (${columns}) ON COMMIT DELETE ROWS`;
}

/**
 * Moves the staged rows matching `where` (over `s`) into import_rejections and returns how
 * many. `detail` is an SQL expression over the staged row.
 */
async function rejectStaged(tx: Tx, stage: string, where: string, field: string, reason: string, detail: string, context: MergeContext): Promise<number> {
  const { rowCount } = await tx.query(
    `WITH bad AS (DELETE FROM ${stage} s WHERE ${where} RETURNING s.line, ${detail} AS detail)
     INSERT INTO import_rejections (run_id, position, line, field, reason, detail)
     SELECT $1, $2, line, $3, $4, detail FROM bad`,
    [context.runId, context.position, field, reason],
  );
  return rowCount ?? 0;
}

interface UpsertCounts {
  inserted: number;
  updated: number;
}

async function countedUpsert(tx: Tx, upsert: string, params: unknown[]): Promise<UpsertCounts> {
  const { rows } = await tx.query<UpsertCounts>(
    `WITH up AS (${upsert} RETURNING (xmax = 0) AS fresh)
     SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`,
    params,
  );
  return rows[0]!;
}

const accountColumns = [
  'account_number', 'holder_name', 'email', 'contact_phone_e164', 'brand', 'segment', 'payment_type', 'status', 'bill_cycle_day',
  'currency', 'monthly_charge_minor', 'country', 'region', 'postal_code', 'preferred_language',
];

function setAll(table: string, columns: readonly string[]): string {
  return columns.map((c) => `${c} = excluded.${c}`).join(', ') + ` WHERE ${table}.feed_hash IS DISTINCT FROM excluded.feed_hash`;
}

const accounts: StagedFeed<'accounts'> = {
  stage: 'import_stage_accounts',
  ddl: stageDdl(
    'import_stage_accounts',
    `line integer NOT NULL, source_id text NOT NULL, account_number text NOT NULL, holder_name text NOT NULL, email text NOT NULL,
     contact_phone_e164 text NOT NULL, brand text NOT NULL, segment text NOT NULL, payment_type text NOT NULL, status text NOT NULL,
     bill_cycle_day integer NOT NULL, currency text NOT NULL, monthly_charge_minor bigint NOT NULL, country text NOT NULL,
     region text NOT NULL, postal_code text NOT NULL, preferred_language text NOT NULL, feed_hash bigint NOT NULL`,
  ),
  copy: `COPY import_stage_accounts (line, source_id, ${accountColumns.join(', ')}, feed_hash) FROM STDIN`,
  encode(row, line) {
    const packed = packFeedRow('accounts', row);
    return copyLine([
      line, row.source_id, row.account_number, row.holder_name, row.email ?? '', row.contact_phone ?? '', row.brand, row.segment,
      row.payment_type, row.status, row.bill_cycle_day, row.currency, row.monthly_charge_minor, row.country, row.region,
      row.postal_code, row.preferred_language ?? 'en', packedRowHash(packed),
    ]);
  },
  async merge(tx, context) {
    const stage = this.stage;
    // An account made before imports (no source id: the demo seed, fixtures) is taken over by the feed row with its number.
    if (context.facts.unsourcedAccounts) await tx.query(
      `UPDATE accounts a SET source_id = s.source_id FROM ${stage} s
       WHERE a.source_id IS NULL AND a.account_number = s.account_number
         AND NOT EXISTS (SELECT 1 FROM accounts b WHERE b.source_id = s.source_id)`,
    );
    // An account number is unique: the first row of the chunk with it wins, and a number another stored account holds is a conflict.
    let rejected = await rejectStaged(
      tx,
      stage,
      `s.line IN (SELECT line FROM (SELECT line, row_number() OVER (PARTITION BY account_number ORDER BY line) AS n FROM ${stage}) d WHERE d.n > 1)`,
      'account_number',
      'conflict',
      `'account number ' || s.account_number || ' appears earlier in the file'`,
      context,
    );
    rejected += await rejectStaged(
      tx,
      stage,
      `EXISTS (SELECT 1 FROM accounts a WHERE a.account_number = s.account_number AND a.source_id IS DISTINCT FROM s.source_id)`,
      'account_number',
      'conflict',
      `'account number ' || s.account_number || ' is held by another account'`,
      context,
    );
    const counts = await countedUpsert(
      tx,
      `INSERT INTO accounts (source_id, ${accountColumns.join(', ')}, feed_hash, updated_at, carrier_batch)
       SELECT s.source_id, ${accountColumns.map((c) => `s.${c}`).join(', ')}, s.feed_hash, $1, $2
       FROM ${stage} s ${changedOnly('accounts', context).join}
       ${changedOnly('accounts', context).where}
       ${onConflict(context, setAll('accounts', [...accountColumns, 'feed_hash', 'updated_at', 'carrier_batch']))}`,
      [context.now, context.batch],
    );
    return { ...counts, rejected };
  },
  tables: ['accounts'],
};

const lineColumns = ['number_e164', 'service_type', 'monthly_rate_minor', 'status'];

/**
 * Pairs (account, outage) that lost an impact, or an impact's line, in this chunk: dropped
 * from outage_impacts unless another impact still joins them.
 */
const STALE_PAIRS = 'import_stale_pairs';
const stalePairsDdl = stageDdl(STALE_PAIRS, 'account_id integer NOT NULL, outage_id integer NOT NULL');

async function dropUnsupportedPairs(tx: Tx): Promise<void> {
  await tx.query(
    `DELETE FROM outage_impacts oi USING (SELECT DISTINCT account_id, outage_id FROM ${STALE_PAIRS}) p
     WHERE oi.account_id = p.account_id AND oi.outage_id = p.outage_id
       AND NOT EXISTS (SELECT 1 FROM impacts i JOIN lines l ON l.id = i.line_id WHERE l.account_id = p.account_id AND i.outage_id = p.outage_id)`,
  );
}

const lines: StagedFeed<'lines'> = {
  stage: 'import_stage_lines',
  ddl: `${stageDdl(
    'import_stage_lines',
    `line integer NOT NULL, source_id text NOT NULL, account_source_id text NOT NULL, number_e164 text NOT NULL,
     service_type text NOT NULL, monthly_rate_minor bigint NOT NULL, status text NOT NULL, feed_hash bigint NOT NULL`,
  )}; ${stalePairsDdl}`,
  copy: `COPY import_stage_lines (line, source_id, account_source_id, ${lineColumns.join(', ')}, feed_hash) FROM STDIN`,
  encode(row, line) {
    const packed = packFeedRow('lines', row);
    return copyLine([line, row.source_id, row.account_source_id, row.number_e164, row.service_type, row.monthly_rate_minor, row.status, packedRowHash(packed)]);
  },
  async merge(tx, context) {
    const stage = this.stage;
    const rejected = await rejectStaged(
      tx,
      stage,
      `NOT EXISTS (SELECT 1 FROM accounts a WHERE a.source_id = s.account_source_id)`,
      'account_source_id',
      'unknown_reference',
      `'no account ' || s.account_source_id`,
      context,
    );
    // A line that moves to another account takes its impacts along: the old account's pairs may go stale.
    const moved = context.facts.impactsWereEmpty ? { rowCount: 0 } : await tx.query(
      `INSERT INTO ${STALE_PAIRS} (account_id, outage_id)
       SELECT l.account_id, i.outage_id FROM ${stage} s
         JOIN lines l ON l.source_id = s.source_id AND l.feed_hash IS DISTINCT FROM s.feed_hash
         JOIN accounts a ON a.source_id = s.account_source_id AND a.id <> l.account_id
         JOIN impacts i ON i.line_id = l.id`,
    );
    const counts = await countedUpsert(
      tx,
      `INSERT INTO lines (source_id, account_id, ${lineColumns.join(', ')}, feed_hash, carrier_batch)
       SELECT s.source_id, a.id, ${lineColumns.map((c) => `s.${c}`).join(', ')}, s.feed_hash, $1
       FROM ${stage} s JOIN accounts a ON a.source_id = s.account_source_id ${changedOnly('lines', context).join}
       ${changedOnly('lines', context).where}
       ${onConflict(context, setAll('lines', ['account_id', ...lineColumns, 'feed_hash', 'carrier_batch']))}`,
      [context.batch],
    );
    if ((moved.rowCount ?? 0) > 0) {
      await tx.query(
        `INSERT INTO outage_impacts (account_id, outage_id)
         SELECT DISTINCT l.account_id, i.outage_id FROM ${stage} s JOIN lines l ON l.source_id = s.source_id JOIN impacts i ON i.line_id = l.id
         ON CONFLICT DO NOTHING`,
      );
      await dropUnsupportedPairs(tx);
    }
    return { ...counts, rejected };
  },
  tables: ['lines'],
};

const outageFacts = ['starts_at', 'ends_at', 'cause', 'services', 'towers_affected', 'subscribers_affected', 'regions'];

const outages: StagedFeed<'outages'> = {
  stage: 'import_stage_outages',
  ddl: stageDdl(
    'import_stage_outages',
    `line integer NOT NULL, source_id text NOT NULL, title text NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz,
     cause text NOT NULL, services jsonb NOT NULL, towers_affected integer NOT NULL, subscribers_affected integer,
     regions jsonb NOT NULL, feed_hash bigint NOT NULL`,
  ),
  copy: `COPY import_stage_outages (line, source_id, title, starts_at, ends_at, cause, services, towers_affected, subscribers_affected, regions, feed_hash) FROM STDIN`,
  encode(row, line) {
    const values = [
      row.source_id, row.title, row.starts_at, row.ends_at ?? null, row.cause, JSON.stringify(row.services), row.towers_affected ?? 0,
      row.subscribers_affected ?? null, JSON.stringify(row.regions),
    ] as const;
    return copyLine([line, ...values, feedRowHash(values)]);
  },
  async merge(tx, context) {
    const stage = this.stage;
    // outages.id comes from outages_id_seq, but rows made before imports (fixtures, the demo seed) may
    // carry ids of their own: the sequence is moved past the largest id first, so no new id collides.
    await tx.query(
      `SELECT nextval('outages_id_seq') FROM generate_series(1, (
         SELECT GREATEST(0, coalesce((SELECT max(id) FROM outages), 0) - CASE WHEN is_called THEN last_value ELSE last_value - 1 END)
         FROM outages_id_seq))`,
    );
    const factsOf = (t: string) => `(${outageFacts.map((c) => `${t}.${c}`).join(', ')})`;
    const counts = await countedUpsert(
      tx,
      `INSERT INTO outages (source_id, title, starts_at, ends_at, cause, services, towers_affected, subscribers_affected, regions, feed_hash, updated_at, carrier_batch)
       SELECT s.source_id, s.title, s.starts_at, s.ends_at, s.cause, ARRAY(SELECT jsonb_array_elements_text(s.services)), s.towers_affected,
         s.subscribers_affected, ARRAY(SELECT jsonb_array_elements_text(s.regions)), s.feed_hash, $1, $2
       FROM ${stage} s LEFT JOIN outages t ON t.source_id = s.source_id
       WHERE t.feed_hash IS DISTINCT FROM s.feed_hash
       ON CONFLICT (source_id) DO UPDATE SET title = excluded.title, ${outageFacts.map((c) => `${c} = excluded.${c}`).join(', ')},
         feed_hash = excluded.feed_hash, updated_at = excluded.updated_at, carrier_batch = excluded.carrier_batch,
         revision = outages.revision + CASE WHEN ${factsOf('outages')} IS DISTINCT FROM ${factsOf('excluded')} THEN 1 ELSE 0 END
       WHERE outages.feed_hash IS DISTINCT FROM excluded.feed_hash`,
      [context.now, context.batch],
    );
    return { ...counts, rejected: 0 };
  },
  tables: ['outages'],
};

const impactColumns = ['starts_at', 'ends_at', 'lost_minutes', 'connected_at_start'];

const impacts: StagedFeed<'impacts'> = {
  stage: 'import_stage_impacts',
  ddl: `${stageDdl(
    'import_stage_impacts',
    `line integer NOT NULL, source_id text NOT NULL, outage_source_id text NOT NULL, line_source_id text NOT NULL,
     starts_at timestamptz NOT NULL, ends_at timestamptz, lost_minutes integer, connected_at_start boolean NOT NULL, feed_hash bigint NOT NULL`,
  )}; ${stalePairsDdl}`,
  copy: `COPY import_stage_impacts (line, source_id, outage_source_id, line_source_id, ${impactColumns.join(', ')}, feed_hash) FROM STDIN`,
  encode(row, line) {
    const packed = packFeedRow('impacts', row);
    return copyLine([
      line, row.source_id, row.outage_source_id, row.line_source_id, row.starts_at, row.ends_at ?? null, row.lost_minutes ?? null,
      row.connected_at_start, packedRowHash(packed),
    ]);
  },
  async merge(tx, context) {
    const stage = this.stage;
    // As the desktop checks them: the outage first, then the line.
    let rejected = await rejectStaged(
      tx,
      stage,
      `NOT EXISTS (SELECT 1 FROM outages o WHERE o.source_id = s.outage_source_id)`,
      'outage_source_id',
      'unknown_reference',
      `'no outage ' || s.outage_source_id`,
      context,
    );
    rejected += await rejectStaged(
      tx,
      stage,
      `NOT EXISTS (SELECT 1 FROM lines l WHERE l.source_id = s.line_source_id)`,
      'line_source_id',
      'unknown_reference',
      `'no line ' || s.line_source_id`,
      context,
    );
    // The pairs the changed impacts joined before this chunk.
    const stale = context.facts.impactsWereEmpty ? { rowCount: 0 } : await tx.query(
      `INSERT INTO ${STALE_PAIRS} (account_id, outage_id)
       SELECT l.account_id, i.outage_id FROM ${stage} s
         JOIN impacts i ON i.source_id = s.source_id AND i.feed_hash IS DISTINCT FROM s.feed_hash
         JOIN lines l ON l.id = i.line_id`,
    );
    const { rows } = await tx.query<UpsertCounts>(
      `WITH up AS (
         INSERT INTO impacts (source_id, outage_id, line_id, ${impactColumns.join(', ')}, feed_hash, carrier_batch)
         SELECT s.source_id, o.id, l.id, ${impactColumns.map((c) => `s.${c}`).join(', ')}, s.feed_hash, $1
         FROM ${stage} s JOIN outages o ON o.source_id = s.outage_source_id JOIN lines l ON l.source_id = s.line_source_id
           ${changedOnly('impacts', context).join}
         ${changedOnly('impacts', context).where}
         ${onConflict(context, setAll('impacts', ['outage_id', 'line_id', ...impactColumns, 'feed_hash', 'carrier_batch']))}
         RETURNING (xmax = 0) AS fresh, outage_id, line_id),
       pairs AS (
         INSERT INTO outage_impacts (account_id, outage_id)
         SELECT DISTINCT l.account_id, up.outage_id FROM up JOIN lines l ON l.id = up.line_id
         ON CONFLICT DO NOTHING)
       SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`,
      [context.batch],
    );
    if ((stale.rowCount ?? 0) > 0) await dropUnsupportedPairs(tx);
    return { ...rows[0]!, rejected };
  },
  tables: ['impacts'],
};

export const stagedFeeds: { readonly [E in StagedEntity]: StagedFeed<E> } = { accounts, lines, outages, impacts };

export function isStagedEntity(entity: string): entity is StagedEntity {
  return entity === 'accounts' || entity === 'lines' || entity === 'outages' || entity === 'impacts';
}
