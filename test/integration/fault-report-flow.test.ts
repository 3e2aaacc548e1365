import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultReportInput } from '@shared/domain/fault-report';
import type { OverrideInput } from '@shared/domain/override';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

// AT&T postpaid in a region the February 2024 outage covered, with no impact record: the pack
// needs an impact record for the automatic credit, so the decision needs review.
const NO_IMPACT = '280000000005';
const OTHER_NO_IMPACT = '280000000015';
const JAN = '312000000005'; // Dutch postpaid: the Telecommunicatiewet gives EUR 3.10.
let b: OverrideTestBackend;
let feb: number;

beforeEach(() => {
  b = createOverrideTestBackend();
  feb = outageIdBySource(b.db, 'att-2024-02-22-nationwide');
});
afterEach(() => b.close());
afterAll(removeTemplate);

function report(accountNumber: string, overrides: Partial<FaultReportInput> = {}): FaultReportInput {
  return {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId: feb,
    lineId: null,
    fromAt: '2024-02-22T09:00:00.000Z',
    toAt: '2024-02-22T19:30:00.000Z',
    failed: ['calls', 'data'],
    note: 'No calls and no data on either phone all morning until the evening.',
    interactionRef: 'CALL-5501',
    ...overrides,
  };
}

async function decisionOf(accountNumber: string, outageId: number) {
  const result = await b.call('decisionsForAccount', { accountNumber });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { view: result.value, entry: result.value.decisions.find((d) => d.outage.id === outageId)! };
}

function creditsOf(accountNumber: string) {
  return b.db
    .prepare(
      `SELECT c.amount_minor AS amountMinor, c.source, c.idempotency_key AS idempotencyKey FROM credits c
       JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ? ORDER BY c.created_at`,
    )
    .all(accountNumber) as Array<{ amountMinor: number; source: string; idempotencyKey: string }>;
}

function auditActions(): string[] {
  return b.db.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all() as string[];
}

