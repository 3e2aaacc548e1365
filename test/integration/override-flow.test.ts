import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type MoneyOverrideInput } from '@shared/domain/override';
import type { z } from 'zod';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

const CARLOS = '287100000002'; // AT&T Prepaid, bill cycle day 3: excluded from the February 2024 credit.
let b: OverrideTestBackend;
let outageId: number;

function goodwill(change: Partial<z.infer<typeof MoneyOverrideInput>> = {}): z.infer<typeof MoneyOverrideInput> {
  return {
    clientRequestId: randomUUID(),
    accountNumber: CARLOS,
    outageId,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'excluded_segment_goodwill',
    justification: 'Prepaid customer without service for twelve hours on 22 Feb.',
    interactionRef: 'CALL-7781',
    ...change,
  };
}

function count(sql: string, ...params: unknown[]): number {
  return b.db.prepare(sql).pluck().get(...params) as number;
}

function refusals(reason: string): number {
  return count(`SELECT count(*) FROM audit_events WHERE action = 'override.refused' AND json_extract(after_json, '$.reason') = ?`, reason);
}

beforeEach(() => {
  b = createOverrideTestBackend();
  outageId = outageIdBySource(b.db, 'att-2024-02-22-nationwide');
});
afterEach(() => {
  expect(verifyAuditChain(b.db).ok).toBe(true);
  b.close();
});
afterAll(removeTemplate);

describe('filing an override', () => {
  it('files one pending request for a double submit with the same client request id', async () => {
    b.signInAs('alice');
    const input = goodwill();
    const [first, second] = await Promise.all([b.call('overridesSubmit', input), b.call('overridesSubmit', input)]);
    const retry = await b.call('overridesSubmit', input);
    expect(first).toMatchObject({ ok: true, value: { status: 'pending', requestedBy: 'alice', currency: 'USD' } });
    expect(second.ok && retry.ok && first.ok && second.value.id === first.value.id && retry.value.id === first.value.id).toBe(true);
    expect(count('SELECT count(*) FROM override_requests')).toBe(1);
    expect(count("SELECT count(*) FROM audit_events WHERE action = 'override.submitted'")).toBe(1);
  });

  it('refuses a second open request for the same account and outage, and records the refusal', async () => {
    b.signInAs('alice');
    expect((await b.call('overridesSubmit', goodwill())).ok).toBe(true);
    b.signInAs('bob');
    const second = await b.call('overridesSubmit', goodwill());
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'open_request_exists' } } });
    expect(refusals('open_request_exists')).toBe(1);
  });

  it('refuses an amount over the per-request cap', async () => {
    b.signInAs('alice');
    const result = await b.call('overridesSubmit', goodwill({ amountMinor: 5_001 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'over_request_cap' } } });
    expect(count('SELECT count(*) FROM override_requests')).toBe(0);
    expect(refusals('over_request_cap')).toBe(1);
  });

  it('refuses invalid input by field and records it without the payload', async () => {
    b.signInAs('alice');
    const result = await b.call('overridesSubmit', { ...goodwill(), justification: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'justification' }] } });
    const after = b.db.prepare("SELECT after_json FROM audit_events WHERE action = 'override.refused'").pluck().get() as string;
    expect(JSON.parse(after)).toMatchObject({ code: 'INVALID_INPUT', invalidFields: ['justification'] });
    expect(after).not.toContain('short');
  });
});

describe('deciding an override', () => {
  it('approves: schedules the credit with its bill date, the request and the audit events together', async () => {
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    b.signInAs('sam');
    const queue = await b.call('overridesQueue', { status: 'pending' });
    expect(queue.ok && queue.value.map((item) => item.request.id)).toEqual([filed.value.id]);
    expect(queue.ok && queue.value[0]!.decision).toMatchObject({ policyCode: 'att-2024-02-make-it-right', status: 'not_eligible' });
    const approved = await b.call('overridesDecide', { requestId: filed.value.id, version: filed.value.version, decision: 'approve', note: 'Goodwill approved.' });
    // Scheduled on 4 March 2024; Carlos bills on the 3rd, so the next bill is 3 April.
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', decidedBy: 'sam', creditStatus: 'scheduled', billDate: '2024-04-03' } });
    const credit = b.db.prepare("SELECT source, status, amount_minor AS amount, idempotency_key AS key FROM credits").get();
    expect(credit).toEqual({ source: 'override', status: 'scheduled', amount: 500, key: `account:${count(`SELECT id FROM accounts WHERE account_number = ?`, CARLOS)}|outage:${outageId}|policy:att-2024-02-make-it-right` });
    const actions = b.db.prepare("SELECT action FROM audit_events WHERE action NOT LIKE '%refused' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['override.submitted', 'credit.created', 'override.approved']);
  });

  it('never lets a supervisor decide their own request', async () => {
    b.signInAs('sam');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    const result = await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Mine.' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', details: { reason: 'own_request' } } });
    expect(count('SELECT count(*) FROM credits')).toBe(0);
    expect(count("SELECT count(*) FROM override_requests WHERE status = 'pending'")).toBe(1);
    expect(refusals('own_request')).toBe(1);
  });

  it('refuses an agent who tries to decide, at the channel, and records it', async () => {
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    b.signInAs('bob');
    const result = await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Sure.' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(refusals('wrong_role')).toBe(1);
  });

  it('refuses an approval that would take the agent over the daily total', async () => {
    b.signInAs('ada');
    expect((await b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(800), agentDailyTotalMinor: sameInEveryCurrency(800), expiryDays: 7, siteTimeZone: 'UTC' })).ok).toBe(true);
    b.signInAs('alice');
    const first = await b.call('overridesSubmit', goodwill());
    const second = await b.call('overridesSubmit', goodwill({ accountNumber: '719000004', reasonCode: 'other' }));
    if (!first.ok || !second.ok) throw new Error('not filed');
    b.signInAs('sam');
    expect((await b.call('overridesDecide', { requestId: first.value.id, version: 1, decision: 'approve', note: 'ok' })).ok).toBe(true);
    const over = await b.call('overridesDecide', { requestId: second.value.id, version: 1, decision: 'approve', note: 'ok' });
    expect(over).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'over_daily_total' } } });
    expect(count('SELECT count(*) FROM credits')).toBe(1);
  });

  it('expires a pending request after the configured days and refuses to decide it', async () => {
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    b.setNow(START_MS + 7 * 86_400_000);
    b.signInAs('sam');
    const result = await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'late' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'expired' } } });
    expect(count("SELECT count(*) FROM override_requests WHERE status = 'expired'")).toBe(1);
    expect(count("SELECT count(*) FROM audit_events WHERE action = 'override.expired'")).toBe(1);
  });

  it('refuses goodwill where a credit is already scheduled', async () => {
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    b.signInAs('sam');
    await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'ok' });
    b.signInAs('bob');
    const again = await b.call('overridesSubmit', goodwill());
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'already_credited' } } });
  });
});

describe('withdrawing', () => {
  it('lets the requester withdraw a pending request, and nobody else', async () => {
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill());
    if (!filed.ok) throw new Error('not filed');
    b.signInAs('bob');
    expect(await b.call('overridesWithdraw', { requestId: filed.value.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    b.signInAs('alice');
    expect(await b.call('overridesWithdraw', { requestId: filed.value.id, version: 1 })).toMatchObject({ ok: true, value: { status: 'withdrawn' } });
    const mine = await b.call('overridesMine', {});
    expect(mine.ok && mine.value.map((r) => r.status)).toEqual(['withdrawn']);
  });
});
