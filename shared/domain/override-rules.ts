import type { Currency } from './account';
import { idempotencyKey } from './credit';
import type { Role } from './operator';
import {
  checkDecider,
  checkOverrideAgainstCredits,
  agentDailyLimit,
  checkOverrideLimits,
  nextOverrideStatus,
  type AmountsByCurrency,
  type ExistingCreditFacts,
  type InKindCompensation,
  type OverrideInput,
  type OverrideKind,
  type OverrideReasonCode,
  type OverrideRefusal,
  type OverrideSettings,
  type OverrideStatus,
} from './override';

/**
 * The override use cases as decisions: each takes the facts a store has read and returns
 * what to write, or a coded refusal. The desktop (SQLite) and the hub (PostgreSQL) read
 * the facts their own way and call these same functions, so the rules cannot drift apart.
 */

/** The error code a refusal travels under; the reason says which rule refused. */
export type OverrideRefusalCode = 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN_ROLE';

export interface OverrideRuleRefusal {
  code: OverrideRefusalCode;
  reason: OverrideRefusal;
  details: Record<string, string | number | boolean | null>;
}

export type OverrideVerdict<T> = { ok: true; value: T } | { ok: false; refusal: OverrideRuleRefusal };

function refuse(code: OverrideRefusalCode, reason: OverrideRefusal, details: OverrideRuleRefusal['details'] = {}): { ok: false; refusal: OverrideRuleRefusal } {
  return { ok: false, refusal: { code, reason, details } };
}

/**
 * Where the law sets the amount (a statutory rule set such as the Dutch Telecommunicatiewet),
 * no override may leave the customer below it: not a smaller goodwill or adjusted credit in
 * its place, and no reversal of it.
 */
export function checkLegalFloor(kind: OverrideKind, amountMinor: number, legalFloorMinor: number): OverrideRuleRefusal | null {
  if (legalFloorMinor <= 0) return null;
  if (kind === 'reverse' || amountMinor < legalFloorMinor) return { code: 'CONFLICT', reason: 'below_legal_amount', details: { legalFloorMinor } };
  return null;
}

function limitDetails(settings: OverrideSettings, currency: Currency, own: AmountsByCurrency | undefined) {
  return { perRequestCapMinor: settings.perRequestCapMinor[currency], agentDailyTotalMinor: agentDailyLimit(settings, currency, own) };
}

/** The fields that make two filings the same request. */
export type RequestContent = Pick<OverrideInput, 'accountNumber' | 'outageId' | 'amountMinor' | 'justification' | 'interactionRef'> & {
  kind: OverrideKind;
  reasonCode: OverrideReasonCode;
  inKind?: InKindCompensation;
};

export function isSameRequest(a: RequestContent, b: RequestContent): boolean {
  return (
    JSON.stringify(a.inKind ?? null) === JSON.stringify(b.inKind ?? null) &&
    a.accountNumber === b.accountNumber &&
    a.outageId === b.outageId &&
    a.kind === b.kind &&
    a.amountMinor === b.amountMinor &&
    a.reasonCode === b.reasonCode &&
    a.justification === b.justification &&
    a.interactionRef === b.interactionRef
  );
}

export interface SubmissionFacts {
  /** The request this operator filed earlier under the same client request id, if any. */
  earlier: (RequestContent & { id: string }) | null;
  account: { region: string; currency: Currency } | null;
  outage: { regions: readonly string[] } | null;
  /** Whether a line of the account has an impact record of the outage. */
  accountHasImpact: boolean;
  /** The account's pending request for the outage, if any. */
  openRequestId: string | null;
  credits: ExistingCreditFacts;
  settings: OverrideSettings;
  /** Approved for this agent in the site's current business day, per currency. */
  agentApprovedToday: AmountsByCurrency;
  /** This agent's own daily totals (per currency) where an admin set them. */
  agentOwnDailyLimits?: AmountsByCurrency;
  /** The amount the law gives this account for the outage (0 where no statute applies). */
  legalFloorMinor: number;
  /** Whether a policy of the outage allows compensation in kind; left out, it does not. */
  inKindAllowed?: boolean;
  /** Whether the customer's fault report for the outage is on record (evidence the account was affected). */
  accountHasFaultReport?: boolean;
  /** When the request is filed (UTC ISO): consent to compensation in kind must come before it. */
  filedAt?: string;
}

