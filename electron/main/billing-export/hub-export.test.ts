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
    const created = await createHubExport(sync, dir, { newRequestId: () => 'request-0000000001' }).create();
    expect(created).toEqual({ ok: true, value: { batch, path: join(dir, batch.fileName) } });
    expect(readFileSync(join(dir, batch.fileName), 'utf8')).toBe(file);
    expect(calls).toEqual(['exportCreateBatch {"requestId":"request-0000000001"}', 'exportBatchFile {"batchNumber":7,"fromLine":3}', 'exportBatchFile {"batchNumber":7,"fromLine":5}']);
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

  it('sends a create whose answer was lost again under the same request id, and saves the batch it made', async () => {
    let n = 0;
    const ids = () => `request-${String(++n).padStart(10, '0')}`;
    // The first two answers are lost (cut, then damaged); the third is the batch.
    const lost = ['HUB_UNREACHABLE', 'HUB_BAD_ANSWER'];
    const { sync, calls } = fakeSync((name, input) => {
      if (name === 'exportCreateBatch') {
        const code = lost.shift();
        return code ? { ok: false, error: { code } } : { ok: true, value: pageFrom(1) };
      }
      return { ok: true, value: pageFrom(input.fromLine as number) };
    });
    const hub = createHubExport(sync, dir, { retryDelaysMs: [0, 0, 0], newRequestId: ids });
    expect(await hub.create()).toEqual({ ok: true, value: { batch, path: join(dir, batch.fileName) } });
    expect(readFileSync(join(dir, batch.fileName), 'utf8')).toBe(file);
    const creates = calls.filter((call) => call.startsWith('exportCreateBatch'));
    expect(creates).toEqual(Array(3).fill('exportCreateBatch {"requestId":"request-0000000001"}'));
    // Answered: the next "Export" is a new request.
    lost.push('NOTHING_TO_EXPORT');
    expect(await hub.create()).toEqual({ ok: true, value: { batch: null, path: null } });
    expect(calls.at(-1)).toBe('exportCreateBatch {"requestId":"request-0000000002"}');
  });

  it('keeps the id of a create never answered for the admin\'s next "Export", and does not retry a refusal', async () => {
    let n = 0;
    const answers: Array<{ ok: false; error: { code: string } } | { ok: true; value: HubExportFile }> = [];
    const { sync, calls } = fakeSync((name, input) => (name === 'exportCreateBatch' ? answers.shift()! : { ok: true, value: pageFrom(input.fromLine as number) }));
    const hub = createHubExport(sync, dir, { retryDelaysMs: [0, 0], newRequestId: () => `request-${String(++n).padStart(10, '0')}` });
    answers.push(...Array(3).fill({ ok: false, error: { code: 'HUB_UNREACHABLE' } }));
    expect(await hub.create()).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE' } });
    expect(calls).toHaveLength(3);
    answers.push({ ok: true, value: pageFrom(1) });
    expect((await hub.create()).ok).toBe(true);
    expect(new Set(calls.filter((call) => call.startsWith('exportCreateBatch')))).toEqual(new Set(['exportCreateBatch {"requestId":"request-0000000001"}']));
    // A refusal is an answer: sent once, and the next request has a new id.
    answers.push({ ok: false, error: { code: 'FORBIDDEN_ROLE' } }, { ok: false, error: { code: 'NOTHING_TO_EXPORT' } });
    const before = calls.length;
    expect(await hub.create()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(await hub.create()).toEqual({ ok: true, value: { batch: null, path: null } });
    expect(calls.slice(before)).toEqual(['exportCreateBatch {"requestId":"request-0000000002"}', 'exportCreateBatch {"requestId":"request-0000000003"}']);
  });
});
