import type pg from 'pg';
import { serviceTypes, type Account, type Line, type ServiceType } from '@shared/domain/account';
import type { Outage, OutageCause, StoredImpact } from '@shared/domain/outage';
import type { PolicyRunState } from '@shared/ipc/policy-run-channels';
import type { RunOutcomes } from '@shared/policy/run-outcomes';
import type { Tx } from '../db/transaction';

type Db = pg.Pool | pg.PoolClient;

/** An instant as the desktop stores it (ISO UTC with milliseconds): the engine compares these texts. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface OutageRow {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  cause: OutageCause;
  services: ServiceType[];
  towersAffected: number;
  subscribersAffected: number | null;
  regions: string[];
  revision: number;
}

/** The outage as the engine reads it, or null when there is none with that id. */
export async function findOutageForRun(db: Db, outageId: number): Promise<Outage | null> {
  const { rows } = await db.query<OutageRow>(
    `SELECT id, title, ${iso('starts_at')} AS "startsAt", ${iso('ends_at')} AS "endsAt", cause, services,
       towers_affected AS "towersAffected", subscribers_affected AS "subscribersAffected", regions, revision
     FROM outages WHERE id = $1`,
    [outageId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cause: row.cause,
    servicesAffected: row.services,
    towersAffected: row.towersAffected,
    subscribersAffected: row.subscribersAffected,
    regions: row.regions,
    revision: row.revision,
  };
}

export interface AttachedPolicyRow {
  id: number;
  code: string;
  version: number;
  rules: unknown;
}

/** The policy versions attached to the outage, by code and newest version first. */
export async function listAttachedPolicies(db: Db, outageId: number): Promise<AttachedPolicyRow[]> {
  const { rows } = await db.query<AttachedPolicyRow>(
    `SELECT p.id, p.code, p.version, p.rules FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
     WHERE op.outage_id = $1 ORDER BY p.code, p.version DESC`,
    [outageId],
  );
  return rows;
}

/**
 * The plan: every account the outage under this policy concerns (touchReason in
 * shared/policy/touch-reason.ts is not null): an impact of the outage on one of its lines
 * (impacts, lines, accounts), or, for a per-account policy (`regions` not null), its region
 * among the outage's regions in a country the policy admits. Every other account can only be
 * not eligible, so a run never reads it. Ascending ids: the chunks are keyset ranges of it.
 */
export async function planAccounts(
  db: Db,
  outageId: number,
  byRegion: { regions: readonly string[]; countries: readonly string[] | null } | null,
): Promise<RunPlan> {
  const params: unknown[] = [outageId];
  let regionPart = '';
  if (byRegion !== null && byRegion.regions.length > 0) {
    params.push(byRegion.regions, byRegion.countries);
    regionPart = `UNION ALL SELECT a.id, false FROM accounts a WHERE a.region = ANY($2::text[]) AND ($3::text[] IS NULL OR a.country = ANY($3::text[]))`;
  }
  const { rows } = await db.query<[number, boolean]>({
    text: `SELECT id, bool_or(impacted) FROM (SELECT l.account_id AS id, true AS impacted FROM impacts i JOIN lines l ON l.id = i.line_id
        WHERE i.outage_id = $1 ${regionPart}) t GROUP BY id ORDER BY id`,
    values: params,
    rowMode: 'array',
  });
  const ids = new Int32Array(rows.length);
  const impacted = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    ids[i] = rows[i]![0];
    impacted[i] = rows[i]![1] ? 1 : 0;
  }
  return { ids, impacted };
}

/** The planned accounts, ascending, and for each whether the outage has an impact on one of its lines (1) or only its region brings it in (0). */
export interface RunPlan {
  readonly ids: Int32Array;
  readonly impacted: Uint8Array;
}

/**
 * A chunk is a keyset range of the plan, `[first, last]` by account id: every read below is one
 * index range scan, not one probe per account (the plan is dense: most accounts in the range
 * are in it, and the others are dropped by the caller).
 */
export interface ChunkRange {
  readonly first: number;
  readonly last: number;
}

/** Which accounts a read is for: a keyset range (a run's chunk) or given ids (one case, say). */
export type AccountSelection = ChunkRange | readonly number[];

