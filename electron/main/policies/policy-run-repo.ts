import type Database from 'better-sqlite3';
import type { Line } from '@shared/domain/account';
import type { PolicyRunState, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { ACCOUNT_KEY_PREFIX, keySuffix } from '@shared/domain/credit';
import type { Policy } from '@shared/policy/policy-schema';
import type { RunOutcomes } from '@shared/policy/run-outcomes';
import { REVISION_MARK, settledAtMinor } from '@shared/policy/revision-adjustment';
import { EFFECTIVE_STATUS } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';

const policyRunSql = {
  insertRun: `INSERT INTO policy_runs (id, outage_id, started_by, started_at, state, accounts_total,
      outcome_eligible, outcome_not_eligible, outcome_already_credited, outcome_needs_review)
    VALUES (?, ?, ?, ?, 'running', ?, 0, 0, 0, 0)`,
  progress: `UPDATE policy_runs SET accounts_done = @done, accounts_total = max(accounts_total, @total), credits_written = credits_written + @added,
      outcome_eligible = @eligible, outcome_not_eligible = @notEligible, outcome_already_credited = @alreadyCredited, outcome_needs_review = @needsReview
    WHERE id = @runId`,
  finish: `UPDATE policy_runs SET state = ?, finished_at = ? WHERE id = ?`,
  byId: `SELECT id AS runId, outage_id AS outageId, state, accounts_done AS done, accounts_total AS total,
      credits_written AS creditsWritten, started_at AS startedAt, finished_at AS finishedAt,
      outcome_eligible AS eligible, outcome_not_eligible AS notEligible, outcome_already_credited AS alreadyCredited,
      outcome_needs_review AS needsReview
    FROM policy_runs WHERE id = ?`,
  latestOfOutage: `SELECT id FROM policy_runs WHERE outage_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`,
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

/**
 * An SQL expression over `accounts`, with `?` placeholders, for what the account's credits
 * for the outage say before its facts are read (CREDITS): it has none; a live override
 * credit (a person decided: a run pays nothing more); settled: its credits give it
 * everything a run could and it is already credited (familyGetsNothingMore in
 * shared/policy/revision-adjustment.ts, over the per-account family of every automatic
 * policy); or some, to decide it with. A run does not read the facts of the first two kinds
 * of settled account and decides none of them, so a re-run after a finished run reads the
 * lines and impacts of the accounts that got nothing only. Per-line policies are not
 * settled this way (each line has its own family, and a new line can be eligible).
 */
export interface SettledTest {
  sql: string;
  params: Array<string | number | null>;
}

/** The values of a SettledTest. */
export const CREDITS = { none: 0, settled: 1, some: 2, override: 3 } as const;
/** For the reads that do not use it. */
const NOT_TESTED: SettledTest = { sql: '0', params: [] };

export function settledTest(policies: ReadonlyArray<{ policy: Policy }>, outageId: number, revision: number): SettledTest {
  const params: Array<string | number | null> = [];
  const key = (suffix: string) => {
    params.push(ACCOUNT_KEY_PREFIX, suffix);
    return '(? || accounts.id || ?)';
  };
  const perAccount = policies.length > 0 && policies.every(({ policy }) => policy.unit === 'account');
  // Placeholders are numbered in text order, so each piece pushes its params as it is written.
  const tests = !perAccount
    ? ['0']
    : policies.map(({ policy }) => {
        const base = keySuffix(outageId, policy.code);
        const inFamily = () => {
          const exact = key(base);
          const adjustmentsA = key(`${base}${REVISION_MARK}`);
          const adjustmentsB = key(`${base}${REVISION_MARK}`);
          return `(c.idempotency_key = ${exact} OR substr(c.idempotency_key, 1, length(${adjustmentsA})) = ${adjustmentsB})`;
        };
        const live = `sum(${inFamily()} AND ${EFFECTIVE_STATUS} <> 'reversed') > 0`;
        const reversed = `max(${inFamily()} AND ${EFFECTIVE_STATUS} = 'reversed') = 1`;
        const revisionSettled = `max(c.idempotency_key = ${key(`${base}${REVISION_MARK}${revision}`)}) = 1`;
        // With no reversed credit in the family, the sum is what it has live (null bound: never).
        const reached = `coalesce(sum(CASE WHEN ${inFamily()} THEN c.amount_minor END) >= ?, 0)`;
        params.push(settledAtMinor(policy));
        return `(${live} AND (${reversed} OR ${revisionSettled} OR ${reached}))`;
      });
  params.push(outageId);
  return {
    sql: `(SELECT CASE WHEN count(*) = 0 THEN ${CREDITS.none}
        WHEN max(c.source = 'override' AND ${EFFECTIVE_STATUS} <> 'reversed') = 1 THEN ${CREDITS.override}
        WHEN ${tests.join(' AND ')} THEN ${CREDITS.settled} ELSE ${CREDITS.some} END
      FROM credits c INDEXED BY credits_outage_account WHERE c.outage_id = ? AND c.account_id = accounts.id)`,
    params,
  };
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

/**
 * [id, profile, bill cycle day, monthly charge, state]; the profile is PROFILE_COLUMNS
 * joined by U+001F; the state is runState's text without facts: "3", "1", "0" or "2".
 */
export type RunAccountRow = [id: number, profile: string, billCycleDay: number, monthlyChargeMinor: number, state: string];
const PROFILE_COLUMNS = ['brand', 'segment', 'payment_type', 'status', 'country', 'region', 'currency', 'preferred_language'] as const;
const PROFILE_SQL = PROFILE_COLUMNS.map((c) => `accounts.${c}`).join(" || char(31) || ");

/** Whether the outage (param) has an impact on one of the account's lines: 0 or 1. */
const TOUCHED = `EXISTS (SELECT 1 FROM lines l INDEXED BY lines_account_id CROSS JOIN impacts i INDEXED BY impacts_line_id ON i.line_id = l.id
    WHERE l.account_id = accounts.id AND i.outage_id = ?)`;
/** An account's lines' service types (comma-joined, repeats kept; empty without lines). */
const SERVICE_TYPES = `coalesce((SELECT group_concat(l.service_type) FROM lines l INDEXED BY lines_account_id WHERE l.account_id = accounts.id), '')`;

/**
 * What a run reads of a candidate before deciding it, as one text (a RunState): the
 * SettledTest's value, and with `facts`, for an account to decide, its facts. CASE evaluates
 * one branch only, so no line of a settled account is read (whether the outage touched it is
 * asked only when its region does not say so: listAccountsTouchedByOutage).
 */
function runState(settled: SettledTest, facts: string | null): string {
  const decide = (value: number) => (facts === null ? `'${value}'` : `'${value}' || ${facts}`);
  return `CASE ${settled.sql} WHEN ${CREDITS.override} THEN '${CREDITS.override}' WHEN ${CREDITS.settled} THEN '${CREDITS.settled}'
      WHEN ${CREDITS.none} THEN ${decide(CREDITS.none)} ELSE ${decide(CREDITS.some)} END`;
}

/**
 * The run's reads for a candidate filter. Each is ordered by account id without a sort (the
 * accounts' rowid range drives every join), so a chunk merges them in one pass;
 * policy-run-plan.test.ts checks the plans.
 */
export function runReadSql(filter: CandidateFilter, settled: SettledTest) {
  return {
    /** Params: settled params, after id, filter params, limit. */
    accountsAfter: `SELECT accounts.id, ${PROFILE_SQL}, accounts.bill_cycle_day, accounts.monthly_charge_minor, ${runState(settled, null)}
        FROM accounts WHERE accounts.id > ? AND ${filter.where} ORDER BY accounts.id LIMIT ?`,
    /** Params: settled params, outage id twice, after id, filter params, limit. */
    summariesAfter: `SELECT accounts.id, ${PROFILE_SQL}, accounts.bill_cycle_day, accounts.monthly_charge_minor,
          ${runState(settled, `${SERVICE_TYPES} || char(31) || ${TOUCHED}`)}
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

/** What a run reads with: the accounts its policies admit, and those their credits settle. */
export interface RunReads {
  filter: CandidateFilter;
  settled: SettledTest;
}

/** The next `limit` candidate accounts by id after `afterId`: keyset paging, so every page is a rowid range. */
export function listCandidateAccountsAfter(db: Database.Database, reads: RunReads, afterId: number, limit: number): RunAccountRow[] {
  return cachedStatement<unknown[], RunAccountRow>(db, runReadSql(reads.filter, reads.settled).accountsAfter)
    .raw()
    .all(...reads.settled.params, afterId, ...reads.filter.params, limit);
}

/**
 * [id, profile, bill cycle day, monthly charge, state]: the state is runState's text: "3";
 * "1"; or "0" or "2", the service type of each of its lines (comma-joined, repeats
 * kept), U+001F, and 1 when the outage has an impact on any of its lines, else 0.
 */
export type RunAccountSummaryRow = RunAccountRow;

/**
 * The next `limit` candidate accounts after `afterId` with a summary of their lines and the
 * outage's impacts, in one read: for policies that ask nothing of a line but its service
 * type (see needsLineDetails), this is all the engine reads.
 */
export function listCandidateAccountSummariesAfter(
  db: Database.Database,
  reads: RunReads,
  outageId: number,
  afterId: number,
  limit: number,
): RunAccountSummaryRow[] {
  return cachedStatement<unknown[], RunAccountSummaryRow>(db, runReadSql(reads.filter, reads.settled).summariesAfter)
    .raw()
    .all(...reads.settled.params, outageId, outageId, afterId, ...reads.filter.params, limit);
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
    runReadSql(filter, NOT_TESTED).lines,
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
    runReadSql(filter, NOT_TESTED).impacts,
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

/** A chunk's progress, in its transaction: the counts and the breakdown by outcome so far (the run's, not the chunk's). */
export function recordPolicyRunProgress(db: Database.Database, runId: string, done: number, total: number, creditsAdded: number, outcomes: RunOutcomes): void {
  cachedStatement(db, policyRunSql.progress).run({ runId, done, total, added: creditsAdded, ...outcomes });
}

export function finishPolicyRun(db: Database.Database, runId: string, state: PolicyRunState, finishedAt: string): void {
  cachedStatement(db, policyRunSql.finish).run(state, finishedAt, runId);
}

/** A stored run: its counts and its breakdown by outcome (null for a run stored before it was kept); the totals are not columns. */
export type StoredPolicyRun = Omit<PolicyRunStatus, 'preview' | 'totals'>;

type StoredRow = Omit<StoredPolicyRun, 'outcomes'> & { [K in keyof RunOutcomes]: number | null };

export function findPolicyRun(db: Database.Database, runId: string): StoredPolicyRun | undefined {
  const row = cachedStatement<[string], StoredRow>(db, policyRunSql.byId).get(runId);
  if (!row) return undefined;
  const { eligible, notEligible, alreadyCredited, needsReview, ...run } = row;
  const outcomes = eligible === null || notEligible === null || alreadyCredited === null || needsReview === null ? null : { eligible, notEligible, alreadyCredited, needsReview };
  return { ...run, outcomes };
}

/** The id of the outage's newest run (not a preview: those are never stored), if any. */
export function latestPolicyRunId(db: Database.Database, outageId: number): string | undefined {
  return cachedStatement<[number], string>(db, policyRunSql.latestOfOutage).pluck().get(outageId);
}

export const touchedByOutageSql = `SELECT DISTINCT l.account_id FROM json_each(?) j
    CROSS JOIN lines l INDEXED BY lines_account_id ON l.account_id = j.value
    CROSS JOIN impacts i INDEXED BY impacts_line_id ON i.line_id = l.id
  WHERE i.outage_id = ?`;

/** Of the accounts given, those the outage has an impact on (on any of their lines). */
export function listAccountsTouchedByOutage(db: Database.Database, outageId: number, accountIds: readonly number[]): Set<number> {
  if (accountIds.length === 0) return new Set();
  const rows = cachedStatement<[string, number], number>(db, touchedByOutageSql).pluck().all(JSON.stringify(accountIds), outageId);
  return new Set(rows);
}

const compensatedInKindSql = `SELECT DISTINCT account_id AS accountId FROM override_requests INDEXED BY override_requests_in_kind
  WHERE kind = 'in_kind' AND status = 'approved' AND outage_id = ? AND account_id BETWEEN ? AND ?`;

/** Accounts in [first, last] compensated in kind for the outage by an approved override: a person decided. */
export function listAccountsCompensatedInKind(db: Database.Database, outageId: number, first: number, last: number): Set<number> {
  const rows = cachedStatement<[number, number, number], { accountId: number }>(db, compensatedInKindSql).all(outageId, first, last);
  return new Set(rows.map((r) => r.accountId));
}
