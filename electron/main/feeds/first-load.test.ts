import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createFeedImportService } from './feed-import-service';

const ACCOUNT = {
  source_id: 'F-A1', account_number: '555000000001', holder_name: 'Test Holder', brand: 'att', segment: 'consumer',
  payment_type: 'postpaid', status: 'active', bill_cycle_day: 5, currency: 'USD', monthly_charge_minor: 6500,
  country: 'US', region: 'NY', postal_code: '10001',
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function importFile(dbPath: string, file: string) {
  const db = openDatabase(dbPath);
  try {
    const service = createFeedImportService({ db, clock: () => new Date('2026-01-01T00:00:00Z'), pickFeedFiles: async () => [file], reportsDir: join(dbPath, '..', 'reports') });
    const scan = await service.scan('files');
    const run = service.start(scan.scanId as string, null);
    if ('error' in run) throw new Error(run.error);
    await service.finished(run.runId);
    const status = service.status(run.runId);
    const rows = db.prepare('SELECT source_id, account_number FROM accounts ORDER BY source_id').all();
    return { status, rows };
  } finally {
    db.close();
  }
}

describe('a first load into an empty cache (plain inserts)', () => {
  it('rejects a taken account number and a repeated key as the upsert does, and a re-run finds every row unchanged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'first-load-'));
    const file = join(dir, 'accounts.ndjson');
    writeFileSync(
      file,
      [
        ACCOUNT,
        { ...ACCOUNT, source_id: 'F-A2' },
        { ...ACCOUNT, source_id: 'F-A3', account_number: '555000000003' },
        { ...ACCOUNT, account_number: '555000000004' },
      ]
        .map((row) => JSON.stringify(row) + '\n')
        .join(''),
    );
    const dbPath = join(dir, 'cache.sqlite');
    const first = await importFile(dbPath, file);
    expect(first.status?.state).toBe('done');
    expect(first.status?.rejections.map((r) => [r.line, r.field, r.reason])).toEqual([
      [2, 'account_number', 'conflict'],
      [4, 'source_id', 'duplicate_key'],
    ]);
    expect(first.status?.files[0]).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.rows).toEqual([
      { source_id: 'F-A1', account_number: '555000000001' },
      { source_id: 'F-A3', account_number: '555000000003' },
    ]);

    const again = await importFile(dbPath, file);
    expect(again.status?.files[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 2 });
    expect(again.rows).toEqual(first.rows);
  });
});
