import { z } from 'zod';
import { CarrierTable, carrierTables } from './changes';

/*
 * Carrier data from the hub to desktops (issue 12): one snapshot for a new desktop, then one
 * batch per site-wide job (hub migration 004's `carrier_batch`). Both carry each table's rows
 * as value lists in the columns below, in the desktop cache's form (instants as ISO-8601 UTC
 * text with milliseconds, JSON columns as text, booleans as 0/1), with the hub's ids, which
 * the desktop takes as its own. Policies are the exception: every desktop holds its built-in
 * packs under local ids, so a policy is named by (code, version) wherever it is referred to.
 */

export type CarrierColumnKind = 'int' | 'int?' | 'text' | 'text?';

/** Each table's wire columns, in order, with their kinds. */
export const carrierColumns = {
  accounts: [
    ['id', 'int'], ['source_id', 'text'], ['account_number', 'text'], ['holder_name', 'text'], ['email', 'text'],
    ['contact_phone_e164', 'text'], ['brand', 'text'], ['segment', 'text'], ['payment_type', 'text'], ['status', 'text'],
    ['bill_cycle_day', 'int'], ['currency', 'text'], ['monthly_charge_minor', 'int'], ['country', 'text'], ['region', 'text'],
    ['postal_code', 'text'], ['preferred_language', 'text'], ['feed_hash', 'int?'], ['updated_at', 'text'],
  ],
  outages: [
    ['id', 'int'], ['source_id', 'text'], ['title', 'text'], ['starts_at', 'text'], ['ends_at', 'text?'], ['cause', 'text'],
    ['services_json', 'text'], ['towers_affected', 'int'], ['regions_json', 'text'], ['subscribers_affected', 'int?'],
    ['revision', 'int'], ['updated_at', 'text'],
  ],
  credit_policies: [['id', 'int'], ['code', 'text'], ['version', 'int'], ['rules_json', 'text']],
  lines: [
    ['id', 'int'], ['source_id', 'text'], ['account_id', 'int'], ['number_e164', 'text'], ['service_type', 'text'],
    ['monthly_rate_minor', 'int'], ['status', 'text'], ['feed_hash', 'int?'],
  ],
  impacts: [
    ['id', 'int'], ['source_id', 'text'], ['outage_id', 'int'], ['line_id', 'int'], ['starts_at', 'text'], ['ends_at', 'text?'],
    ['lost_minutes', 'int?'], ['connected_at_start', 'int'], ['feed_hash', 'int?'],
  ],
  outage_policies: [['outage_id', 'int'], ['policy_code', 'text'], ['policy_version', 'int']],
  credits: [
    ['id', 'text'], ['account_id', 'int'], ['line_id', 'int?'], ['outage_id', 'int'], ['policy_code', 'text'], ['policy_version', 'int'],
    ['amount_minor', 'int'], ['currency', 'text'], ['source', 'text'], ['status', 'text'], ['scheduled_on', 'text?'],
    ['bill_date', 'text?'], ['idempotency_key', 'text'], ['version', 'int'], ['created_at', 'text'],
    // A revision's difference (hub migration 006, desktop 006 and 011): only such a credit may be negative.
    ['adjustment_reason', 'text?'], ['outage_revision', 'int?'],
  ],
} as const satisfies Record<CarrierTable, readonly (readonly [string, CarrierColumnKind])[]>;

/** The order a snapshot sends its tables in: what a row refers to comes before it; accounts first, so searching starts early. */
export const snapshotTableOrder = ['accounts', 'outages', 'credit_policies', 'lines', 'impacts', 'outage_policies', 'credits'] as const satisfies readonly CarrierTable[];

export const CarrierValue = z.union([z.string(), z.number(), z.null()]);
export type CarrierValue = z.infer<typeof CarrierValue>;

export const SNAPSHOT_FORMAT = 'ocd-carrier-snapshot/1';

/**
 * The first line of `GET /v1/carrier/snapshot` (JSON): the change log's head read in the
 * snapshot's transaction and each table's row count in it. Then, per table in `tables`' order,
 * a line `@<table>`, its rows in PostgreSQL's COPY text format (tab-separated, `\N` for null,
 * backslash escapes) in `carrierColumns` order, and a line `\.`.
 */
export const SnapshotHeader = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  head: z.int().min(0),
  takenAt: z.string(),
  tables: z.array(z.object({ table: CarrierTable, rows: z.int().min(0) })),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

export const SNAPSHOT_PATH = '/v1/carrier/snapshot';
export const SNAPSHOT_END_OF_TABLE = '\\.';

export const MAX_BATCH_ROWS_PER_PAGE = 10_000;

/**
 * `GET /v1/carrier/batch?batch=N&table=T&afterId=K&limit=M`: one page of the rows of `table`
 * stamped with `batch`, by key after `afterId` (the `nextAfterId` of the page before; absent
 * for the first page). Keys are opaque to the desktop: pass back `nextAfterId`.
 */
export const CarrierBatchQuery = z.strictObject({
  batch: z.coerce.number().pipe(z.int().positive()),
  table: CarrierTable,
  afterId: z.string().max(200).optional(),
  limit: z.coerce.number().pipe(z.int().min(1).max(MAX_BATCH_ROWS_PER_PAGE)).default(5_000),
});
export type CarrierBatchQuery = z.infer<typeof CarrierBatchQuery>;

export const CarrierBatchPage = z.object({
  batch: z.int().positive(),
  table: CarrierTable,
  rows: z.array(z.array(CarrierValue)),
  nextAfterId: z.string().nullable(),
  hasMore: z.boolean(),
});
export type CarrierBatchPage = z.infer<typeof CarrierBatchPage>;

export { carrierTables };