/** The SQL test on `column` for the selection, with its parameters from `$from` on. */
function selecting(column: string, selection: AccountSelection, from: number): { sql: string; values: unknown[] } {
  if (Array.isArray(selection)) return { sql: `${column} = ANY($${from}::int[])`, values: [selection] };
  const range = selection as ChunkRange;
  return { sql: `${column} BETWEEN $${from} AND $${from + 1}`, values: [range.first, range.last] };
}

/** The fields of an account the engine reads, in id order; the texts it never reads are left empty. */
export async function readChunkAccounts(tx: Tx, selection: AccountSelection, inPlan: (id: number) => boolean = () => true): Promise<Account[]> {
  const where = selecting('a.id', selection, 1);
  const { rows } = await tx.query<unknown[]>({
    text: `SELECT a.id, a.brand, a.segment, a.payment_type, a.status, a.country, a.region, a.currency, a.preferred_language,
        a.bill_cycle_day, a.monthly_charge_minor::float8
      FROM accounts a WHERE ${where.sql} ORDER BY a.id`,
    values: where.values,
    rowMode: 'array',
  });
  return rows.filter((r) => inPlan(r[0] as number)).map((r) => ({
    id: r[0] as number,
    accountNumber: '',
    holderName: '',
    email: '',
    contactPhoneE164: '',
    brand: r[1] as Account['brand'],
    segment: r[2] as Account['segment'],
    paymentType: r[3] as Account['paymentType'],
    status: r[4] as Account['status'],
    country: r[5] as Account['country'],
    region: r[6] as string,
    currency: r[7] as Account['currency'],
    preferredLanguage: r[8] as Account['preferredLanguage'],
    billCycleDay: r[9] as number,
    monthlyChargeMinor: r[10] as number,
    postalCode: '',
  }));
}

/** The account fields the engine reads from one text (they repeat: one decoded object per distinct text). */
const PROFILE_SQL = `a.brand || '|' || a.segment || '|' || a.payment_type || '|' || a.status || '|' || a.country || '|' || a.region || '|' || a.currency || '|' || a.preferred_language`;

type Profile = Pick<Account, 'brand' | 'segment' | 'paymentType' | 'status' | 'country' | 'region' | 'currency' | 'preferredLanguage'>;

export interface ChunkSummaries {
  accounts: Account[];
  /** One placeholder line per service type the account's lines have (see needsLineDetails). */
  lines: Map<number, Line[]>;
}

/** A set of service types as bits, in `serviceTypes` order: cheap to aggregate in SQL. */
const SERVICE_TYPE_BITS = `bit_or(CASE l.service_type ${serviceTypes.map((type, bit) => `WHEN '${type}' THEN ${1 << bit}`).join(' ')} END)`;

/**
 * For a policy that asks nothing of a line but its service type (`needsLineDetails` false in
 * shared/policy/automatic-credits.ts), all the engine reads of an account but whether the
 * outage touched it (the plan says so): its fields and the service types among its lines, one
 * row per account (the desktop's run reads the same summary). A caller then passes one
 * placeholder line per service type and no impacts, as the evaluator's contract allows.
 */
