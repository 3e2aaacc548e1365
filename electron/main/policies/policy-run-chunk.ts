import type Database from 'better-sqlite3';
import type { Account, Line } from '@shared/domain/account';
import { idempotencyKey, type Credit } from '@shared/domain/credit';
import type { Impact, Outage } from '@shared/domain/outage';
import type { Decision } from '@shared/policy/decision';
import { evaluateEligibility } from '@shared/policy/evaluate';
import { insertCreditUnlessKeyExists, listCreditsOfOutageForAccounts, toDomainCredit } from '../credits/credit-repo';
import { toDomainImpact } from '../decisions/outage-repo';
import { touchReason } from '../decisions/touches-account';
import { listImpactsOfCandidates, listLinesOfCandidates, type CandidateFilter } from './policy-run-repo';
import type { StoredPolicy } from './stored-policy';

export interface ChunkContext {
  outage: Outage;
  policies: StoredPolicy[];
  /** The run's evaluation instant (main's clock when the run started), ISO UTC. */
  asOf: string;
  /** The UTC date credits are scheduled on. */
  scheduledOn: string;
  nextId: () => string;
  /** The accounts the policies' inclusion rules admit (see candidateFilter). */
  filter: CandidateFilter;
}

function groupByAccount<T extends { accountId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.accountId);
    if (list) list.push(row);
    else map.set(row.accountId, [row]);
  }
  return map;
}

const NONE: never[] = [];

function accountKey(accountId: number, outageId: number, policyCode: string): string {
  return idempotencyKey({ accountId, outageId, policyCode });
}

/** The credits an eligible decision writes: one for the account, or one per eligible line. */
function creditsOf(decision: Decision): Array<{ lineId: number | null; key: string; amountMinor: number }> {
  if (decision.status !== 'eligible') return NONE;
  if (decision.unit === 'account') {
    return decision.idempotencyKey !== null && decision.amountMinor > 0
      ? [{ lineId: null, key: decision.idempotencyKey, amountMinor: decision.amountMinor }]
      : NONE;
  }
  return decision.perLine
    .filter((line) => line.status === 'eligible' && line.amountMinor > 0)
    .map((line) => ({ lineId: line.lineId, key: line.idempotencyKey, amountMinor: line.amountMinor }));
}

/**
 * Decides one chunk of accounts (ids `first` to `last`, already read) under every policy of
 * the outage and writes the automatic credits of the eligible ones. The caller runs it in
 * one transaction. Returns the number of credits written; existing keys write nothing.
 */
export function runPolicyChunk(db: Database.Database, accounts: Account[], context: ChunkContext): number {
  if (accounts.length === 0) return 0;
  const first = accounts[0]!.id;
  const last = accounts[accounts.length - 1]!.id;
  const { outage, asOf } = context;
  const lines = groupByAccount<Line & { accountId: number }>(listLinesOfCandidates(db, context.filter, first, last));
  const impacts = groupByAccount(listImpactsOfCandidates(db, context.filter, outage.id, first, last));
  const credits = groupByAccount(listCreditsOfOutageForAccounts(db, outage.id, first, last));
  let written = 0;
  for (const account of accounts) {
    const impactRows = impacts.get(account.id);
    const accountImpacts: Impact[] = impactRows ? impactRows.map((row) => toDomainImpact(row, asOf)) : NONE;
    const creditRows = credits.get(account.id);
    const existingCredits: Credit[] = creditRows ? creditRows.map(toDomainCredit) : NONE;
    for (const { id: policyId, policy } of context.policies) {
      if (policy.delivery.mode !== 'automatic') continue;
      if (touchReason(account, outage, policy, accountImpacts.length > 0) === null) continue;
      // A per-account credit under this key, live or reversed, leaves the engine nothing to
      // write (already credited, or a person decides); re-runs skip straight past it.
      if (policy.unit === 'account' && creditRows?.some((c) => c.idempotencyKey === accountKey(account.id, outage.id, policy.code))) {
        continue;
      }
      const decision = evaluateEligibility({
        account,
        lines: lines.get(account.id) ?? NONE,
        outage,
        impacts: accountImpacts,
        policy,
        existingCredits,
        asOf,
      });
      const toWrite = creditsOf(decision);
      if (toWrite.length === 0) continue;
      const billDate = decision.predictedPosting!.earliest;
      for (const credit of toWrite) {
        const inserted = insertCreditUnlessKeyExists(db, [
          context.nextId(),
          account.id,
          credit.lineId,
          outage.id,
          policyId,
          credit.amountMinor,
          decision.currency,
          'automatic',
          'scheduled',
          context.scheduledOn,
          billDate,
          credit.key,
          asOf,
        ]);
        if (inserted) written += 1;
      }
    }
  }
  return written;
}