/**
 * Whether an agent may file `input`. `replay` answers a retry of a request already filed
 * (the same client request id and the same content) with that request, writing nothing.
 */
export function checkSubmission(input: RequestContent, facts: SubmissionFacts): OverrideVerdict<'file' | 'replay'> {
  if (facts.earlier) {
    if (!isSameRequest(facts.earlier, input)) return refuse('CONFLICT', 'client_request_reused', { requestId: facts.earlier.id });
    return { ok: true, value: 'replay' };
  }
  if (!facts.account) return refuse('NOT_FOUND', 'not_found', { what: 'account' });
  if (!facts.outage) return refuse('NOT_FOUND', 'not_found', { what: 'outage' });
  const affected = facts.accountHasImpact || facts.outage.regions.includes(facts.account.region) || facts.accountHasFaultReport === true;
  if (!affected) return refuse('CONFLICT', 'account_not_affected');
  if (input.kind === 'in_kind') {
    if (facts.inKindAllowed !== true) return refuse('CONFLICT', 'in_kind_not_allowed');
    const consentAt = input.inKind?.consent.at;
    if (consentAt === undefined) return refuse('CONFLICT', 'invalid_input', { field: 'inKind' });
    if (facts.filedAt !== undefined && Date.parse(consentAt) > Date.parse(facts.filedAt)) return refuse('CONFLICT', 'consent_in_future');
  }
  if (facts.openRequestId) return refuse('CONFLICT', 'open_request_exists', { requestId: facts.openRequestId });
  const creditRefusal = checkOverrideAgainstCredits(input.kind, input.amountMinor, facts.credits);
  if (creditRefusal) return refuse('CONFLICT', creditRefusal, { liveCreditMinor: facts.credits.liveCreditMinor });
  const floor = checkLegalFloor(input.kind, input.amountMinor, facts.legalFloorMinor);
  if (floor) return { ok: false, refusal: floor };
  const limit = checkOverrideLimits({
    amountMinor: input.amountMinor,
    currency: facts.account.currency,
    settings: facts.settings,
    agentApprovedToday: facts.agentApprovedToday,
    ...(facts.agentOwnDailyLimits ? { agentOwnDailyLimits: facts.agentOwnDailyLimits } : {}),
  });
  if (limit) return refuse('CONFLICT', limit, limitDetails(facts.settings, facts.account.currency, facts.agentOwnDailyLimits));
  return { ok: true, value: 'file' };
}

/** A stored request as the decision rules see it. */
export interface RequestFacts {
  status: OverrideStatus;
  version: number;
  requestedById: number;
  kind: OverrideKind;
  amountMinor: number;
  currency: Currency;
}

function checkPending(request: RequestFacts | null, version: number): OverrideVerdict<RequestFacts> {
  if (!request) return refuse('NOT_FOUND', 'not_found', { what: 'override_request' });
  if (request.status === 'expired') return refuse('CONFLICT', 'expired', { status: request.status });
  if (request.status !== 'pending') return refuse('CONFLICT', 'not_pending', { status: request.status });
  if (request.version !== version) return refuse('CONFLICT', 'stale_version', { version: request.version });
  return { ok: true, value: request };
}

export interface DecisionFacts {
  request: RequestFacts | null;
  /** The version the supervisor saw. */
  version: number;
  decision: 'approve' | 'reject';
  decider: { operatorId: number; role: Role };
  settings: OverrideSettings;
  /** Approved in the site's current business day for the agent who filed the request, per currency, this request not included. */
  requesterApprovedToday: AmountsByCurrency;
  /** The requesting agent's own daily totals (per currency) where an admin set them. */
  requesterOwnDailyLimits?: AmountsByCurrency;
  /** The account's live credits for the outage. */
  credits: ExistingCreditFacts;
  /** The amount the law gives the account for the outage (0 where no statute applies). */
  legalFloorMinor: number;
}

