import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OverrideInput } from '@shared/domain/override';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, type OverrideTestBackend } from './override-test-backend';

/*
 * Issue 15, standalone desktop: the site's limits are one amount per currency. A EUR request
 * is checked against the EUR cap and the EUR daily total only; a change is audited with before
 * and after; a daily total below its own currency's cap is refused with nothing changed.
 */

const CARLOS = '287100000002'; // USD, excluded from the February 2024 credit.
const JAN = '312000000005'; // EUR, in the Randstad outage.
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

const LIMITS = {
  perRequestCapMinor: { USD: 5_000, EUR: 1_500 },
  agentDailyTotalMinor: { USD: 20_000, EUR: 1_500 },
  expiryDays: 7,
  siteTimeZone: 'UTC',
};

beforeEach(() => {
  b = createOverrideTestBackend();
});
afterEach(() => {
  expect(verifyAuditChain(b.db).ok).toBe(true);
  b.close();
});
afterAll(removeTemplate);

describe('site limits per currency (standalone)', () => {
  it('checks a EUR request against the EUR cap, and a USD request of the same amount against the USD one', async () => {
    b.signInAs('ada');
    expect(await b.call('overridesSettingsSet', LIMITS)).toEqual({ ok: true, value: LIMITS });
    b.signInAs('alice');
    expect(await b.call('overridesSubmit', goodwill(JAN, 'nl-2024-09-10-randstad', 2_000))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'over_request_cap', perRequestCapMinor: 1_500 } },
    });
    expect(await b.call('overridesSubmit', goodwill(CARLOS, 'att-2024-02-22-nationwide', 2_000))).toMatchObject({ ok: true, value: { currency: 'USD' } });
    expect(await b.call('overridesSubmit', goodwill(JAN, 'nl-2024-09-10-randstad', 1_500))).toMatchObject({ ok: true, value: { currency: 'EUR' } });
  });

  it('audits a change with each currency before and after, and keeps it after a restart of the store', async () => {
    b.signInAs('ada');
    expect((await b.call('overridesSettingsSet', LIMITS)).ok).toBe(true);
    const event = b.db
      .prepare("SELECT before_json AS before, after_json AS after FROM audit_events WHERE action = 'override_settings.changed' ORDER BY seq DESC LIMIT 1")
      .get() as { before: string; after: string };
    expect(JSON.parse(event.before)).toMatchObject({ perRequestCapMinor: { USD: 5_000, EUR: 5_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 20_000 } });
    expect(JSON.parse(event.after)).toMatchObject({ perRequestCapMinor: { USD: 5_000, EUR: 1_500 }, agentDailyTotalMinor: { USD: 20_000, EUR: 1_500 } });
    expect(b.db.prepare('SELECT currency, per_request_cap_minor AS cap, agent_daily_total_minor AS daily FROM override_currency_limits ORDER BY currency').all()).toEqual([
      { currency: 'EUR', cap: 1_500, daily: 1_500 },
      { currency: 'USD', cap: 5_000, daily: 20_000 },
    ]);
  });

  it('refuses a daily total below its own currency’s cap with INVALID_INPUT naming the currency, and changes nothing', async () => {
    b.signInAs('ada');
    const before = await b.call('overridesSettingsGet', {});
    const audits = () => b.db.prepare('SELECT count(*) FROM audit_events').pluck().get();
    const count = audits();
    const refused = await b.call('overridesSettingsSet', { ...LIMITS, agentDailyTotalMinor: { USD: 20_000, EUR: 1_000 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { reason: 'daily_below_cap', currencies: 'EUR' } } });
    expect(await b.call('overridesSettingsGet', {})).toEqual(before);
    expect(audits()).toBe(count);
    // The old single-amount shape is not accepted any more.
    expect(await b.call('overridesSettingsSet', { perRequestCapMinor: 5_000, agentDailyTotalMinor: 20_000, expiryDays: 7, siteTimeZone: 'UTC' } as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
