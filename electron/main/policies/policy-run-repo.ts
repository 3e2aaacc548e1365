import type Database from 'better-sqlite3';
import type { Line } from '@shared/domain/account';
import type { PolicyRunState, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import type { Policy } from '@shared/policy/policy-schema';
import { cachedStatement } from '../db/statement-cache';

const policyRunSql = {
  insertRun: `INSERT INTO policy_runs (id, outage_id, started_by, started_at, state, accounts_total)
    VALUES (?, ?, ?, ?, 'running', ?)`,
  progress: `UPDATE policy_runs SET accounts_done = ?, accounts_total = max(accounts_total, ?), credits_written = credits_written + ? WHERE id = ?`,
  finish: `UPDATE policy_runs SET state = ?, finished_at = ? WHERE id = ?`,
  byId: `SELECT id AS runId, outage_id AS outageId, state, accounts_done AS done, accounts_total AS total,
      credits_written AS creditsWritten, started_at AS startedAt, finished_at AS finishedAt
    FROM policy_runs WHERE id = ?`,
} as const;

export interface CandidateFilter {
  /** A boolean SQL expression over `accounts`, with `?` placeholders. */
  where: string;
  params: Array<string | number>;
}

function inList(column: string, values: readonly string[] | undefined, params: Array<string | number>): string | null {
  if (values === undefined) return null;
  if (values.length === 0) return '0';
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/**
 * The accounts a policy's inclusion rules admit, as SQL: the same tests as the engine's
 * inclusion rules (a list left out admits everyone; the account's currency must be the
 * policy's). An account outside it fails one of those rules, so the engine could only
 * decide it not eligible; a run therefore only reads and decides the accounts inside.
 * Several policies admit the union of their accounts.
 */
export function candidateFilter(policies: readonly Policy[]): CandidateFilter {
  const params: Array<string | number> = [];
  const clauses = policies.map((policy) => {
    const inc = policy.inclusion;
    params.push(policy.currency);
    const tests = [
      'accounts.currency = ?',
      inList('accounts.brand', inc.brands, params),
      inList('accounts.segment', inc.segments, params),
      inList('accounts.payment_type', inc.paymentTypes, params),
      inList('accounts.status', inc.accountStatuses, params),
      inList('accounts.country', inc.countries, params),
      inList('accounts.region', inc.regions, params),
    ].filter((test): test is string => test !== null);
    return `(${tests.join(' AND ')})`;
  });
  return { where: clauses.length === 0 ? '0' : `(${clauses.join(' OR ')})`, params };
}

/** Candidate accounts with ids `from` to `to`: the count is taken in slices, so no slice holds the process long. */
export function countCandidateAccountsBetween(db: Database.Database, filter: CandidateFilter, fromId: number, toId: number): number {
  return cachedStatement<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM accounts WHERE accounts.id BETWEEN ? AND ? AND ${filter.where}`,
  ).get(fromId, toId, ...filter.params)!.n;
}

export function maxAccountId(db: Database.Database): number {
  return cachedStatement<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM accounts').get()!.n ?? 0;
}

/*
 * A run reads up to a million accounts and two million lines, so its reads return arrays
 * (`raw`), not objects, and only the columns the engine reads. The seven account fields the
 * inclusion rules read come back as one string (a profile), which the run splits once per
 * distinct profile rather than copying seven strings out of SQLite for every account.
 */

/** [id, profile, bill cycle day, monthly charge]; the profile is PROFILE_COLUMNS joined by U+001F. */
export type RunAccountRow = [id: number, profile: string, billCycleDay: number, monthlyChargeMinor: number];
const PROFILE_COLUMNS = ['brand', 'segment', 'payment_type', 'status', 'country', 'region', 'currency', 'preferred_language'] as const;
const PROFILE_SQL = PROFILE_COLUMNS.map((c) => `accounts.${c}`).join(" || char(31) || ");

/**
 * The run's reads for a candidate filter. Each is ordered by account id without a sort (the
 * accounts' rowid range drives every join), so a chunk merges them in one pass;
 * policy-run-plan.test.ts checks the plans.
 */
export function runReadSql(filter: CandidateFilter) {
  return {
    /** Params: after id, filter params, limit. */
    accountsAfter: `SELECT accounts.id, ${PROFILE_SQL}, accounts.bill_cycle_day, accounts.monthly_charge_minor
        FROM accounts WHERE accounts.id > ? AND ${filter.where} ORDER BY accounts.id LIMIT ?`,
    /** Params: outage id, after id, filter params, limit. */
    summariesAfter: `SELECT accounts.id, ${PROFILE_SQL}, accounts.bill_cycle_day, accounts.monthly_charge_minor,
          (SELECT group_concat(l.service_type) FROM lines l INDEXED BY lines_account_id WHERE l.account_id = accounts.id),
          EXISTS (SELECT 1 FROM lines l INDEXED BY lines_account_id CROSS JOIN impacts i INDEXED BY impacts_line_id ON i.line_id = l.id
            WHERE l.account_id = accounts.id AND i.outage_id = ?)
        FROM accounts WHERE accounts.id > ? AND ${filter.where} ORDER BY accounts.id LIMIT ?`,
    /** Params: first and last account id, filter params. */
    lines: `SELECT l.account_id, l.id, l.service_type, l.monthly_rate_minor, l.status
        FROM accounts CROSS JOIN lines l INDEXED BY lines_account_id ON l.account_id = accounts.id
        WHERE accounts.id BETWEEN ? AND ? AND ${filter.where} ORDER BY accounts.id`,
    /** Params: first and last account id, filter params, outage id. */
    impacts: `SELECT l.account_id, i.line_id, i.starts_at, i.ends_at, i.lost_minutes, i.connected_at_start
        FROM accounts CROSS JOIN lines l INDEXED BY lines_account_id ON l.account_id = accounts.id
          CROSS JOIN impacts i INDEXED BY impacts_line_id ON i.line_id = l.id
        WHERE accounts.id BETWEEN ? AND ? AND ${filter.where} AND i.outage_id = ? ORDER BY accounts.id`,
  };
}

/** The next `limit` candidate accounts by id after `afterId`: keyset paging, so every page is a rowid range. */
export function listCandidateAccountsAfter(db: Database.Database, filter: CandidateFilter, afterId: number, limit: number): RunAccountRow[] {
  return cachedStatement<unknown[], RunAccountRow>(
    db,
    runReadSql(filter).accountsAfter,
  )
    .raw()
    .all(afterId, ...filter.params, limit);
}

/**
 * [id, profile, bill cycle day, monthly charge, the service type of each of its lines
 * (comma-joined, repeats kept; null without lines), whether the outage has an impact on any of its lines].
 */
export type RunAccountSummaryRow = [...RunAccountRow, serviceTypes: string | null, hasImpact: 0 | 1];

/**
 * The next `limit` candidate accounts after `afterId` with a summary of their lines and the
 * outage's impacts, in one read: for policies that ask nothing of a line but its service
 * type (see needsLineDetails), this is all the engine reads.
 */
export function listCandidateAccountSummariesAfter(
  db: Database.Database,
  filter: CandidateFilter,
  outageId: number,
  afterId: number,
  limit: number,
): RunAccountSummaryRow[] {
  return cachedStatement<unknown[], RunAccountSummaryRow>(
    db,
    runReadSql(filter).summariesAfter,
  )
    .raw()
    .all(outageId, afterId, ...filter.params, limit);
}

/** [account id, line id, service type, monthly rate, status], by account id. */
export type RunLineRow = [accountId: number, id: number, serviceType: Line['serviceType'], monthlyRateMinor: number, status: Line['status']];

/** Lines of the candidate accounts with ids `first` to `last` (the others are never decided), by account. */
export function listLinesOfCandidates(
  db: Database.Database,
  filter: CandidateFilter,
  firstAccountId: number,
  lastAccountId: number,
): RunLineRow[] {
  return cachedStatement<unknown[], RunLineRow>(
    db,
    runReadSql(filter).lines,
  )
    .raw()
    .all(firstAccountId, lastAccountId, ...filter.params);
}

/** [account id, line id, starts at, ends at, lost minutes, connected at start], by account. */
export type RunImpactRow = [
  accountId: number,
  lineId: number,
  startsAt: string,
  endsAt: string | null,
  lostMinutes: number | null,
  connectedAtStart: 0 | 1,
];

/**
 * The outage's impacts on lines of the candidate accounts `first` to `last`, by account.
 * The join order is fixed (accounts, their lines, each line's impacts): left to itself the
 * planner reads every impact of the outage, for every chunk.
 */
export function listImpactsOfCandidates(
  db: Database.Database,
  filter: CandidateFilter,
  outageId: number,
  firstAccountId: number,
  lastAccountId: number,
): RunImpactRow[] {
  return cachedStatement<unknown[], RunImpactRow>(
    db,
    runReadSql(filter).impacts,
  )
    .raw()
    .all(firstAccountId, lastAccountId, ...filter.params, outageId);
}

export function insertPolicyRun(
  db: Database.Database,
  run: { runId: string; outageId: number; startedBy: number | null; startedAt: string; total: number },
): void {
  cachedStatement(db, policyRunSql.insertRun).run(run.runId, run.outageId, run.startedBy, run.startedAt, run.total);
}

export function recordPolicyRunProgress(db: Database.Database, runId: string, done: number, total: number, creditsAdded: number): void {
  cachedStatement(db, policyRunSql.progress).run(done, total, creditsAdded, runId);
}

export function finishPolicyRun(db: Database.Database, runId: string, state: PolicyRunState, finishedAt: string): void {
  cachedStatement(db, policyRunSql.finish).run(state, finishedAt, runId);
}

/** A stored run: its counts; the breakdown and the totals are not columns. */
export type StoredPolicyRun = Omit<PolicyRunStatus, 'preview' | 'outcomes' | 'totals'>;

export function findPolicyRun(db: Database.Database, runId: string): StoredPolicyRun | undefined {
  return cachedStatement<[string], StoredPolicyRun>(db, policyRunSql.byId).get(runId);
}

const compensatedInKindSql = `SELECT DISTINCT account_id AS accountId FROM override_requests INDEXED BY override_requests_in_kind
  WHERE kind = 'in_kind' AND status = 'approved' AND outage_id = ? AND account_id BETWEEN ? AND ?`;

/** Accounts in [first, last] compensated in kind for the outage by an approved override: a person decided. */
export function listAccountsCompensatedInKind(db: Database.Database, outageId: number, first: number, last: number): Set<number> {
  const rows = cachedStatement<[number, number, number], { accountId: number }>(db, compensatedInKindSql).all(outageId, first, last);
  return new Set(rows.map((r) => r.accountId));
}
