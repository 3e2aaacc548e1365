import { randomBytes } from 'node:crypto';
import type { Account, Line } from '@shared/domain/account';
import type { Credit } from '@shared/domain/credit';
import type { CreditClaim, FaultReport } from '@shared/domain/fault-report';
import { impactAsOf, type Impact, type Outage } from '@shared/domain/outage';
import { createUlidFactoryFrom, ULID_RANDOM_BYTES } from '@shared/domain/ulid';
import { claimedSubjects } from '@shared/policy/claimed-subjects';
import { evaluateEligibility } from '@shared/policy/evaluate';
import { legalFloorOf } from '@shared/policy/legal-floor';
import { Policy } from '@shared/policy/policy-schema';
import type { Decision } from '@shared/policy/decision';
import type { Tx } from '../db/transaction';
import {
  findHubClaim,
  insertClaimedCredit,
  linkHubClaimCredit,
  listHubClaimsOfAccount,
  listHubCreditsOfAccount,
  listHubFaultReportsOfAccount,
  readClaimedCreditChange,
} from '../evidence/evidence-repo';
import { findOutageForRun, listAttachedPolicies, readChunkAccounts, readChunkImpacts, readChunkLines } from '../policies/policy-run-repo';
import type { OperationContext } from './operation-context';

/** What the engine reads about one account and one outage at the hub: the desktop's facts, from the hub's tables. */
export interface EvidenceCase {
  account: Account;
  lines: Line[];
  outage: Outage;
  impacts: Impact[];
  credits: Credit[];
  reports: FaultReport[];
  claims: CreditClaim[];
}

export async function readEvidenceCase(tx: Tx, accountId: number, outage: Outage, asOf: string): Promise<EvidenceCase> {
  const [account] = await readChunkAccounts(tx, [accountId]);
  const lines = (await readChunkLines(tx, [accountId])).get(accountId) ?? [];
  const impacts = ((await readChunkImpacts(tx, outage.id, [accountId])).get(accountId) ?? []).map((row) => impactAsOf(row, asOf));
  return {
    account: account!,
    lines,
    outage,
    impacts,
    credits: await listHubCreditsOfAccount(tx, accountId),
    reports: await listHubFaultReportsOfAccount(tx, accountId),
    claims: await listHubClaimsOfAccount(tx, accountId),
  };
}

// Stored rules are immutable per row id: parse each once per process.
const parsed = new Map<number, Policy>();

export interface AttachedPolicy {
  id: number;
  policy: Policy;
}

/** The newest attached version of each of the outage's policies, parsed. */
export async function outagePolicies(tx: Tx, outageId: number): Promise<AttachedPolicy[]> {
  const seen = new Set<string>();
  const out: AttachedPolicy[] = [];
  for (const row of await listAttachedPolicies(tx, outageId)) {
    if (seen.has(row.code)) continue;
    seen.add(row.code);
    let policy = parsed.get(row.id);
    if (!policy) parsed.set(row.id, (policy = Policy.parse(row.rules)));
    out.push({ id: row.id, policy });
  }
  return out;
}

export function decide(facts: EvidenceCase, policy: Policy, asOf: string, extraClaims: readonly CreditClaim[] = []): Decision {
  return evaluateEligibility({
    account: facts.account,
    lines: facts.lines,
    outage: facts.outage,
    impacts: facts.impacts,
    policy,
    existingCredits: facts.credits,
    asOf,
    faultReports: facts.reports,
    claims: [...facts.claims, ...extraClaims],
  });
}

/**
 * The amount the law gives the account for the outage, as the desktop's legalFloorFor: the
 * decisions of the outage's statutory rule sets for the account, evaluated here from the hub's
 * own data, through the shared legalFloorOf. `statuteAttached` comes folded into a read the
 * caller makes anyway (STATUTE_ATTACHED): without a statute nothing more is read, and 0 is the
 * floor.
 */
