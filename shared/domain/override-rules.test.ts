import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERRIDE_SETTINGS, overrideKinds, overrideStatuses, type OverrideSettings } from './override';
import {
  checkDecision,
  checkSubmission,
  checkWithdrawal,
  overrideCreditKey,
  type DecisionFacts,
  type RequestContent,
  type SubmissionFacts,
} from './override-rules';
import { currencies } from './account';
import { roles } from './operator';

const request: RequestContent = {
  accountNumber: '287100000002',
  outageId: 1,
  kind: 'goodwill',
  amountMinor: 500,
  reasonCode: 'excluded_segment_goodwill',
  justification: 'Prepaid customer lost service for twelve hours.',
  interactionRef: 'CALL-2024-0001',
};

const noCredits = { liveCreditCount: 0, liveCreditMinor: 0 };

const fileable: SubmissionFacts = {
  earlier: null,
  account: { region: 'TX', currency: 'USD' },
  outage: { regions: ['TX'] },
  accountHasImpact: false,
  openRequestId: null,
  credits: noCredits,
  settings: DEFAULT_OVERRIDE_SETTINGS,
  agentApprovedToday: {},
  legalFloorMinor: 0,
};

// Each currency its own cap and daily total, drawn independently: a rule that read one currency's
// limit for another's request would be caught.
const settings: fc.Arbitrary<OverrideSettings> = fc.record({
  perRequestCapMinor: fc.record({ USD: fc.integer({ min: 1, max: 100_000 }), EUR: fc.integer({ min: 1, max: 100_000 }) }),
  agentDailyTotalMinor: fc.record({ USD: fc.integer({ min: 1, max: 2_000_000 }), EUR: fc.integer({ min: 1, max: 2_000_000 }) }),
  expiryDays: fc.integer({ min: 1, max: 90 }),
});
const approvedByCurrency = fc.record(
  { USD: fc.integer({ min: 0, max: 2_000_000 }), EUR: fc.integer({ min: 0, max: 2_000_000 }) },
  { requiredKeys: [] },
);
const credits = fc.oneof(
  fc.constant(noCredits),
  fc.record({ liveCreditCount: fc.integer({ min: 1, max: 3 }), liveCreditMinor: fc.integer({ min: 1, max: 100_000 }) }),
);
const submissionFacts: fc.Arbitrary<SubmissionFacts> = fc.record({
  earlier: fc.constant(null),
  account: fc.option(fc.record({ region: fc.constantFrom('TX', 'CA', 'NH'), currency: fc.constantFrom(...currencies) }), { nil: null }),
  outage: fc.option(fc.record({ regions: fc.subarray(['TX', 'CA', 'NH']) }), { nil: null }),
  accountHasImpact: fc.boolean(),
  openRequestId: fc.option(fc.constant('01J0OPEN'), { nil: null }),
  credits,
  settings,
  agentApprovedToday: approvedByCurrency,
  legalFloorMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
});
const content: fc.Arbitrary<RequestContent> = fc.record({
  accountNumber: fc.constant(request.accountNumber),
  outageId: fc.constant(1),
  kind: fc.constantFrom(...overrideKinds),
  amountMinor: fc.integer({ min: 1, max: 100_000 }),
  reasonCode: fc.constant(request.reasonCode),
  justification: fc.constant(request.justification),
  interactionRef: fc.constant(request.interactionRef),
});

