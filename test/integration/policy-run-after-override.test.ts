import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findPolicyVersion, linkPolicyToOutage } from '../../electron/main/policies/policy-repo';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, type OverrideTestBackend } from './override-test-backend';

const OUTAGE = 'att-2024-02-22-nationwide';
const PER_LINE_POLICY = 'att-guarantee-2025-wireless';

const opened: OverrideTestBackend[] = [];
function backend(): OverrideTestBackend {
  const b = createOverrideTestBackend();
  opened.push(b);
  // The reference outage credited under a per-line policy (the AT&T Guarantee) instead of its
  // own: automatic credits are then keyed by line, while an override's credit is keyed by account.
  // Version 1, which has no effective period (v2 covers outages from 2025 only).
  const outageId = outageIdBySource(b.db, OUTAGE);
  const policy = findPolicyVersion(b.db, PER_LINE_POLICY, 1)!;
  b.db.prepare('DELETE FROM outage_policies WHERE outage_id = ?').run(outageId);
  linkPolicyToOutage(b.db, outageId, policy.id);
  return b;
}
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});
afterAll(removeTemplate);

function run(b: OverrideTestBackend, outageId: number, runId: string) {
  return runPolicyForOutage(b.db, { runId, outageId, startedBy: null, now: b.now(), clock: b.now, chunkSize: 200 });
}

function creditsOfAccount(b: OverrideTestBackend, accountId: number, outageId: number) {
  return b.db
    .prepare('SELECT source, status, line_id AS lineId, amount_minor AS amountMinor FROM credits WHERE account_id = ? AND outage_id = ? ORDER BY line_id')
    .all(accountId, outageId) as Array<{ source: string; status: string; lineId: number | null; amountMinor: number }>;
}

async function approveGoodwill(b: OverrideTestBackend, accountNumber: string, outageId: number): Promise<void> {
  b.signInAs('alice');
  const filed = await b.call('overridesSubmit', {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'other',
    justification: 'Customer without service on every line for the whole outage.',
    interactionRef: 'CALL-9001',
  });
  if (!filed.ok) throw new Error(`not filed: ${JSON.stringify(filed.error)}`);
  b.signInAs('sam');
  const approved = await b.call('overridesDecide', { requestId: filed.value.id, version: filed.value.version, decision: 'approve', note: 'Goodwill approved.' });
  if (!approved.ok) throw new Error(`not approved: ${JSON.stringify(approved.error)}`);
}

describe('policy run after an approved override', () => {
  it('pays no automatic per-line credit to an account that an approved goodwill override already credited for the outage', async () => {
    // Which accounts the run pays per line when nobody has overridden anything.
    const clean = backend();
    const outageId = outageIdBySource(clean.db, OUTAGE);
    await run(clean, outageId, 'clean');
    const paid = clean.db
      .prepare(
        `SELECT c.account_id AS accountId, a.account_number AS accountNumber, count(*) AS n FROM credits c JOIN accounts a ON a.id = c.account_id
         WHERE c.outage_id = ? AND c.source = 'automatic' AND c.line_id IS NOT NULL GROUP BY c.account_id ORDER BY c.account_id`,
      )
      .all(outageId) as Array<{ accountId: number; accountNumber: string; n: number }>;
    expect(paid.length).toBeGreaterThan(1);
    const [target, ...others] = paid as [(typeof paid)[number], ...typeof paid];

    const b = backend();
    await approveGoodwill(b, target.accountNumber, outageId);
    const first = await run(b, outageId, 'after-override');

    expect(creditsOfAccount(b, target.accountId, outageId)).toEqual([{ source: 'override', status: 'scheduled', lineId: null, amountMinor: 500 }]);
    for (const other of others) {
      expect(creditsOfAccount(b, other.accountId, outageId)).toHaveLength(other.n);
    }
    expect(first.creditsWritten).toBe(paid.reduce((sum, p) => sum + p.n, 0) - target.n);
    // And a re-run still writes nothing for it, or for anyone.
    expect((await run(b, outageId, 'again')).creditsWritten).toBe(0);
  });

  it('pays the per-line credits again once the override credit is reversed', async () => {
    const b = backend();
    const outageId = outageIdBySource(b.db, OUTAGE);
    await run(b, outageId, 'probe');
    const target = b.db
      .prepare(
        `SELECT c.account_id AS accountId, a.account_number AS accountNumber FROM credits c JOIN accounts a ON a.id = c.account_id
         WHERE c.outage_id = ? AND c.line_id IS NOT NULL ORDER BY c.account_id LIMIT 1`,
      )
      .get(outageId) as { accountId: number; accountNumber: string };
    const lines = creditsOfAccount(b, target.accountId, outageId);
    b.db.prepare('DELETE FROM credits WHERE account_id = ? AND outage_id = ?').run(target.accountId, outageId);

    await approveGoodwill(b, target.accountNumber, outageId);
    b.db.prepare("UPDATE credits SET status = 'reversed' WHERE account_id = ? AND outage_id = ? AND source = 'override'").run(target.accountId, outageId);
    await run(b, outageId, 'after-reversal');
    expect(creditsOfAccount(b, target.accountId, outageId).filter((c) => c.source === 'automatic')).toEqual(lines);
  });
});
