import type Database from 'better-sqlite3';
import type { Account } from '@shared/domain/account';
import type { Outage } from '@shared/domain/outage';
import type { AccountDecisions, CreditEntry, OutageDecision, OutageSummary } from '@shared/ipc/decision-channels';
import { evaluateEligibility } from '@shared/policy/evaluate';
import { findAccountByNumber, listLinesOfAccount } from '../accounts/account-repo';
import { listCreditsOfAccount, toDomainCredit, type CreditRow } from '../credits/credit-repo';
import { listAttachedPolicies, type OutagePolicyRow } from '../policies/policy-repo';
import { toStoredPolicy } from '../policies/stored-policy';
import { findOutage, listImpactsOfAccount, toDomainImpact } from '../outages/outage-repo';
import { listClaimsOfAccount, standingClaims, toLocalClaimView } from '../evidence/claim-repo';
import { evidenceReports, listFaultReportsOfAccount, toLocalFaultReportView } from '../evidence/fault-report-repo';
import { touchReason, type TouchReason } from '@shared/policy/touch-reason';

function summary(outage: Outage, touchedBy: TouchReason, impactedLineIds: number[]): OutageSummary {
  return {
    id: outage.id,
    title: outage.title,
    startsAt: outage.startsAt,
    endsAt: outage.endsAt,
    cause: outage.cause,
    regions: outage.regions,
    touchedBy,
    impactedLineIds,
  };
}

function toCreditEntry(row: CreditRow): CreditEntry {
  return {
    id: row.id,
    amountMinor: row.amountMinor,
    currency: row.currency,
    policyCode: row.policyCode,
    policyVersion: row.policyVersion,
    outageId: row.outageId,
    outageTitle: row.outageTitle,
    lineId: row.lineId,
    source: row.source,
    status: row.status,
    scheduledOn: row.scheduledOn,
    billDate: row.billDate,
    createdAt: row.createdAt,
    adjustment:
      row.adjustmentReason !== null && row.outageRevision !== null
        ? { reason: row.adjustmentReason, outageRevision: row.outageRevision }
        : null,
  };
}

function groupByOutage(rows: OutagePolicyRow[]): Map<number, OutagePolicyRow[]> {
  const byOutage = new Map<number, OutagePolicyRow[]>();
  for (const row of rows) {
    const list = byOutage.get(row.outageId);
    if (list) list.push(row);
    else byOutage.set(row.outageId, [row]);
  }
  return byOutage;
}

/**
 * Every outage that touched the account (an impact on one of its lines, or its region for a
 * per-account policy), each decided under each policy attached to it, plus the account's
 * credits. One read snapshot; null when no account has that number. `asOf` is main's clock.
 */
export function getAccountDecisions(db: Database.Database, accountNumber: string, asOf: string): AccountDecisions | null {
  return db
    .transaction((): AccountDecisions | null => {
      const account: Account | undefined = findAccountByNumber(db, accountNumber);
      if (!account) return null;
      const lines = listLinesOfAccount(db, account.id);
      const impacts = listImpactsOfAccount(db, account.id).map((row) => toDomainImpact(row, asOf));
      const creditRows = listCreditsOfAccount(db, account.id);
      const credits = creditRows.map(toDomainCredit);
      const reportRows = listFaultReportsOfAccount(db, account.id);
      const faultReports = evidenceReports(reportRows);
      const claimRows = listClaimsOfAccount(db, account.id);
      const claims = standingClaims(claimRows);
      const policiesByOutage = groupByOutage(listAttachedPolicies(db));
      const outageIds = new Set([...impacts.map((i) => i.outageId), ...policiesByOutage.keys()]);

      const decisions: OutageDecision[] = [];
      for (const outageId of outageIds) {
        const outage = findOutage(db, outageId);
        if (!outage) continue;
        const outageImpacts = impacts.filter((i) => i.outageId === outageId);
        const impactedLineIds = [...new Set(outageImpacts.map((i) => i.lineId))].sort((a, b) => a - b);
        const policyRows = policiesByOutage.get(outageId) ?? [];
        if (policyRows.length === 0) {
          // An outage without a policy still shows, so the agent can say that no credit is set for it.
          if (outageImpacts.length > 0) decisions.push({ outage: summary(outage, 'impact', impactedLineIds), policy: null, decision: null });
          continue;
        }
        for (const row of policyRows) {
          const { policy } = toStoredPolicy(row);
          const reason = touchReason(account, outage, policy, outageImpacts.length > 0);
          if (reason === null) continue;
          decisions.push({
            outage: summary(outage, reason, impactedLineIds),
            policy: { code: policy.code, version: policy.version, name: policy.name },
            decision: evaluateEligibility({
              account,
              lines,
              outage,
              impacts: outageImpacts,
              policy,
              existingCredits: credits,
              asOf,
              faultReports,
              claims,
            }),
          });
        }
      }
      decisions.sort((a, b) => b.outage.startsAt.localeCompare(a.outage.startsAt) || a.outage.id - b.outage.id);
      return {
        accountNumber,
        asOf,
        lines,
        decisions,
        credits: creditRows.map(toCreditEntry),
        faultReports: reportRows.map(toLocalFaultReportView),
        claims: claimRows.map(toLocalClaimView),
      };
    })
    .deferred();
}
