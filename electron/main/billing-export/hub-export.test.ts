import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialisePostingFile, type PostingRow } from '@shared/billing/posting-file';
import type { HubExportBatch, HubExportFile } from '@shared/hub/billing-export';
import type { HubSync } from '../hub-sync/hub-sync';
import { createHubExport } from './hub-export';

const row = (i: number): PostingRow => ({
  accountNumber: `28710000000${i}`,
  lineNumber: null,
  amountMinor: 100 * i,
  currency: 'USD',
  source: 'automatic',
  overrideReason: null,
  outageSourceId: 'OUT-1',
  policyCode: 'sla-basic',
  policyVersion: 1,
  idempotencyKey: `key-${i}`,
  billDate: '2026-04-12',
});
const rows = [1, 2, 3, 4, 5].map(row);
const file = serialisePostingFile(7, rows).content;
const batch: HubExportBatch = {
  batchNumber: 7,
  createdAt: '2026-03-10T15:00:00.000Z',
  creditCount: 5,
  totals: [{ currency: 'USD', amountMinor: 1500 }],
  fileName: 'billing-credits-batch-000007.csv',
  sha256: createHash('sha256').update(file, 'utf8').digest('hex'),
};
/** The file in pages of two lines, as the hub sends it: the header on the first. */
function pageFrom(fromLine: number, of = batch): HubExportFile {
  const records = file.split('\r\n').slice(1, -1);
  const part = records.slice(fromLine - 1, fromLine + 1).map((line) => `${line}\r\n`).join('');
  return { batch: of, content: fromLine === 1 ? `${file.split('\r\n')[0]}\r\n${part}` : part, nextLine: fromLine + 2 <= 5 ? fromLine + 2 : null };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-export-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeSync(answer: (name: string, input: Record<string, unknown>) => unknown): { sync: HubSync; calls: string[] } {
  const calls: string[] = [];
  const sync = {
    callAsOperator: async (name: string, input: Record<string, unknown>) => {
      calls.push(`${name} ${JSON.stringify(input)}`);
      return answer(name, input);
    },
  } as unknown as HubSync;
  return { sync, calls };
}

describe('the desktop side of the hub export', () => {
  it('puts the pages together, checks the hash and saves the file in the export folder', async () => {
    const { sync, calls } = fakeSync((name, input) => ({ ok: true, value: name === 'exportCreateBatch' ? pageFrom(1) : pageFrom(input.fromLine as number) }));
    const created = await createHubExport(sync, dir).create();
    expect(created).toEqual({ ok: true, value: { batch, path: join(dir, batch.fileName) } });
    expect(readFileSync(join(dir, batch.fileName), 'utf8')).toBe(file);
    expect(calls).toEqual(['exportCreateBatch {}', 'exportBatchFile {"batchNumber":7,"fromLine":3}', 'exportBatchFile {"batchNumber":7,"fromLine":5}']);
  });

  it('saves nothing when the bytes do not hash to the batch, or a page does not come', async () => {
    const wrong = { ...batch, sha256: '0'.repeat(64) };
    const bad = fakeSync((_name, input) => ({ ok: true, value: pageFrom((input.fromLine as number | undefined) ?? 1, wrong) }));
    expect(await createHubExport(bad.sync, dir).write(7)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const cut = fakeSync((_name, input) => (input.fromLine === 3 ? { ok: false, error: { code: 'HUB_UNREACHABLE' } } : { ok: true, value: pageFrom(1) }));
    expect(await createHubExport(cut.sync, dir).write(7)).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE' } });
    expect(existsSync(join(dir, batch.fileName))).toBe(false);
  });

  it('shows nothing to export as the standalone desktop does, and a missing batch as NOT_FOUND', async () => {
    const { sync } = fakeSync((name) => ({ ok: false, error: { code: name === 'exportCreateBatch' ? 'NOTHING_TO_EXPORT' : 'NOT_FOUND' } }));
    expect(await createHubExport(sync, dir).create()).toEqual({ ok: true, value: { batch: null, path: null } });
    expect(await createHubExport(sync, dir).write(9)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