describe('filing an override', () => {
  it('files a request that fits every rule', () => {
    expect(checkSubmission(request, fileable)).toEqual({ ok: true, value: 'file' });
  });

  it('answers a retry with the request already filed, and refuses a reused id with other content', () => {
    expect(checkSubmission(request, { ...fileable, earlier: { ...request, id: 'r1' } })).toEqual({ ok: true, value: 'replay' });
    expect(checkSubmission(request, { ...fileable, earlier: { ...request, amountMinor: 600, id: 'r1' } })).toEqual({
      ok: false,
      refusal: { code: 'CONFLICT', reason: 'client_request_reused', details: { requestId: 'r1' } },
    });
  });

  it.each([
    [{ account: null }, 'NOT_FOUND', 'not_found'],
    [{ outage: null }, 'NOT_FOUND', 'not_found'],
    [{ outage: { regions: ['CA'] } }, 'CONFLICT', 'account_not_affected'],
    [{ openRequestId: 'r0' }, 'CONFLICT', 'open_request_exists'],
    [{ credits: { liveCreditCount: 1, liveCreditMinor: 500 } }, 'CONFLICT', 'already_credited'],
    [{ agentApprovedToday: { USD: 19_600 } }, 'CONFLICT', 'over_daily_total'],
  ] as const)('refuses %o with %s %s', (change, code, reason) => {
    const verdict = checkSubmission(request, { ...fileable, ...change });
    expect(verdict.ok ? null : [verdict.refusal.code, verdict.refusal.reason]).toEqual([code, reason]);
  });

  it('counts an impact record as affected even outside the outage regions', () => {
    expect(checkSubmission(request, { ...fileable, outage: { regions: [] }, accountHasImpact: true }).ok).toBe(true);
  });

  it('never files past the cap or the daily total, and never a goodwill credit on top of a live one', () => {
    fc.assert(
      fc.property(content, submissionFacts, (input, facts) => {
        const verdict = checkSubmission(input, facts);
        if (!verdict.ok) return;
        const currency = facts.account!.currency;
        expect(input.amountMinor).toBeLessThanOrEqual(facts.settings.perRequestCapMinor[currency]);
        expect((facts.agentApprovedToday[currency] ?? 0) + input.amountMinor).toBeLessThanOrEqual(facts.settings.agentDailyTotalMinor[currency]);
        expect(facts.account && facts.outage).toBeTruthy();
        expect(facts.openRequestId).toBeNull();
        // Goodwill, compensation in kind and the credit on a report stand in for the account's credit.
        if (input.kind === 'goodwill' || input.kind === 'in_kind' || input.kind === 'report_credit') expect(facts.credits.liveCreditCount).toBe(0);
        else expect(facts.credits.liveCreditCount).toBeGreaterThan(0);
        if (input.kind === 'reverse') expect(input.amountMinor).toBe(facts.credits.liveCreditMinor);
        // The law's amount stands: nothing below it replaces it, and it is never taken back.
        if (facts.legalFloorMinor > 0) {
          expect(input.kind).not.toBe('reverse');
          expect(input.amountMinor).toBeGreaterThanOrEqual(facts.legalFloorMinor);
        }
      }),
    );
  });
});

const pending = { status: 'pending' as const, version: 1, requestedById: 7, kind: 'goodwill' as const, amountMinor: 500, currency: 'USD' as const };
const approvable: DecisionFacts = {
  request: pending,
  version: 1,
  decision: 'approve',
  decider: { operatorId: 9, role: 'supervisor' },
  settings: DEFAULT_OVERRIDE_SETTINGS,
  requesterApprovedToday: {},
  credits: noCredits,
  legalFloorMinor: 0,
};