export async function hubLegalFloor(tx: Tx, accountId: number, outageId: number, now: Date, statuteAttached: boolean): Promise<number> {
  if (!statuteAttached) return 0;
  const statutes = (await outagePolicies(tx, outageId)).filter(({ policy }) => policy.legalBasis === 'statute');
  if (statutes.length === 0) return 0;
  const outage = await findOutageForRun(tx, outageId);
  if (!outage) return 0;
  const asOf = now.toISOString();
  const facts = await readEvidenceCase(tx, accountId, outage, asOf);
  return legalFloorOf(statutes.map(({ policy }) => decide(facts, policy, asOf)));
}

/**
 * As the desktop's writeClaimedCredits: for each on-request policy of the outage that the
 * customer claimed and that now pays, the credit is written under the policy's own key (once,
 * whatever comes next), under the desktop's id where the desktop wrote that key, linked to the
 * claim, with its audit event and a `credit` change for everyone. Returns the credits written.
 */
export async function settleClaimedCredits(
  context: OperationContext,
  accountId: number,
  outage: Outage,
  desktopIds: ReadonlyMap<string, string>,
): Promise<string[]> {
  const { tx, now } = context;
  const asOf = now.toISOString();
  const facts = await readEvidenceCase(tx, accountId, outage, asOf);
  const nextId = createUlidFactoryFrom(now, randomBytes(ULID_RANDOM_BYTES));
  const written: string[] = [];
  for (const { id: policyId, policy } of await outagePolicies(tx, outage.id)) {
    if (policy.delivery.mode !== 'on_request') continue;
    const decision = decide(facts, policy, asOf);
    if (decision.status !== 'eligible' || !decision.predictedPosting) continue;
    const claim = await findHubClaim(tx, accountId, outage.id, policy.code);
    if (!claim) continue;
    const subjects = claimedSubjects(decision);
    // One credit here and one at the desktop: the same credit even where the desktop's key is
    // built on other local ids than the hub's (a cache not loaded from the hub's snapshot). The
    // caller gave account keys the hub's account id (keyForAccountId); a line's key cannot be
    // translated so, and a single subject is then matched by being the only one.
    const only = subjects.length === 1 && desktopIds.size === 1 ? [...desktopIds.values()][0] : undefined;
    for (const subject of subjects) {
      const id = desktopIds.get(subject.key) ?? only ?? nextId();
      const inserted = await insertClaimedCredit(tx, {
        id,
        accountId,
        lineId: subject.lineId,
        outageId: outage.id,
        policyId,
        policyCode: policy.code,
        amountMinor: subject.amountMinor,
        currency: decision.currency,
        scheduledOn: asOf.slice(0, 10),
        billDate: decision.predictedPosting.earliest,
        idempotencyKey: subject.key,
        createdAt: now,
      });
      if (!inserted) continue;
      await linkHubClaimCredit(tx, claim.id, id);
      context.logs.audit({
        at: now,
        operatorId: context.caller.operator.operatorId,
        desktopId: context.caller.desktopId,
        action: 'credit.created',
        target: `credit:${id}`,
        before: null,
        after: {
          accountId,
          lineId: subject.lineId,
          outageId: outage.id,
          policyCode: policy.code,
          policyVersion: policy.version,
          amountMinor: subject.amountMinor,
          currency: decision.currency,
          source: 'automatic',
          status: 'scheduled',
          billDate: decision.predictedPosting.earliest,
          idempotencyKey: subject.key,
          claimId: claim.id,
        },
      });
      context.logs.change({ entity: 'credit', entityId: id, audience: { kind: 'all' }, data: await readClaimedCreditChange(tx, id) });
      written.push(id);
    }
  }
  return written;
}

/** The earlier of the desktop's time of recording and the hub's clock. */
export function recordedInstant(recordedAt: string, now: Date): string {
  return Date.parse(recordedAt) < now.getTime() ? new Date(Date.parse(recordedAt)).toISOString() : now.toISOString();
}