export function createSummaryReader() {
  const profiles = new Map<string, Profile>();
  const lineSets = new Map<number, Line[]>();
  const profileOf = (text: string): Profile => {
    let profile = profiles.get(text);
    if (profile === undefined) {
      const [brand, segment, paymentType, status, country, region, currency, preferredLanguage] = text.split('|');
      profile = { brand, segment, paymentType, status, country, region, currency, preferredLanguage } as Profile;
      profiles.set(text, profile);
    }
    return profile;
  };
  const linesOf = (bits: number): Line[] => {
    let lines = lineSets.get(bits);
    if (lines === undefined) {
      lines = serviceTypes
        .filter((_, bit) => (bits & (1 << bit)) !== 0)
        .map((serviceType) => ({ id: 1, numberE164: '', serviceType, monthlyRateMinor: 0, status: 'closed' as const }));
      lineSets.set(bits, lines);
    }
    return lines;
  };
  return async function readChunkSummaries(tx: Tx, range: ChunkRange, inPlan: (id: number) => boolean): Promise<ChunkSummaries> {
    const { rows } = await tx.query<unknown[]>({
      text: `SELECT a.id, ${PROFILE_SQL}, a.bill_cycle_day, a.monthly_charge_minor::float8, ${SERVICE_TYPE_BITS}
        FROM accounts a LEFT JOIN lines l ON l.account_id = a.id
        WHERE a.id BETWEEN $1 AND $2 GROUP BY a.id ORDER BY a.id`,
      values: [range.first, range.last],
      rowMode: 'array',
    });
    const result: ChunkSummaries = { accounts: [], lines: new Map() };
    for (const r of rows) {
      const id = r[0] as number;
      if (!inPlan(id)) continue;
      result.accounts.push({
        id,
        accountNumber: '',
        holderName: '',
        email: '',
        contactPhoneE164: '',
        ...profileOf(r[1] as string),
        billCycleDay: r[2] as number,
        monthlyChargeMinor: r[3] as number,
        postalCode: '',
      });
      if (r[4] !== null) result.lines.set(id, linesOf(r[4] as number));
    }
    return result;
  };
}

/** The chunk's lines, by account id. */
export async function readChunkLines(tx: Tx, selection: AccountSelection): Promise<Map<number, Line[]>> {
  const where = selecting('l.account_id', selection, 1);
  const { rows } = await tx.query<unknown[]>({
    text: `SELECT l.account_id, l.id::float8, l.service_type, l.monthly_rate_minor::float8, l.status
      FROM lines l WHERE ${where.sql} ORDER BY l.account_id, l.id`,
    values: where.values,
    rowMode: 'array',
  });
  const byAccount = new Map<number, Line[]>();
  for (const r of rows) {
    const accountId = r[0] as number;
    let lines = byAccount.get(accountId);
    if (lines === undefined) byAccount.set(accountId, (lines = []));
    lines.push({ id: r[1] as number, numberE164: '', serviceType: r[2] as Line['serviceType'], monthlyRateMinor: r[3] as number, status: r[4] as Line['status'] });
  }
  return byAccount;
}

/** The outage's impacts on the chunk's lines, by account id. */
export async function readChunkImpacts(tx: Tx, outageId: number, selection: AccountSelection): Promise<Map<number, StoredImpact[]>> {
  const where = selecting('l.account_id', selection, 2);
  const { rows } = await tx.query<unknown[]>({
    text: `SELECT l.account_id, i.line_id::float8, ${iso('i.starts_at')}, ${iso('i.ends_at')}, i.lost_minutes, i.connected_at_start
      FROM lines l JOIN impacts i ON i.line_id = l.id WHERE i.outage_id = $1 AND ${where.sql}`,
    values: [outageId, ...where.values],
    rowMode: 'array',
  });
  const byAccount = new Map<number, StoredImpact[]>();
  for (const r of rows) {
    const accountId = r[0] as number;
    let impacts = byAccount.get(accountId);
    if (impacts === undefined) byAccount.set(accountId, (impacts = []));
    impacts.push({
      lineId: r[1] as number,
      outageId,
      startsAt: r[2] as string,
      endsAt: r[3] as string | null,
      lostMinutes: r[4] as number | null,
      connectedAtStart: r[5] as boolean,
    });
  }
  return byAccount;
}

export interface ExistingCredit {
  idempotencyKey: string;
  status: string;
  source: string;
  amountMinor: number;
}

/** The chunk's credits for the outage (every policy's, live or reversed), by account id. */
export async function readChunkCredits(tx: Tx, outageId: number, selection: AccountSelection): Promise<Map<number, ExistingCredit[]>> {
  const where = selecting('c.account_id', selection, 2);
  const { rows } = await tx.query<unknown[]>({
    text: `SELECT c.account_id, c.idempotency_key, c.status, c.source, c.amount_minor
      FROM credits c WHERE c.outage_id = $1 AND ${where.sql}`,
    values: [outageId, ...where.values],
    rowMode: 'array',
  });
  const byAccount = new Map<number, ExistingCredit[]>();
  for (const r of rows) {
    const accountId = r[0] as number;
    let credits = byAccount.get(accountId);
    if (credits === undefined) byAccount.set(accountId, (credits = []));
    credits.push({ idempotencyKey: r[1] as string, status: r[2] as string, source: r[3] as string, amountMinor: r[4] as number });
  }
  return byAccount;
}

