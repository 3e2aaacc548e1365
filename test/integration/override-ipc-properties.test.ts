import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channels, type ChannelName } from '@shared/ipc/channels';
import { errorCodes } from '@shared/ipc/result';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { REFUSAL_WINDOW_MS } from '../../electron/main/ipc/refusal-audit';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

const OVERRIDE_CHANNELS = [
  'overridesOptions',
  'overridesSubmit',
  'overridesMine',
  'overridesWithdraw',
  'overridesQueue',
  'overridesDecide',
  'overridesSettingsGet',
  'overridesSettingsSet',
] as const satisfies readonly ChannelName[];

let b: OverrideTestBackend;
let outageId: number;

/** What a refused call must leave alone: every table an override can write. */
function snapshot() {
  const one = (sql: string) => b.db.prepare(sql).get();
  return {
    requests: one('SELECT count(*) AS n, coalesce(sum(version), 0) AS versions, group_concat(status) AS statuses FROM override_requests'),
    credits: one('SELECT count(*) AS n, coalesce(sum(version), 0) AS versions FROM credits'),
    settings: one('SELECT count(*) AS n, coalesce(sum(version), 0) AS versions FROM override_settings'),
  };
}

function auditHead(): { seq: number; hash: string } | undefined {
  return b.db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as never;
}

const json = fc.jsonValue({ maxDepth: 2 });
const validSubmit = () =>
  fc.record({
    clientRequestId: fc.uuid({ version: 4 }),
    accountNumber: fc.constantFrom('287100000002', '719000004', '287100000003', '000000000'),
    outageId: fc.constantFrom(outageId, 999),
    kind: fc.constantFrom('goodwill', 'adjust', 'reverse'),
    amountMinor: fc.integer({ min: 1, max: 100_000 }),
    reasonCode: fc.constantFrom('other', 'service_recovery'),
    justification: fc.string({ minLength: 20, maxLength: 40 }).filter((s) => s.trim().length >= 20),
    interactionRef: fc.constantFrom('CALL-1', 'TICKET/22'),
  });

/** Payloads: garbage, near-valid submissions with one field mutated, and valid ones with extras. */
const payload = () =>
  fc.oneof(
    json,
    validSubmit().chain((valid) =>
      fc.oneof(
        fc.constant<unknown>(valid),
        fc.record({ key: fc.constantFrom(...Object.keys(valid)), value: json }).map(({ key, value }) => ({ ...valid, [key]: value })),
        fc.constantFrom('operatorId', 'status', 'requestedBy', 'decidedBy', 'role', 'creditId').map((extra) => ({ ...valid, [extra]: 1 })),
      ),
    ),
    fc.record({ requestId: fc.string(), version: fc.integer(), decision: fc.string(), note: fc.string() }, { requiredKeys: [] }),
  );

beforeEach(() => {
  b = createOverrideTestBackend();
  outageId = outageIdBySource(b.db, 'att-2024-02-22-nationwide');
});
afterEach(() => b.close());
afterAll(removeTemplate);

describe('override channels under any payload', () => {
  it('either accept a payload the schema accepts, or answer a coded error that changes nothing but one refusal event', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OVERRIDE_CHANNELS),
        fc.constantFrom<'alice' | 'sam' | 'ada' | null>('alice', 'sam', 'ada', null),
        payload(),
        async (channel, who, input) => {
          // Each case a minute after the last: repeats of a signed-out refusal within a minute
          // are counted rather than recorded one by one (test/integration/refusal-flood.test.ts).
          b.setNow(START_MS + ++cases * REFUSAL_WINDOW_MS);
          b.signInAs(who);
          const before = snapshot();
          const head = auditHead();
          const result = await b.call(channel, input as never);
          if (result.ok) {
            expect(channels[channel].input.safeParse(input).success).toBe(true);
          } else {
            expect(errorCodes).toContain(result.error.code);
            expect(snapshot()).toEqual(before);
            const added = b.db.prepare('SELECT action FROM audit_events WHERE seq > ?').pluck().all(head?.seq ?? 0);
            expect(added).toEqual(['override.refused']);
          }
          expect(verifyAuditChain(b.db).ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it.each(['operatorId', 'status', 'requestedBy', 'decidedBy', 'createdAt', 'version'])(
    'refuses a submission carrying %s, whoever sends it',
    async (extra) => {
      b.signInAs('alice');
      const result = await b.call('overridesSubmit', {
        clientRequestId: '5b0d7a4e-8c1f-4e1a-9a57-2f0c1d9e0b11',
        accountNumber: '287100000002',
        outageId,
        kind: 'goodwill',
        amountMinor: 500,
        reasonCode: 'other',
        justification: 'Customer lost service for the whole day.',
        interactionRef: 'CALL-1',
        [extra]: extra === 'status' ? 'approved' : 2,
      } as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(b.db.prepare('SELECT count(*) FROM override_requests').pluck().get()).toBe(0);
    },
  );

  it('refuses a decision that names its own status or decider', async () => {
    b.signInAs('sam');
    for (const extra of [{ status: 'approved' }, { decidedBy: 3 }, { operatorId: 3 }]) {
      const result = await b.call('overridesDecide', { requestId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', version: 1, decision: 'approve', note: 'x', ...extra } as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