describe('the needs_review path: decision, recorded report, supervisor approval, credit', () => {
  it('files the credit resting on the report for a supervisor, and pays it only once approved', async () => {
    b.signInAs('alice');
    const before = await decisionOf(NO_IMPACT, feb);
    expect(before.entry.decision).toMatchObject({ status: 'needs_review', pendingAmountMinor: 500 });
    expect(before.entry.decision!.review).toEqual([{ rule: 'evidence_sufficient', lineId: null, confirmBy: 'record_fault_report' }]);

    b.signInAs('alice');
    const recorded = await b.call('faultReportsRecord', report(NO_IMPACT));
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.error));
    expect(recorded.value.report).toMatchObject({ failed: ['calls', 'data'], recordedBy: 'alice', reportedAt: new Date(START_MS).toISOString() });
    expect(recorded.value.creditRequest).toMatchObject({
      kind: 'report_credit',
      amountMinor: 500,
      status: 'pending',
      reasonCode: 'customer_fault_report',
      faultReport: { id: recorded.value.report.id, policyCode: 'att-2024-02-make-it-right', failed: ['calls', 'data'] },
    });

    // Nothing is paid on the agent's word: the decision waits for the supervisor, and a run pays nothing.
    const waiting = await decisionOf(NO_IMPACT, feb);
    expect(waiting.entry.decision).toMatchObject({ status: 'needs_review', pendingAmountMinor: 500 });
    expect(waiting.entry.decision!.review.map((r) => r.confirmBy)).toEqual(['supervisor_approval']);
    expect(waiting.view.faultReports).toHaveLength(1);
    const runAt = new Date(START_MS + 60_000);
    await runPolicyForOutage(b.db, { runId: 'before-approval', outageId: feb, startedBy: null, now: runAt, clock: () => runAt });
    expect(creditsOf(NO_IMPACT)).toEqual([]);

    // The agent may not approve; the supervisor sees the report in the queue and approves.
    const selfApproval = await b.call('overridesDecide', {
      requestId: recorded.value.creditRequest!.id,
      version: 1,
      decision: 'approve',
      note: 'ok',
    });
    expect(selfApproval).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    b.signInAs('sam');
    const queue = await b.call('overridesQueue', { status: 'pending' });
    if (!queue.ok) throw new Error('queue');
    const item = queue.value.find((q) => q.request.id === recorded.value.creditRequest!.id)!;
    const register = await b.call('faultReportsList', {});
    expect(register).toMatchObject({
      ok: true,
      value: [{ id: recorded.value.report.id, accountNumber: NO_IMPACT, recordedBy: 'alice', request: { id: item.request.id, status: 'pending', amountMinor: 500 } }],
    });
    expect(item.request.faultReport).toMatchObject({ note: report(NO_IMPACT).note, fromAt: '2024-02-22T09:00:00.000Z' });
    const approved = await b.call('overridesDecide', { requestId: item.request.id, version: 1, decision: 'approve', note: 'Report fits the outage.' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved' } });

    // The credit is the policy's own for the account: a later run finds its key taken.
    expect(creditsOf(NO_IMPACT)).toEqual([{ amountMinor: 500, source: 'override', idempotencyKey: expect.stringContaining('att-2024-02-make-it-right') }]);
    const runAfter = new Date(START_MS + 120_000);
    await runPolicyForOutage(b.db, { runId: 'after-approval', outageId: feb, startedBy: null, now: runAfter, clock: () => runAfter });
    expect(creditsOf(NO_IMPACT)).toHaveLength(1);
    expect((await decisionOf(NO_IMPACT, feb)).entry.decision).toMatchObject({ status: 'already_credited', creditedMinor: 500 });
    expect(auditActions()).toEqual(expect.arrayContaining(['fault_report.recorded', 'override.submitted', 'override.approved', 'credit.created']));
  });

  it('records one report and one request for a double submit of the same draft', async () => {
    b.signInAs('alice');
    const draft = report(NO_IMPACT);
    const first = await b.call('faultReportsRecord', draft);
    const again = await b.call('faultReportsRecord', draft);
    expect(again).toEqual(first);
    expect(b.db.prepare('SELECT count(*) FROM fault_reports').pluck().get()).toBe(1);
    expect(b.db.prepare("SELECT count(*) FROM override_requests WHERE kind = 'report_credit'").pluck().get()).toBe(1);
    const reused = await b.call('faultReportsRecord', { ...draft, note: 'Something else entirely, written over the same draft.' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'client_request_reused' } } });
  });

  it('keeps the report but files no request over the per-request cap, and says why', async () => {
    b.signInAs('ada');
    const limits = await b.call('overridesSettingsGet', {});
    if (!limits.ok) throw new Error('settings');
    await b.call('overridesSettingsSet', { ...limits.value, perRequestCapMinor: { ...limits.value.perRequestCapMinor, USD: 400 } });
    b.signInAs('alice');
    const recorded = await b.call('faultReportsRecord', report(OTHER_NO_IMPACT));
    expect(recorded).toMatchObject({ ok: true, value: { creditRequest: null, requestNotFiled: 'over_request_cap' } });
    expect(b.db.prepare('SELECT count(*) FROM fault_reports').pluck().get()).toBe(1);
  });

  it('refuses a report that does not hold together, with a code, and records the refusal', async () => {
    b.signInAs('alice');
    const foreignLine = b.db.prepare('SELECT l.id FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number <> ? LIMIT 1').pluck().get(NO_IMPACT) as number;
    const cases: Array<[Partial<FaultReportInput>, string]> = [
      [{ lineId: foreignLine }, 'line_not_on_account'],
      [{ toAt: '2024-02-22T08:00:00.000Z' }, 'ends_before_it_starts'],
      [{ fromAt: '2024-02-21T09:00:00.000Z' }, 'before_the_outage'],
      [{ toAt: new Date(START_MS + 86_400_000).toISOString() }, 'in_the_future'],
    ];
    for (const [change, reason] of cases) {
      const refused = await b.call('faultReportsRecord', report(NO_IMPACT, change));
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason } } });
    }
    expect(b.db.prepare('SELECT count(*) FROM fault_reports').pluck().get()).toBe(0);
    expect(auditActions().filter((a) => a === 'evidence.refused')).toHaveLength(cases.length);
  });
});

