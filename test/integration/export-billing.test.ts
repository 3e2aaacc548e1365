import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportBatch } from '@shared/ipc/export-channels';
import { APP, importFeeds, openFeedBench, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

type Created = { batch: ExportBatch | null; path: string | null };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await bench!.backend.dispatch(channel, input, APP);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const mariaCredit = {
  source_id: 'BILL-CR-0001',
  account_source_id: 'DEMO-A1',
  outage_source_id: 'att-2024-02-22-nationwide',
  policy_code: 'att-2024-02-make-it-right',
  policy_version: 1,
  amount_minor: 500,
  currency: 'USD',
  source: 'automatic',
  status: 'scheduled',
  scheduled_on: '2024-03-01',
  bill_date: '2024-03-14',
  created_at: '2024-03-01T00:00:00.000Z',
};

describe('export of scheduled credits to billing', () => {
  it('writes a numbered batch with every scheduled credit once, in a fixed order and format', async () => {
    bench = await openFeedBench();
    await importFeeds(bench, 'samples');
    expect((await call<{ readyToExport: number }>('exportListBatches', {})).readyToExport).toBe(2);

    const first = await call<Created>('exportCreateBatch', {});
    expect(first.batch).toMatchObject({ batchNumber: 1, creditCount: 2, fileName: 'billing-credits-batch-000001.csv' });
    expect(first.batch?.totals).toEqual([
      { currency: 'EUR', amountMinor: 310 },
      { currency: 'USD', amountMinor: 500 },
    ]);
    expect(readFileSync(first.path as string, 'utf8')).toBe(
      'batch_number,account_number,line_number,amount_minor,currency,reason,outage_source_id,policy_code,policy_version,idempotency_key,bill_date\r\n' +
        `1,287100000001,,500,USD,outage_credit,att-2024-02-22-nationwide,att-2024-02-make-it-right,1,${keyOf('287100000001', 'att-2024-02-22-nationwide', 'att-2024-02-make-it-right')},2024-03-14\r\n` +
        `1,312000000005,,310,EUR,outage_credit,nl-2024-09-10-randstad,nl-telecommunicatiewet-outage,1,${keyOf('312000000005', 'nl-2024-09-10-randstad', 'nl-telecommunicatiewet-outage')},2024-10-01\r\n`,
    );

    // Nothing new is scheduled: no empty batch is made.
    expect(await call<Created>('exportCreateBatch', {})).toEqual({ batch: null, path: null });
    expect((await call<{ batches: ExportBatch[]; readyToExport: number }>('exportListBatches', {})).batches.map((b) => b.batchNumber)).toEqual([1]);
  });

  it('re-exports a batch byte for byte, and a credit never lands in two batches', async () => {
    bench = await openFeedBench();
    await importFeeds(bench, 'samples');
    const first = await call<Created>('exportCreateBatch', {});
    const bytes = readFileSync(first.path as string);

    // A later credit goes into the next batch only.
    const later = { ...mariaCredit, source_id: 'BILL-CR-0003', account_source_id: 'DEMO-A3', bill_date: '2024-03-28' };
    await importFeeds(bench, [bench.file('credits.ndjson', JSON.stringify(later) + '\n')]);
    const second = await call<Created>('exportCreateBatch', {});
    expect(second.batch).toMatchObject({ batchNumber: 2, creditCount: 1 });
    expect(readFileSync(second.path as string, 'utf8')).toContain('287100000003');

    const again = await call<{ path: string }>('exportWriteBatch', { batchNumber: 1 });
    expect(readFileSync(again.path).equals(bytes)).toBe(true);

    const db = bench.backend.db;
    expect(() => db.prepare(`UPDATE credits SET exported_batch_id = 2 WHERE exported_batch_id = 1`).run()).toThrow(/one batch only/);
    expect(() => db.prepare(`UPDATE credits SET amount_minor = 1 WHERE exported_batch_id = 1`).run()).toThrow(/cannot change/);
    const perBatch = db.prepare(`SELECT exported_batch_id AS batch, count(*) AS n FROM credits GROUP BY 1 ORDER BY 1`).all();
    expect(perBatch).toEqual([
      { batch: 1, n: 2 },
      { batch: 2, n: 1 },
    ]);

    // Billing cannot change a credit it has already been sent.
    const changed = await importFeeds(bench, [bench.file('credits.ndjson', JSON.stringify({ ...mariaCredit, amount_minor: 900 }) + '\n')]);
    expect(changed.rejections).toMatchObject([{ reason: 'already_exported', line: 1 }]);
  });

  it('is for admins only', async () => {
    bench = await openFeedBench();
    await bench.backend.dispatch('authSignIn', { username: 'sam', password: 'supervisor-demo-2024' }, APP);
    const refused = await bench.backend.dispatch('exportCreateBatch', {}, APP);
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  });
});

/** The idempotency key is made of internal ids; read them back rather than assume them. */
function keyOf(accountNumber: string, outageSourceId: string, policyCode: string): string {
  const db = bench!.backend.db;
  const accountId = db.prepare('SELECT id FROM accounts WHERE account_number = ?').pluck().get(accountNumber);
  const outageId = db.prepare('SELECT id FROM outages WHERE source_id = ?').pluck().get(outageSourceId);
  return `account:${accountId}|outage:${outageId}|policy:${policyCode}`;
}
