import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OverrideInput } from '@shared/domain/override';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, type OverrideTestBackend } from './override-test-backend';

const JAN = '312000000005'; // Dutch postpaid: the Telecommunicatiewet gives EUR 3.10 for the September 2024 outage.
let b: OverrideTestBackend;
let outageId: number;

beforeEach(() => {
  b = createOverrideTestBackend();
  outageId = outageIdBySource(b.db, 'nl-2024-09-10-randstad');
});
afterEach(() => b.close());
afterAll(removeTemplate);

function goodwill(amountMinor: number): OverrideInput {
  return {
    clientRequestId: randomUUID(),
    accountNumber: JAN,
    outageId,
    kind: 'goodwill',
    amountMinor,
    reasonCode: 'service_recovery',
    justification: 'Customer asked for a gesture after the Randstad outage.',
    interactionRef: 'CALL-NL-0007',
  };
}

describe('an override on a statutory credit', () => {
  it('may not leave the customer below what the law gives, and says how much that is', async () => {
    b.signInAs('alice');
    const below = await b.call('overridesSubmit', goodwill(200));
    expect(below).toEqual({ ok: false, error: { code: 'CONFLICT', details: { reason: 'below_legal_amount', legalFloorMinor: 310 } } });
    const above = await b.call('overridesSubmit', goodwill(400));
    expect(above.ok).toBe(true);
  });
});
