import type Database from 'better-sqlite3';
import type { Account, Line } from '@shared/domain/account';
import type { PolicyRunState, PolicyRunStatus } from '@shared/ipc/decision-contract';
import type { Policy } from '@shared/policy/policy-schema';
import { cachedStatement } from '../db/statement-cache';
import type { ImpactRow } from '../decisions/outage-repo';

/*
 * A run reads up to a million accounts and two million lines, so it reads only what the
 * engine looks at: the texts it never reads (name, email, phone, postal code, line number)
 * come back as '' rather than being copied out of SQLite for every row.
 */
const RUN_ACCOUNT_COLUMNS = `id, account_number AS accountNumber, '' AS holderName, '' AS email, '' AS contactPhoneE164,
  brand, segment, payment_type AS paymentType, status, bill_cycle_day AS billCycleDay, currency,
  monthly_charge_minor AS monthlyChargeMinor, country, region, '' AS postalCode, preferred_language AS preferredLanguage`;

export const policyRunSql = {
  insertRun: `INSERT INTO policy_runs (id, outage_id, started_by, started_at, state, accounts_total)
    VALUES (?, ?, ?, ?, 'running', ?)`,
  progress: `UPDATE policy_runs SET accounts_done = ?, credits_written = credits_written + ? WHERE id = ?`,
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

export function countCandidateAccounts(db: Database.Database, filter: CandidateFilter): number {
  return cachedStatement<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM accounts WHERE ${filter.where}`).get(
    ...filter.params,
  )!.n;
}

/** The next `limit` candidate accounts by id after `afterId`: keyset paging, so every page is a rowid range. */
export function listCandidateAccountsAfter(db: Database.Database, filter: CandidateFilter, afterId: number, limit: number): Account[] {
  return cachedStatement<unknown[], Account>(
    db,
    `SELECT ${RUN_ACCOUNT_COLUMNS} FROM accounts WHERE accounts.id > ? AND ${filter.where} ORDER BY accounts.id LIMIT ?`,
  ).all(afterId, ...filter.params, limit);
}

/** Lines of the candidate accounts with ids `first` to `last` (the others are never decided). */
export function listLinesOfCandidates(
  db: Database.Database,
  filter: CandidateFilter,
  firstAccountId: number,
  lastAccountId: number,
): Array<Line & { accountId: number }> {
  return cachedStatement<unknown[], Line & { accountId: number }>(
    db,
    `SELECT l.account_id AS accountId, l.id, '' AS numberE164, l.service_type AS serviceType,
        l.monthly_rate_minor AS monthlyRateMinor, l.status
      FROM accounts CROSS JOIN lines l INDEXED BY lines_account_id ON l.account_id = accounts.id
      WHERE accounts.id BETWEEN ? AND ? AND ${filter.where}`,
  ).all(firstAccountId, lastAccountId, ...filter.params);
}

/**
 * The outage's impacts on lines of the candidate accounts `first` to `last`. The join order
 * is fixed (accounts, their lines, each line's impacts): left to itself the planner reads
 * every impact of the outage, for every chunk.
 */
export function listImpactsOfCandidates(
  db: Database.Database,
  filter: CandidateFilter,
  outageId: number,
  firstAccountId: number,
  lastAccountId: number,
): Array<ImpactRow & { accountId: number }> {
  return cachedStatement<unknown[], ImpactRow & { accountId: number }>(
    db,
    `SELECT l.account_id AS accountId, i.line_id AS lineId, i.outage_id AS outageId, i.starts_at AS startsAt,
        i.ends_at AS endsAt, i.lost_minutes AS lostMinutes, i.connected_at_start AS connectedAtStart
      FROM accounts CROSS JOIN lines l INDEXED BY lines_account_id ON l.account_id = accounts.id
        CROSS JOIN impacts i INDEXED BY impacts_line_id ON i.line_id = l.id
      WHERE accounts.id BETWEEN ? AND ? AND ${filter.where} AND i.outage_id = ?`,
  ).all(firstAccountId, lastAccountId, ...filter.params, outageId);
}

export function insertPolicyRun(
  db: Database.Database,
  run: { runId: string; outageId: number; startedBy: number | null; startedAt: string; total: number },
): void {
  cachedStatement(db, policyRunSql.insertRun).run(run.runId, run.outageId, run.startedBy, run.startedAt, run.total);
}

export function recordPolicyRunProgress(db: Database.Database, runId: string, done: number, creditsAdded: number): void {
  cachedStatement(db, policyRunSql.progress).run(done, creditsAdded, runId);
}

export function finishPolicyRun(db: Database.Database, runId: string, state: PolicyRunState, finishedAt: string): void {
  cachedStatement(db, policyRunSql.finish).run(state, finishedAt, runId);
}

export function findPolicyRun(db: Database.Database, runId: string): PolicyRunStatus | undefined {
  return cachedStatement<[string], PolicyRunStatus>(db, policyRunSql.byId).get(runId);
}