/** A chunk's new credits, column by column (one array per column: one statement for the chunk). */
export interface NewCredits {
  ids: string[];
  accountIds: number[];
  lineIds: (number | null)[];
  amounts: number[];
  billDates: string[];
  keys: string[];
  reasons: ('outage_revised' | null)[];
  revisions: (number | null)[];
}

export function emptyNewCredits(): NewCredits {
  return { ids: [], accountIds: [], lineIds: [], amounts: [], billDates: [], keys: [], reasons: [], revisions: [] };
}

export interface CreditsCommon {
  outageId: number;
  policyId: number;
  policyCode: string;
  currency: string;
  scheduledOn: string;
  createdAt: string;
  carrierBatch: number;
}

/**
 * Writes the chunk's credits in one statement; a key that exists (an earlier run, a
 * concurrent one, an override) is skipped. Returns what was written: count and sum.
 */
export async function insertCredits(tx: Tx, rows: NewCredits, common: CreditsCommon): Promise<{ written: number; amountMinor: number }> {
  const { rows: result } = await tx.query<{ written: number; amount: string }>(
    `WITH ins AS (
      INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status,
        scheduled_on, bill_date, idempotency_key, created_at, carrier_batch, adjustment_reason, outage_revision)
      SELECT u.id, u.account_id, u.line_id, $9, $10, $11, u.amount, $12, 'automatic', 'scheduled', $13::date, u.bill_date, u.key,
        $14::timestamptz, $15, u.reason, u.revision
      FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::date[], $6::text[], $7::text[], $8::int[])
        AS u(id, account_id, line_id, amount, bill_date, key, reason, revision)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING amount_minor)
    SELECT count(*)::int AS written, coalesce(sum(amount_minor), 0)::text AS amount FROM ins`,
    [
      rows.ids,
      rows.accountIds,
      rows.lineIds,
      rows.amounts,
      rows.billDates,
      rows.keys,
      rows.reasons,
      rows.revisions,
      common.outageId,
      common.policyId,
      common.policyCode,
      common.currency,
      common.scheduledOn,
      common.createdAt,
      common.carrierBatch,
    ],
  );
  return { written: result[0]!.written, amountMinor: Number(result[0]!.amount) };
}

export async function nextCarrierBatch(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ n: string }>("SELECT nextval('carrier_batch_seq')::text AS n");
  return Number(rows[0]!.n);
}

export interface PolicyRunRow {
  runId: string;
  outageId: number;
  policyId: number;
  policyCode: string;
  policyVersion: number;
  startedBy: number | null;
  state: PolicyRunState;
  done: number;
  total: number;
  creditsWritten: number;
  startedAt: string;
  finishedAt: string | null;
  /** Null for a run recorded before the breakdown was kept (hub migration 015). */
  outcomes: RunOutcomes | null;
}

const RUN_COLUMNS = `r.id AS "runId", r.outage_id AS "outageId", r.policy_id AS "policyId", p.code AS "policyCode", p.version AS "policyVersion",
  r.started_by AS "startedBy", r.state, r.accounts_done AS done, r.accounts_total AS total, r.credits_written AS "creditsWritten",
  ${iso('r.started_at')} AS "startedAt", ${iso('r.finished_at')} AS "finishedAt",
  CASE WHEN r.outcome_eligible IS NULL THEN NULL ELSE json_build_object('eligible', r.outcome_eligible, 'notEligible', r.outcome_not_eligible,
    'alreadyCredited', r.outcome_already_credited, 'needsReview', r.outcome_needs_review) END AS outcomes`;

