import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type OverrideInput } from '@shared/domain/override';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { saveOperatorDailyLimit } from '../../electron/main/auth/operator-admin-repo';
import { desktopTimeZone } from '../../electron/main/overrides/override-settings';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, type OverrideTestBackend } from './override-test-backend';

const CARLOS = '287100000002'; // USD, excluded from the February 2024 credit.
const ZOE = '719000004'; // USD, excluded too.
const JAN = '312000000005'; // EUR, in the Randstad outage.
let b: OverrideTestBackend;

function goodwill(accountNumber: string, outageSource: string): OverrideInput {
  return {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId: outageIdBySource(b.db, outageSource),
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'other',
    justification: 'Goodwill for a long outage the policy did not cover.',
    interactionRef: 'CALL-9001',
  };
}

/** Alice files, Sam approves: the first refusal (at filing or at approval) is the answer. */
async function fileAndApprove(input: OverrideInput, atIso: string) {
  b.setNow(Date.parse(atIso));
  b.signInAs('alice');
  const filed = await b.call('overridesSubmit', input);
  if (!filed.ok) return filed;
  b.signInAs('sam');
  return b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Approved.' });
}

async function setLimits(siteTimeZone: string) {
  b.signInAs('ada');
  const saved = await b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(800), agentDailyTotalMinor: sameInEveryCurrency(800), expiryDays: 7, siteTimeZone });
  expect(saved).toMatchObject({ ok: true, value: { siteTimeZone } });
}

beforeEach(() => {
  b = createOverrideTestBackend();
});
afterEach(() => {
  expect(verifyAuditChain(b.db).ok).toBe(true);
  b.close();
});
afterAll(removeTemplate);

describe('per-agent daily total', () => {
  it("uses the desktop's time zone until an admin sets a site time zone", async () => {
    b.signInAs('alice');
    expect(await b.call('overridesSettingsGet', {})).toMatchObject({ ok: true, value: { siteTimeZone: desktopTimeZone() } });
  });

  it('counts each currency on its own: euro goodwill does not use up the dollar total', async () => {
    await setLimits('UTC');
    expect((await fileAndApprove(goodwill(CARLOS, 'att-2024-02-22-nationwide'), '2024-03-04T15:00:00.000Z')).ok).toBe(true);
    expect(await fileAndApprove(goodwill(JAN, 'nl-2024-09-10-randstad'), '2024-03-04T15:01:00.000Z')).toMatchObject({ ok: true, value: { currency: 'EUR' } });
    const third = await fileAndApprove(goodwill(ZOE, 'att-2024-02-22-nationwide'), '2024-03-04T15:02:00.000Z');
    expect(third).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'over_daily_total' } } });
  });

  it("counts the site's business day: a Chicago evening after UTC midnight is still the same day", async () => {
    await setLimits('America/Chicago');
    // 17:30 in Chicago on 4 March.
    expect((await fileAndApprove(goodwill(CARLOS, 'att-2024-02-22-nationwide'), '2024-03-04T23:30:00.000Z')).ok).toBe(true);
    // 20:00 in Chicago, still 4 March there, though 5 March in UTC.
    const sameDay = await fileAndApprove(goodwill(ZOE, 'att-2024-02-22-nationwide'), '2024-03-05T02:00:00.000Z');
    expect(sameDay).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'over_daily_total' } } });
    // 00:30 in Chicago on 5 March: a new business day, and the queue shows nothing approved in it yet.
    b.setNow(Date.parse('2024-03-05T06:30:00.000Z'));
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill(ZOE, 'att-2024-02-22-nationwide'));
    if (!filed.ok) throw new Error(`not filed: ${JSON.stringify(filed)}`);
    b.signInAs('sam');
    const queue = await b.call('overridesQueue', { status: 'pending' });
    expect(queue.ok && queue.value.find((item) => item.request.id === filed.value.id)?.agentApprovedTodayMinor).toBe(0);
    expect((await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Next day.' })).ok).toBe(true);
  });

  it("shows the supervisor the requesting agent's own daily limit in the request's currency, else the site's", async () => {
    await setLimits('UTC');
    const operatorId = (username: string) => b.db.prepare(`SELECT id FROM operators WHERE username = ?`).pluck().get(username) as number;
    // What the Operators screen's operatorsSetDailyLimit stores (its own tests cover the channel).
    saveOperatorDailyLimit(b.db, { operatorId: operatorId('alice'), currency: 'USD', minor: 1_500, updatedBy: operatorId('ada'), updatedAt: '2024-03-04T14:00:00.000Z' });
    b.setNow(Date.parse('2024-03-04T15:00:00.000Z'));
    b.signInAs('alice');
    const dollars = await b.call('overridesSubmit', goodwill(CARLOS, 'att-2024-02-22-nationwide'));
    const euros = await b.call('overridesSubmit', goodwill(JAN, 'nl-2024-09-10-randstad'));
    if (!dollars.ok || !euros.ok) throw new Error('not filed');
    b.signInAs('sam');
    const queue = await b.call('overridesQueue', { status: 'pending' });
    if (!queue.ok) throw new Error('no queue');
    const limitOf = (id: string) => queue.value.find((item) => item.request.id === id)?.agentDailyLimit;
    // Her own USD limit (above the site's 800), and the site's for euros, where she has none.
    expect(limitOf(dollars.value.id)).toEqual({ amountMinor: 1_500, own: true });
    expect(limitOf(euros.value.id)).toEqual({ amountMinor: 800, own: false });
  });

  it('refuses a site time zone that is not one, at the channel', async () => {
    b.signInAs('ada');
    const result = await b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(800), agentDailyTotalMinor: sameInEveryCurrency(800), expiryDays: 7, siteTimeZone: 'Central Time' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