describe('deciding an override', () => {
  it('approves goodwill by writing a credit and reversing nothing', () => {
    expect(checkDecision(approvable)).toEqual({ ok: true, value: { status: 'approved', reverseLiveCredits: false, writeCredit: true } });
  });

  it('approves an adjustment by replacing the live credit, and a reversal by taking it back', () => {
    const live = { liveCreditCount: 1, liveCreditMinor: 500 };
    expect(checkDecision({ ...approvable, request: { ...pending, kind: 'adjust', amountMinor: 800 }, credits: live })).toEqual({
      ok: true,
      value: { status: 'approved', reverseLiveCredits: true, writeCredit: true },
    });
    expect(checkDecision({ ...approvable, request: { ...pending, kind: 'reverse', amountMinor: 500 }, credits: live })).toEqual({
      ok: true,
      value: { status: 'approved', reverseLiveCredits: true, writeCredit: false },
    });
  });

  it.each([
    [{ request: null }, 'NOT_FOUND', 'not_found'],
    [{ request: { ...pending, status: 'expired' } }, 'CONFLICT', 'expired'],
    [{ request: { ...pending, status: 'approved' } }, 'CONFLICT', 'not_pending'],
    [{ version: 2 }, 'CONFLICT', 'stale_version'],
    [{ decider: { operatorId: 7, role: 'supervisor' } }, 'FORBIDDEN_ROLE', 'own_request'],
    [{ decider: { operatorId: 9, role: 'agent' } }, 'FORBIDDEN_ROLE', 'wrong_role'],
    [{ request: { ...pending, amountMinor: 6_000 } }, 'CONFLICT', 'over_request_cap'],
    [{ requesterApprovedToday: { USD: 19_800 } }, 'CONFLICT', 'over_daily_total'],
    [{ credits: { liveCreditCount: 1, liveCreditMinor: 500 } }, 'CONFLICT', 'already_credited'],
  ] as const)('refuses %o with %s %s', (change, code, reason) => {
    const verdict = checkDecision({ ...approvable, ...change } as DecisionFacts);
    expect(verdict.ok ? null : [verdict.refusal.code, verdict.refusal.reason]).toEqual([code, reason]);
  });

  it('rejects without the limits: a rejection pays nothing', () => {
    expect(checkDecision({ ...approvable, decision: 'reject', requesterApprovedToday: { USD: 1_000_000 } })).toEqual({
      ok: true,
      value: { status: 'rejected', reverseLiveCredits: false, writeCredit: false },
    });
  });

  it('lets only a supervisor who did not file it decide a request, and only a pending one at the version seen', () => {
    const facts: fc.Arbitrary<DecisionFacts> = fc.record({
      request: fc.option(
        fc.record({
          status: fc.constantFrom(...overrideStatuses),
          version: fc.integer({ min: 1, max: 3 }),
          requestedById: fc.integer({ min: 1, max: 3 }),
          kind: fc.constantFrom(...overrideKinds),
          amountMinor: fc.integer({ min: 1, max: 100_000 }),
          currency: fc.constantFrom(...currencies),
        }),
        { nil: null },
      ),
      version: fc.integer({ min: 1, max: 3 }),
      decision: fc.constantFrom('approve' as const, 'reject' as const),
      decider: fc.record({ operatorId: fc.integer({ min: 1, max: 3 }), role: fc.constantFrom(...roles) }),
      settings,
      requesterApprovedToday: approvedByCurrency,
      credits,
      legalFloorMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const verdict = checkDecision(f);
        if (!verdict.ok) return;
        const r = f.request!;
        expect(f.decider.role).toBe('supervisor');
        expect(f.decider.operatorId).not.toBe(r.requestedById);
        expect([r.status, r.version]).toEqual(['pending', f.version]);
        if (f.decision === 'approve') {
          expect(r.amountMinor).toBeLessThanOrEqual(f.settings.perRequestCapMinor[r.currency]);
          expect((f.requesterApprovedToday[r.currency] ?? 0) + r.amountMinor).toBeLessThanOrEqual(f.settings.agentDailyTotalMinor[r.currency]);
          if (verdict.value.writeCredit && !verdict.value.reverseLiveCredits) expect(f.credits.liveCreditCount).toBe(0);
          if (f.legalFloorMinor > 0) expect(r.kind !== 'reverse' && r.amountMinor >= f.legalFloorMinor).toBe(true);
        }
      }),
    );
  });
});

describe('the legal floor', () => {
  const live = { liveCreditCount: 1, liveCreditMinor: 465 };
  it.each([
    ['adjust', 300, 'below_legal_amount'],
    ['adjust', 500, null],
    ['reverse', 465, 'below_legal_amount'],
  ] as const)('a %s to %i of a statutory EUR 4.65 credit is %s', (kind, amountMinor, reason) => {
    const verdict = checkSubmission({ ...request, kind, amountMinor }, { ...fileable, credits: live, legalFloorMinor: 465 });
    expect(verdict.ok ? null : verdict.refusal.reason).toBe(reason);
    if (!verdict.ok) expect(verdict.refusal.details).toEqual({ legalFloorMinor: 465 });
  });

  it('refuses a goodwill credit smaller than what the law gives, which would take its place', () => {
    const verdict = checkSubmission({ ...request, amountMinor: 200 }, { ...fileable, legalFloorMinor: 310 });
    expect(verdict.ok ? null : verdict.refusal.reason).toBe('below_legal_amount');
  });

  it('is checked again when a supervisor approves', () => {
    const verdict = checkDecision({ ...approvable, request: { ...pending, kind: 'adjust', amountMinor: 300 }, credits: live, legalFloorMinor: 465 });
    expect(verdict.ok ? null : verdict.refusal.reason).toBe('below_legal_amount');
  });
});

describe('withdrawing an override', () => {
  it('lets the requester take back a pending request', () => {
    expect(checkWithdrawal({ request: pending, version: 1, operatorId: 7 })).toEqual({ ok: true, value: 'withdrawn' });
  });

  it("answers someone else's request as if it did not exist", () => {
    const verdict = checkWithdrawal({ request: pending, version: 1, operatorId: 8 });
    expect(verdict).toEqual({ ok: false, refusal: { code: 'NOT_FOUND', reason: 'not_own_request', details: {} } });
  });

  it('refuses a decided request', () => {
    const verdict = checkWithdrawal({ request: { ...pending, status: 'rejected' }, version: 1, operatorId: 7 });
    expect(verdict.ok ? null : verdict.refusal.reason).toBe('not_pending');
  });
});

