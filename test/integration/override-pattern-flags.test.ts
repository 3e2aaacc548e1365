import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type OverrideInput } from '@shared/domain/override';
import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import { savePatternThresholds } from '../../electron/main/overrides/override-patterns';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

/** The queue delivers each request's pattern flags, computed in main from the repository; they never block. */

const MINUTE = 60_000;
let b: OverrideTestBackend;
let outageId: number;
beforeEach(async () => {
  b = createOverrideTestBackend();
  outageId = outageIdBySource(b.db, 'att-2024-02-22-nationwide');
  b.signInAs('ada');
  expect((await b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(5_000), agentDailyTotalMinor: sameInEveryCurrency(100_000), expiryDays: 7, siteTimeZone: 'UTC' })).ok).toBe(true);
});
afterEach(() => b.close());
afterAll(removeTemplate);

/** Accounts Alice may file goodwill for on the reference outage. */
async function goodwillAccounts(want: number): Promise<string[]> {
  const numbers = b.db.prepare('SELECT account_number FROM accounts ORDER BY id').pluck().all() as string[];
  const found: string[] = [];
  b.signInAs('alice');
  for (const accountNumber of numbers) {
    if (found.length === want) break;
    const options = await b.call('overridesOptions', { accountNumber });
    if (options.ok && options.value.some((o) => o.outageId === outageId && o.openRequestId === null && o.allowedKinds.includes('goodwill'))) found.push(accountNumber);
  }
  expect(found).toHaveLength(want);
  return found;
}

async function file(accountNumber: string, amountMinor: number, atMs: number): Promise<{ id: string; version: number }> {
  b.setNow(atMs);
  b.signInAs('alice');
  const input: OverrideInput = {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId,
    kind: 'goodwill',
    amountMinor,
    reasonCode: 'other',
    justification: 'Goodwill for a long outage the policy did not cover.',
    interactionRef: 'CALL-7001',
  };
  const filed = await b.call('overridesSubmit', input);
  if (!filed.ok) throw new Error(`not filed: ${JSON.stringify(filed.error)}`);
  return filed.value;
}

async function queueFlags(atMs: number) {
  b.setNow(atMs);
  b.signInAs('sam');
  const queue = await b.call('overridesQueue', { status: 'pending' });
  if (!queue.ok) throw new Error(JSON.stringify(queue.error));
  return new Map(queue.value.map((item) => [item.request.id, item.flags]));
}

describe('pattern flags on the queue', () => {
  it('flags the third request for one account, with its count, and Sam can still approve it', async () => {
    const [account] = await goodwillAccounts(1);
    for (let i = 0; i < 2; i += 1) {
      const earlier = await file(account!, 500, START_MS + i * MINUTE);
      expect((await b.call('overridesWithdraw', { requestId: earlier.id, version: earlier.version })).ok).toBe(true);
    }
    const third = await file(account!, 500, START_MS + 2 * MINUTE);
    const flags = await queueFlags(START_MS + 3 * MINUTE);
    expect(flags.get(third.id)).toEqual([{ rule: 'repeat_account', count: 3, days: 30 }]);
    const approved = await b.call('overridesDecide', { requestId: third.id, version: third.version, decision: 'approve', note: 'Checked: a real repeat.' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved' } });
  });

  it('flags the agent’s third amount just under the cap, not the first two, and not an ordinary amount', async () => {
    const accounts = await goodwillAccounts(4);
    const near = [];
    for (let i = 0; i < 3; i += 1) near.push(await file(accounts[i]!, 4_800 + i * 50, START_MS + i * MINUTE));
    const ordinary = await file(accounts[3]!, 1_000, START_MS + 3 * MINUTE);
    const flags = await queueFlags(START_MS + 4 * MINUTE);
    expect(flags.get(near[0]!.id)).toEqual([]);
    expect(flags.get(near[1]!.id)).toEqual([]);
    expect(flags.get(near[2]!.id)).toEqual([{ rule: 'near_cap', count: 3, days: 30, capMinor: 5_000 }]);
    expect(flags.get(ordinary.id)).toEqual([]);
  });

  it('flags a request for a second account of the same customer (same e-mail), and not for a stranger', async () => {
    const [first, second, stranger] = await goodwillAccounts(3);
    b.db.prepare(`UPDATE accounts SET email_norm = 'same.customer@example.com' WHERE account_number IN (?, ?)`).run(first, second);
    b.db.prepare(`UPDATE accounts SET email_norm = 'someone.else@example.com', contact_phone_e164 = '+15550000001' WHERE account_number = ?`).run(stranger);
    const a = await file(first!, 600, START_MS);
    const c = await file(stranger!, 600, START_MS + MINUTE);
    const d = await file(second!, 600, START_MS + 2 * MINUTE);
    const flags = await queueFlags(START_MS + 3 * MINUTE);
    expect(flags.get(d.id)).toEqual([{ rule: 'repeat_customer', accounts: 2, count: 1, days: 30 }]);
    expect(flags.get(a.id)).toEqual([]);
    expect(flags.get(c.id)).toEqual([]);
  });

  it('reads the stored thresholds: at two requests a day, Alice’s burst is far above her usual rate', async () => {
    savePatternThresholds(b.db, { ...DEFAULT_PATTERN_THRESHOLDS, rateMinRecent: 3, nearCapMin: 99 }, null, new Date(START_MS));
    const accounts = await goodwillAccounts(3);
    const filed = [];
    for (let i = 0; i < 3; i += 1) filed.push(await file(accounts[i]!, 700, START_MS + i * MINUTE));
    const flags = await queueFlags(START_MS + 3 * MINUTE);
    expect(flags.get(filed[2]!.id)).toEqual([{ rule: 'agent_rate', recent: 3, usual: 0, hours: 24 }]);
    expect(flags.get(filed[1]!.id)).toEqual([]);
  });
});

describe('the admin sets the flag rules', () => {
  it('stores them with an audit event, and the queue flags by them from then on; a supervisor may read them, not change them', async () => {
    const accounts = await goodwillAccounts(3);
    const filed = [];
    for (let i = 0; i < 3; i += 1) filed.push(await file(accounts[i]!, 700, START_MS + i * MINUTE));
    // Three requests in a day are below the shipped minimum of 6: nobody is flagged.
    expect((await queueFlags(START_MS + 3 * MINUTE)).get(filed[2]!.id)).toEqual([]);

    b.signInAs('sam');
    expect(await b.call('overridesPatternsGet', {})).toEqual({ ok: true, value: DEFAULT_PATTERN_THRESHOLDS });
    expect(await b.call('overridesPatternsSet', { ...DEFAULT_PATTERN_THRESHOLDS, rateMinRecent: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });

    b.signInAs('ada');
    const next = { ...DEFAULT_PATTERN_THRESHOLDS, rateMinRecent: 3 };
    expect(await b.call('overridesPatternsSet', next)).toEqual({ ok: true, value: next });
    expect(await b.call('overridesPatternsSet', { ...next, rateFactor: 0.5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const audit = b.db.prepare(`SELECT before_json, after_json FROM audit_events WHERE action = 'override_patterns.changed'`).all() as Array<{ before_json: string; after_json: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json)).toMatchObject({ rateMinRecent: 6 });
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ rateMinRecent: 3 });

    expect((await queueFlags(START_MS + 4 * MINUTE)).get(filed[2]!.id)).toEqual([{ rule: 'agent_rate', recent: 3, usual: 0, hours: 24 }]);
  });
});