export async function insertPolicyRun(
  tx: Tx,
  run: { runId: string; outageId: number; policyId: number; startedBy: number | null; startedAt: string; total: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO policy_runs (id, outage_id, policy_id, started_by, started_at, state, accounts_total,
       outcome_eligible, outcome_not_eligible, outcome_already_credited, outcome_needs_review)
     VALUES ($1, $2, $3, $4, $5, 'running', $6, 0, 0, 0, 0)`,
    [run.runId, run.outageId, run.policyId, run.startedBy, run.startedAt, run.total],
  );
}

/** Locks the run's row for the chunk (a cancel waits for the chunk) and says its state. */
export async function lockRunState(tx: Tx, runId: string): Promise<PolicyRunState | null> {
  const { rows } = await tx.query<{ state: PolicyRunState }>('SELECT state FROM policy_runs WHERE id = $1 FOR UPDATE', [runId]);
  return rows[0]?.state ?? null;
}

/** A chunk's progress, in its transaction: the counts, and the chunk's outcomes added to the run's breakdown. */
export async function recordRunProgress(tx: Tx, runId: string, done: number, creditsAdded: number, chunk: RunOutcomes): Promise<void> {
  await tx.query(
    `UPDATE policy_runs SET accounts_done = $2, accounts_total = GREATEST(accounts_total, $2), credits_written = credits_written + $3,
       outcome_eligible = coalesce(outcome_eligible, 0) + $4, outcome_not_eligible = coalesce(outcome_not_eligible, 0) + $5,
       outcome_already_credited = coalesce(outcome_already_credited, 0) + $6, outcome_needs_review = coalesce(outcome_needs_review, 0) + $7
     WHERE id = $1`,
    [runId, done, creditsAdded, chunk.eligible, chunk.notEligible, chunk.alreadyCredited, chunk.needsReview],
  );
}

/** Ends a running run; false when it had ended already (cancelled meanwhile, say). */
export async function finishPolicyRun(tx: Tx, runId: string, state: PolicyRunState, finishedAt: Date): Promise<boolean> {
  const { rowCount } = await tx.query("UPDATE policy_runs SET state = $2, finished_at = $3 WHERE id = $1 AND state = 'running'", [runId, state, finishedAt]);
  return rowCount === 1;
}

/** Runs recorded as running for the outage and policy: cut off (a crash, a restart) when no process holds their lock. */
export async function failRunningRuns(tx: Tx, outageId: number, policyId: number, now: Date): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    "UPDATE policy_runs SET state = 'failed', finished_at = $3 WHERE outage_id = $1 AND policy_id = $2 AND state = 'running' RETURNING id",
    [outageId, policyId, now],
  );
  return rows.map((row) => row.id);
}

export async function findPolicyRun(db: Db, runId: string): Promise<PolicyRunRow | null> {
  const { rows } = await db.query<PolicyRunRow>(`SELECT ${RUN_COLUMNS} FROM policy_runs r JOIN credit_policies p ON p.id = r.policy_id WHERE r.id = $1`, [runId]);
  return rows[0] ?? null;
}

export async function listPolicyRuns(db: Db, outageId: number | undefined, limit: number): Promise<PolicyRunRow[]> {
  const { rows } = await db.query<PolicyRunRow>(
    `SELECT ${RUN_COLUMNS} FROM policy_runs r JOIN credit_policies p ON p.id = r.policy_id
     WHERE ($1::int IS NULL OR r.outage_id = $1) ORDER BY r.started_at DESC, r.id LIMIT $2`,
    [outageId ?? null, limit],
  );
  return rows;
}

/** What a run wrote, by currency: its credits carry the run's start as their creation time. */
export async function sumRunCredits(db: Db, run: { outageId: number; policyId: number; startedAt: string }) {
  const { rows } = await db.query<{ currency: 'USD' | 'EUR'; credits: number; amountMinor: string }>(
    `SELECT currency, count(*)::int AS credits, sum(amount_minor)::text AS "amountMinor" FROM credits
     WHERE outage_id = $1 AND policy_id = $2 AND source = 'automatic' AND created_at = $3::timestamptz
     GROUP BY currency ORDER BY currency`,
    [run.outageId, run.policyId, run.startedAt],
  );
  return rows.map((row) => ({ currency: row.currency, credits: row.credits, amountMinor: Number(row.amountMinor) }));
}