/** What a decision writes: the request's new status and what happens to the account's credits. */
export interface DecisionPlan {
  status: OverrideStatus;
  /** Reverse the live credits of the account for the outage (an adjustment replaces them, a reversal takes them back). */
  reverseLiveCredits: boolean;
  /** Write the override's own credit (goodwill and adjust; a reversal only takes back). */
  writeCredit: boolean;
}

/** Whether a supervisor may decide the request as asked, four eyes, limits and the double-pay guard included. */
export function checkDecision(facts: DecisionFacts): OverrideVerdict<DecisionPlan> {
  const pending = checkPending(facts.request, facts.version);
  if (!pending.ok) return pending;
  const request = pending.value;
  const who = checkDecider(facts.decider.role, facts.decider.operatorId, request.requestedById);
  if (who) return refuse('FORBIDDEN_ROLE', who);
  if (facts.decision === 'reject') return { ok: true, value: { status: nextOverrideStatus(request.status, 'reject')!, reverseLiveCredits: false, writeCredit: false } };

  const limit = checkOverrideLimits({
    amountMinor: request.amountMinor,
    currency: request.currency,
    settings: facts.settings,
    agentApprovedToday: facts.requesterApprovedToday,
    ...(facts.requesterOwnDailyLimits ? { agentOwnDailyLimits: facts.requesterOwnDailyLimits } : {}),
  });
  if (limit) return refuse('CONFLICT', limit, limitDetails(facts.settings, request.currency, facts.requesterOwnDailyLimits));
  const creditRefusal = checkOverrideAgainstCredits(request.kind, request.amountMinor, facts.credits);
  if (creditRefusal) return refuse('CONFLICT', creditRefusal, { liveCreditMinor: facts.credits.liveCreditMinor });
  const floor = checkLegalFloor(request.kind, request.amountMinor, facts.legalFloorMinor);
  if (floor) return { ok: false, refusal: floor };
  return {
    ok: true,
    value: {
      status: nextOverrideStatus(request.status, 'approve')!,
      // Adjust replaces the live credits and reverse takes them back; the others stand where nothing is paid.
      reverseLiveCredits: request.kind === 'adjust' || request.kind === 'reverse',
      // Compensation in kind is given outside the bill: its approval is the record, not a credit.
      writeCredit: request.kind !== 'reverse' && request.kind !== 'in_kind',
    },
  };
}

export interface WithdrawalFacts {
  request: RequestFacts | null;
  version: number;
  operatorId: number;
}

/** The agent who filed a pending request may take it back; anyone else is told it does not exist. */
export function checkWithdrawal(facts: WithdrawalFacts): OverrideVerdict<OverrideStatus> {
  if (facts.request && facts.request.requestedById !== facts.operatorId) return refuse('NOT_FOUND', 'not_own_request');
  const pending = checkPending(facts.request, facts.version);
  if (!pending.ok) return pending;
  return { ok: true, value: nextOverrideStatus(pending.value.status, 'withdraw')! };
}

/** Outages without a policy still get override credits; a credit needs a policy row. */
export const MANUAL_OVERRIDE_POLICY_CODE = 'manual-override';

/**
 * The key of an approved override's credit. A goodwill credit uses the very key the
 * automatic credit of the outage's policy would have for the account: it IS that account's
 * credit for the outage, so a later policy run finds the key taken and does not pay again,
 * and the decision shows it as already credited. An adjustment replaces a credit under a
 * key derived from the replaced one and the request, which no automatic credit can have.
 */
export function overrideCreditKey(
  request: { id: string; kind: OverrideKind; accountId: number; outageId: number },
  policyCode: string,
  replacedKey: string | undefined,
): string {
  if (request.kind === 'adjust' && replacedKey !== undefined) return `${replacedKey}|override-adjust:${request.id}`;
  // goodwill and report_credit: the account's automatic key under the policy.
  return idempotencyKey({ accountId: request.accountId, outageId: request.outageId, policyCode });
}
