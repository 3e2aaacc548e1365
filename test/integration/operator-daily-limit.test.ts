import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type OverrideInput } from '@shared/domain/override';
import { setOperatorDailyLimit } from '../../electron/main/operators/operator-admin';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, type OverrideTestBackend } from './override-test-backend';

const CARLOS = '287100000002'; // USD
const ZOE = '719000004'; // USD
const JAN = '312000000005'; // EUR
let b: OverrideTestBackend;

function goodwill(accountNumber: string, outageSource: string, amountMinor: number): OverrideInput {
  return {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId: outageIdBySource(b.db, outageSource),
    kind: 'goodwill',
    amountMinor,
    reasonCode: 'other',
    justification: 'Goodwill for a long outage the policy did not cover.',
    interactionRef: 'CALL-9001',
  };
}

async function fileAndApprove(input: OverrideInput) {
  b.signInAs('alice');
  const filed = await b.call('overridesSubmit', input);
  if (!filed.ok) return filed;
  b.signInAs('sam');
  return b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'Approved.' });
}

function setAliceLimit(currency: 'USD' | 'EUR', dailyTotalMinor: number | null) {
  const result = setOperatorDailyLimit(b.db, b.operators.ada, b.now(), { operatorId: b.operators.alice.operatorId, currency, dailyTotalMinor });
  expect(result.ok).toBe(true);
}

beforeEach(() => {
  b = createOverrideTestBackend();
});
afterEach(() => b.close());
afterAll(removeTemplate);

describe("an agent's own daily limit", () => {
  it('is enforced in place of the site total when a request is filed, and says which limit it was', async () => {
    setAliceLimit('USD', 600);
    b.signInAs('alice');
    expect(await b.call('overridesSubmit', goodwill(CARLOS, 'att-2024-02-22-nationwide', 700))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'over_daily_total', agentDailyTotalMinor: 600 } },
    });
  });

  it('is enforced again when a supervisor approves, counting what was approved for the agent today', async () => {
    expect((await fileAndApprove(goodwill(CARLOS, 'att-2024-02-22-nationwide', 500))).ok).toBe(true);
    b.signInAs('alice');
    const filed = await b.call('overridesSubmit', goodwill(ZOE, 'att-2024-02-22-nationwide', 500));
    expect(filed.ok).toBe(true);
    // Lowered after filing: the approval checks the limit as it is now.
    setAliceLimit('USD', 800);
    b.signInAs('sam');
    const decided = filed.ok ? await b.call('overridesDecide', { requestId: filed.value.id, version: 1, decision: 'approve', note: 'ok' }) : filed;
    expect(decided).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'over_daily_total', agentDailyTotalMinor: 800 } } });
  });

  it('applies to its own currency only: a dollar limit leaves euro requests to the site total', async () => {
    setAliceLimit('USD', 300);
    expect(await fileAndApprove(goodwill(JAN, 'nl-2024-09-10-randstad', 2_000))).toMatchObject({ ok: true, value: { currency: 'EUR' } });
  });

  it('can be higher than the site total, and removing it brings the site total back', async () => {
    const site = await (async () => {
      b.signInAs('ada');
      // A daily total is never below the cap of its currency: both 10.00 here.
      return b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(1_000), agentDailyTotalMinor: sameInEveryCurrency(1_000), expiryDays: 7, siteTimeZone: 'UTC' });
    })();
    expect(site.ok).toBe(true);
    setAliceLimit('USD', 5_000);
    expect((await fileAndApprove(goodwill(CARLOS, 'att-2024-02-22-nationwide', 1_000))).ok).toBe(true);
    setAliceLimit('USD', null);
    b.signInAs('alice');
    expect(await b.call('overridesSubmit', goodwill(ZOE, 'att-2024-02-22-nationwide', 500))).toMatchObject({
      ok: false,
      error: { details: { reason: 'over_daily_total', agentDailyTotalMinor: 1_000 } },
    });
  });
});
