import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { batchRows, checkedBatches, type CheckedBatch } from './checked-batches';
import { FeedFileError } from './feed-file-error';
import { createParseThread, type CheckedBatchSource } from './parse-thread';

const ACCOUNTS: FeedFileKind = { entity: 'accounts', format: 'ndjson' };

function account(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    source_id: `A${n}`, account_number: String(555000000000 + n), holder_name: `Holder ${n}`, brand: 'att', segment: 'consumer',
    payment_type: 'postpaid', status: 'active', bill_cycle_day: 5, currency: 'USD', monthly_charge_minor: 6500,
    country: 'US', region: 'NY', postal_code: '10001', ...extra,
  });
}

async function collect(source: CheckedBatchSource, path: string, batchRows: number): Promise<CheckedBatch[]> {
  const out: CheckedBatch[] = [];
  for await (const batch of source(path, ACCOUNTS, batchRows)) out.push(batch);
  return out;
}

let dir: string | undefined;
const thread = createParseThread();
afterEach(async () => {
  await thread.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the parse thread of the feed import', () => {
  it('hands over the same checked batches as parsing on this thread, problems and duplicate keys included', async () => {
    dir = mkdtempSync(join(tmpdir(), 'parse-thread-'));
    const path = join(dir, 'accounts.ndjson');
    const lines = [account(1), '{not json', account(2, { bill_cycle_day: 40 }), account(1), account(3, { extra: 1 }), account(4)];
    for (let n = 5; n < 30; n += 1) lines.push(account(n));
    writeFileSync(path, lines.join('\n') + '\n');

    const inThread = await collect(checkedBatches, path, 7);
    const viaThread = await collect(thread.batches, path, 7);

    expect(viaThread).toEqual(inThread);
    expect(viaThread.map((b) => b.lines.length)).toEqual([7, 7, 7, 7, 3]);
    const first = viaThread[0] as CheckedBatch;
    expect(first.problems.map((p) => [p.index, p.problem.reason])).toEqual([
      [1, 'not_json'],
      [2, 'out_of_range'],
      [3, 'duplicate_key'],
      [4, 'unknown_field'],
    ]);
    expect(batchRows(first)[0]).toEqual(expect.arrayContaining(['A1', '555000000001', 'Holder 1', 'holder 1']));
  });

  it('refuses a cut-off file with the same file problem, and keeps serving files after a file left early', async () => {
    dir = mkdtempSync(join(tmpdir(), 'parse-thread-'));
    const cut = join(dir, 'accounts.ndjson');
    writeFileSync(cut, `${account(1)}\n${account(2)}`);
    const error = await collect(thread.batches, cut, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFileError);
    expect((error as FeedFileError).problem).toBe('TRUNCATED');
    expect((error as FeedFileError).line).toBe(2);

    const whole = join(dir, 'accounts-2.ndjson');
    writeFileSync(whole, Array.from({ length: 50 }, (_, i) => account(i + 1)).join('\n') + '\n');
    for await (const batch of thread.batches(whole, ACCOUNTS, 5)) {
      expect(batch.lines).toEqual([1, 2, 3, 4, 5]);
      break;
    }
    const again = await collect(thread.batches, whole, 20);
    expect(again.map((b) => b.lines.length)).toEqual([20, 20, 10]);
  });
});
