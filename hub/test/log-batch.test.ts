import { describe, expect, it } from 'vitest';
import type { Tx } from '../src/db/transaction';
import { LogBatch, type NewAuditEvent, type NewChange } from '../src/logs/log-batch';

/** A transaction that records what it was asked and answers like ocd_append_logs. */
function recordingTx() {
  const calls: { audit: { action: string }[]; changes: { entityId: string }[] }[] = [];
  const tx = {
    async query(_sql: string, params: unknown[]) {
      const audit = JSON.parse(params[0] as string) as { action: string }[];
      const changes = JSON.parse(params[1] as string) as { entityId: string }[];
      calls.push({ audit, changes });
      return { rows: [{ audit_seqs: audit.map((_, i) => String(100 + i)), positions: changes.map((_, i) => String(500 + i)) }] };
    },
  } as unknown as Tx;
  return { tx, calls };
}

const event = (action: string): NewAuditEvent => ({ at: new Date('2026-12-03T08:00:00Z'), operatorId: 1, desktopId: null, action, target: 't:1', before: null, after: { a: 1 } });
const change = (entityId: string): NewChange => ({ entity: 'override_request', entityId, audience: { kind: 'all' }, data: {} });

describe('a transaction log batch', () => {
  it('writes everything in one call at the end and settles each position then', async () => {
    const { tx, calls } = recordingTx();
    const batch = new LogBatch();
    batch.audit(event('first'));
    const first = batch.change(change('r1'));
    const second = batch.change(change('r2'));
    expect(() => first.value).toThrow(/before its batch was flushed/);
    expect(calls).toHaveLength(0);
    await batch.flush(tx);
    expect(calls).toEqual([{ audit: [expect.objectContaining({ action: 'first' })], changes: [expect.objectContaining({ entityId: 'r1' }), expect.objectContaining({ entityId: 'r2' })] }]);
    expect([first.value, second.value]).toEqual([500, 501]);
    await expect(batch.flush(tx)).rejects.toThrow(/already flushed/);
  });

  it('forgets what a rolled-back savepoint gathered, and keeps what came before it', async () => {
    const { tx, calls } = recordingTx();
    const batch = new LogBatch();
    batch.audit(event('expired by time'));
    batch.change(change('expired'));
    const mark = batch.mark();
    batch.audit(event('credit.reversed'));
    batch.change(change('undone'));
    batch.rollbackTo(mark);
    batch.audit(event('operation.refused'));
    await batch.flush(tx);
    expect(calls[0]!.audit.map((entry) => entry.action)).toEqual(['expired by time', 'operation.refused']);
    expect(calls[0]!.changes.map((entry) => entry.entityId)).toEqual(['expired']);
  });

  it('makes no round trip when there is nothing to append', async () => {
    const { tx, calls } = recordingTx();
    await new LogBatch().flush(tx);
    expect(calls).toHaveLength(0);
  });
});