describe("an approved override's credit key", () => {
  const filed = { id: 'r1', accountId: 11, outageId: 2 };
  it('is the automatic credit key for goodwill, so a policy run never pays the account again', () => {
    expect(overrideCreditKey({ ...filed, kind: 'goodwill' }, 'att-2024-02-22-make-it-right', undefined)).toBe(
      'account:11|outage:2|policy:att-2024-02-22-make-it-right',
    );
  });

  it('derives an adjustment key from the replaced credit and the request', () => {
    expect(overrideCreditKey({ ...filed, kind: 'adjust' }, '', 'account:11|outage:2|policy:p')).toBe('account:11|outage:2|policy:p|override-adjust:r1');
  });
});

describe('compensation in kind and the credit on a customer report', () => {
  const inKind = {
    ...request,
    kind: 'in_kind' as const,
    inKind: { description: '10 GB extra data', consent: { method: 'verbal_on_call' as const, at: '2024-03-04T14:55:00.000Z' } },
  };
  const allowed = { ...fileable, inKindAllowed: true, filedAt: '2024-03-04T15:00:00.000Z' };

  it('files compensation in kind only where a policy allows it, with a consent given before filing', () => {
    expect(checkSubmission(inKind, allowed)).toEqual({ ok: true, value: 'file' });
    // The hub evaluates no policy and says so: nothing tells it in kind is allowed.
    expect(checkSubmission(inKind, fileable)).toMatchObject({ ok: false, refusal: { reason: 'in_kind_not_allowed' } });
    expect(checkSubmission({ ...inKind, inKind: { ...inKind.inKind, consent: { method: 'sms', at: '2024-03-04T15:00:01.000Z' } } }, allowed)).toMatchObject({
      ok: false,
      refusal: { reason: 'consent_in_future' },
    });
    expect(checkSubmission(inKind, { ...allowed, legalFloorMinor: 600 })).toMatchObject({ ok: false, refusal: { reason: 'below_legal_amount' } });
    expect(checkSubmission(inKind, { ...allowed, credits: { liveCreditCount: 1, liveCreditMinor: 310 } })).toMatchObject({
      ok: false,
      refusal: { reason: 'already_credited' },
    });
  });

  it('counts a different consent as a different request, so a reused draft cannot change it', () => {
    const earlier = { ...inKind, id: 'R1' };
    const changed = { ...inKind, inKind: { ...inKind.inKind, description: '20 GB extra data' } };
    expect(checkSubmission(inKind, { ...allowed, earlier })).toEqual({ ok: true, value: 'replay' });
    expect(checkSubmission(changed, { ...allowed, earlier })).toMatchObject({ ok: false, refusal: { reason: 'client_request_reused' } });
  });

  it('admits an account outside the outage regions on the strength of its fault report', () => {
    const elsewhere = { ...fileable, account: { region: 'OR', currency: 'USD' as const } };
    const reportCredit = { ...request, kind: 'report_credit' as const, reasonCode: 'customer_fault_report' as const };
    expect(checkSubmission(reportCredit, elsewhere)).toMatchObject({ ok: false, refusal: { reason: 'account_not_affected' } });
    expect(checkSubmission(reportCredit, { ...elsewhere, accountHasFaultReport: true })).toEqual({ ok: true, value: 'file' });
  });

  it('approves compensation in kind without a bill credit, and the credit on a report like goodwill; both within the limits', () => {
    expect(checkDecision({ ...approvable, request: { ...pending, kind: 'in_kind' } })).toEqual({
      ok: true,
      value: { status: 'approved', reverseLiveCredits: false, writeCredit: false },
    });
    expect(checkDecision({ ...approvable, request: { ...pending, kind: 'report_credit' } })).toEqual({
      ok: true,
      value: { status: 'approved', reverseLiveCredits: false, writeCredit: true },
    });
    for (const kind of ['in_kind', 'report_credit'] as const) {
      expect(checkDecision({ ...approvable, request: { ...pending, kind, amountMinor: 6_000 } })).toMatchObject({ ok: false, refusal: { reason: 'over_request_cap' } });
      expect(checkDecision({ ...approvable, request: { ...pending, kind }, decider: { operatorId: 7, role: 'supervisor' } })).toMatchObject({
        ok: false,
        refusal: { reason: 'own_request' },
      });
    }
  });

  it('never lets a credit on the customer’s word be decided by the agent who recorded it, for any decider and request', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom(...roles), (requester, decider, role) => {
        const verdict = checkDecision({ ...approvable, request: { ...pending, kind: 'report_credit', requestedById: requester }, decider: { operatorId: decider, role } });
        if (verdict.ok) expect(role === 'supervisor' && decider !== requester).toBe(true);
      }),
    );
  });
});