describe('claims of an on-request credit (Verizon, January 2026)', () => {
  let jan2026: number;
  beforeEach(() => {
    b.db
      .prepare(
        `INSERT INTO outages (source_id, title, starts_at, ends_at, cause, services_json, towers_affected, regions_json, updated_at)
         VALUES ('vz-2026-01-14', 'Wireless outage (software)', '2026-01-14T17:00:00.000Z', '2026-01-15T03:00:00.000Z',
           'network_change', '["wireless_voice","wireless_data"]', 5000, '["NY","CA","TX","FL"]', '2026-01-15T03:00:00.000Z')`,
      )
      .run();
    jan2026 = outageIdBySource(b.db, 'vz-2026-01-14');
    const policyId = b.db.prepare("SELECT id FROM credit_policies WHERE code = 'verizon-2026-01-outage-credit' ORDER BY version DESC").pluck().get();
    b.db.prepare('INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?)').run(jan2026, policyId);
  });
  const claim = (accountNumber: string) => ({ accountNumber, outageId: jan2026, policyCode: 'verizon-2026-01-outage-credit', interactionRef: 'CALL-VZ-1' });

  it('registers the claim on the call and the $20 credit follows at once, once', async () => {
    b.setNow(Date.parse('2026-01-20T15:00:00.000Z'));
    b.signInAs('alice');
    const before = await decisionOf('287100000001', jan2026);
    expect(before.entry.decision).toMatchObject({ status: 'needs_review', pendingAmountMinor: 2000 });
    expect(before.entry.decision!.review.map((r) => r.confirmBy)).toEqual(['register_claim']);
    b.signInAs('alice');
    const registered = await b.call('claimsRegister', claim('287100000001'));
    if (!registered.ok) throw new Error(JSON.stringify(registered.error));
    expect(registered.value.creditIds).toHaveLength(1);
    expect(creditsOf('287100000001').filter((c) => c.idempotencyKey.includes('verizon'))).toEqual([
      { amountMinor: 2000, source: 'automatic', idempotencyKey: expect.stringContaining('verizon-2026-01-outage-credit') },
    ]);
    const again = await b.call('claimsRegister', claim('287100000001'));
    expect(again).toMatchObject({ ok: true, value: { claim: { id: registered.value.claim.id }, creditIds: [] } });
    expect((await decisionOf('287100000001', jan2026)).entry.decision).toMatchObject({ status: 'already_credited', creditedMinor: 2000 });
  });

  it('refuses a claim after the 60-day window with a coded reason, and pays nothing', async () => {
    b.setNow(Date.parse('2026-03-20T15:00:00.000Z'));
    b.signInAs('alice');
    const late = await b.call('claimsRegister', claim('287100000001'));
    expect(late).toEqual({ ok: false, error: { code: 'CONFLICT', details: { reason: 'claim_window_closed', windowEndsOn: '2026-03-16' } } });
    expect(b.db.prepare('SELECT count(*) FROM credit_claims').pluck().get()).toBe(0);
  });

  it('refuses a claim under an automatic policy', async () => {
    b.signInAs('alice');
    const wrong = await b.call('claimsRegister', { ...claim(NO_IMPACT), outageId: feb, policyCode: 'att-2024-02-make-it-right' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'not_on_request' } } });
  });
});

describe('compensation in kind', () => {
  let nl: number;
  beforeEach(() => {
    nl = outageIdBySource(b.db, 'nl-2024-09-10-randstad');
  });
  const inKind = (amountMinor: number, consentAt = '2024-03-04T14:55:00.000Z') => ({
    clientRequestId: randomUUID(),
    accountNumber: JAN,
    outageId: nl,
    kind: 'in_kind' as const,
    amountMinor,
    reasonCode: 'service_recovery' as const,
    justification: 'Customer prefers an extra data bundle to the bill credit.',
    interactionRef: 'CALL-NL-0042',
    inKind: { description: '10 GB extra data, valid one month', consent: { method: 'verbal_on_call' as const, at: consentAt } },
  });

  it('needs the consent on record, shows it to the supervisor, writes no bill credit, and the run then pays nothing', async () => {
    b.signInAs('alice');
    const { inKind: _omitted, ...withoutConsent } = inKind(400);
    void _omitted;
    expect(await b.call('overridesSubmit', withoutConsent as unknown as OverrideInput)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await b.call('overridesSubmit', inKind(400, '2024-03-04T16:00:00.000Z'))).toMatchObject({
      ok: false,
      error: { details: { reason: 'consent_in_future' } },
    });
    expect(await b.call('overridesSubmit', inKind(200))).toMatchObject({ ok: false, error: { details: { reason: 'below_legal_amount', legalFloorMinor: 310 } } });
    const filed = await b.call('overridesSubmit', inKind(400));
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    b.signInAs('sam');
    const queue = await b.call('overridesQueue', { status: 'pending' });
    if (!queue.ok) throw new Error('queue');
    expect(queue.value.find((q) => q.request.id === filed.value.id)!.request.inKind).toEqual({
      description: '10 GB extra data, valid one month',
      consentMethod: 'verbal_on_call',
      consentAt: '2024-03-04T14:55:00.000Z',
      recordedBy: 'alice',
    });
    const approved = await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Consent on record.' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', creditId: null } });
    const runAt = new Date(START_MS + 60_000);
    await runPolicyForOutage(b.db, { runId: 'nl-after-in-kind', outageId: nl, startedBy: null, now: runAt, clock: () => runAt });
    expect(creditsOf(JAN)).toEqual([]);
  });

  it('is refused where no policy of the outage allows it', async () => {
    b.signInAs('alice');
    const onFeb = { ...inKind(400), accountNumber: '287100000001', outageId: feb };
    expect(await b.call('overridesSubmit', onFeb)).toMatchObject({ ok: false, error: { details: { reason: 'in_kind_not_allowed' } } });
  });
});
