import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createFeedImportService } from './feed-import-service';

const account = (n: number, holder = `Holder ${n}`) => ({
  source_id: `H-A${n}`, account_number: `55500000000${n}`, holder_name: holder, brand: 'att', segment: 'consumer',
  payment_type: 'postpaid', status: 'active', bill_cycle_day: 5, currency: 'USD', monthly_charge_minor: 6500,
  country: 'US', region: 'NY', postal_code: '10001',
});
const line = (n: number, rate = 3500) => ({
  source_id: `H-L${n}`, account_source_id: `H-A${n}`, number_e164: `+1619200000${n}`, service_type: 'wireless_voice',
  monthly_rate_minor: rate, status: 'active',
});

let dir: string | undefined;
let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function writeFeeds(accounts: object[], lines: object[]): string[] {
  const ndjson = (rows: object[]) => rows.map((row) => JSON.stringify(row) + '\n').join('');
  writeFileSync(join(dir as string, 'accounts.ndjson'), ndjson(accounts));
  writeFileSync(join(dir as string, 'lines.ndjson'), ndjson(lines));
  return [join(dir as string, 'accounts.ndjson'), join(dir as string, 'lines.ndjson')];
}

async function importFeeds(files: string[]) {
  const service = createFeedImportService({
    db: db as Database.Database, clock: () => new Date('2026-01-01T00:00:00Z'), pickFeedFiles: async () => files, reportsDir: join(dir as string, 'reports'),
  });
  const scan = await service.scan('files');
  const run = service.start(scan.scanId as string, null);
  if ('error' in run) throw new Error(run.error);
  await service.finished(run.runId);
  const status = service.status(run.runId);
  expect(status?.state).toBe('done');
  return Object.fromEntries((status?.files ?? []).map((f) => [f.entity, { inserted: f.inserted, updated: f.updated, unchanged: f.unchanged, rejected: f.rejected }]));
}

/**
 * Every insert and update the feed tables see from here on, by any connection: the import
 * writes through its writer thread's own, so these are triggers in the file (a temp trigger
 * would see this connection's writes only). The tables have rows by now, so the import sets
 * no trigger aside.
 */
function recordWrites(connection: Database.Database): () => string[] {
  connection.exec('CREATE TABLE test_touched (what TEXT NOT NULL)');
  for (const table of ['accounts', 'lines']) {
    connection.exec(`CREATE TRIGGER test_${table}_ins AFTER INSERT ON ${table} BEGIN INSERT INTO test_touched VALUES ('insert ${table} ' || new.source_id); END`);
    connection.exec(`CREATE TRIGGER test_${table}_upd AFTER UPDATE ON ${table} BEGIN INSERT INTO test_touched VALUES ('update ${table} ' || new.source_id); END`);
  }
  return () => connection.prepare('SELECT what FROM test_touched ORDER BY rowid').pluck().all() as string[];
}

const stored = () =>
  (db as Database.Database)
    .prepare('SELECT a.source_id, a.holder_name, a.name_fold, a.feed_hash AS accountHash, l.monthly_rate_minor AS rate, l.feed_hash AS lineHash FROM accounts a JOIN lines l ON l.account_id = a.id ORDER BY a.source_id')
    .all() as Array<{ source_id: string; holder_name: string; name_fold: string; accountHash: number | null; rate: number; lineHash: number | null }>;

describe('re-importing by feed hash', () => {
  it('writes nothing for unchanged rows, and updates exactly the rows whose content changed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reimport-hash-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    const files = writeFeeds([account(1), account(2), account(3)], [line(1), line(2), line(3)]);
    expect(await importFeeds(files)).toMatchObject({ accounts: { inserted: 3 }, lines: { inserted: 3 } });
    const first = stored();
    expect(first.every((row) => Number.isSafeInteger(row.accountHash) && Number.isSafeInteger(row.lineHash))).toBe(true);
    const writes = recordWrites(db);

    expect(await importFeeds(files)).toEqual({
      accounts: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 },
      lines: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 },
    });
    expect(writes()).toEqual([]);
    expect(stored()).toEqual(first);

    writeFeeds([account(1), account(2, 'Renée Changed'), account(3)], [line(1), line(2), line(3, 4200)]);
    expect(await importFeeds(files)).toEqual({
      accounts: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 },
      lines: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 },
    });
    expect(writes()).toEqual(['update accounts H-A2', 'update lines H-L3']);
    const after = stored();
    expect(after[1]).toMatchObject({ holder_name: 'Renée Changed', name_fold: 'renee changed' });
    expect(after[1]?.accountHash).not.toBe(first[1]?.accountHash);
    expect(after[2]).toMatchObject({ rate: 4200 });
    expect(after[2]?.lineHash).not.toBe(first[2]?.lineHash);
    expect([after[0], after[2]?.accountHash]).toEqual([first[0], first[2]?.accountHash]);
  });

  it('skips a row by its hash alone, and a row changed outside the import loses its hash and is written back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reimport-hash-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    const files = writeFeeds([account(1), account(2)], [line(1), line(2)]);
    await importFeeds(files);

    // Another writer changes a column: the trigger of migration 015 clears the row's hash,
    // and the next import compares its columns and puts the feed's value back.
    db.prepare(`UPDATE accounts SET region = 'CA' WHERE source_id = 'H-A1'`).run();
    expect(db.prepare(`SELECT feed_hash FROM accounts WHERE source_id = 'H-A1'`).pluck().get()).toBeNull();
    // A row from before migration 015 (no hash) whose columns are the feed's: unchanged, and it gets its hash.
    db.prepare(`UPDATE lines SET feed_hash = NULL WHERE source_id = 'H-L2'`).run();
    expect(await importFeeds(files)).toMatchObject({ accounts: { updated: 1, unchanged: 1 }, lines: { updated: 0, unchanged: 2 } });
    expect(db.prepare(`SELECT region FROM accounts WHERE source_id = 'H-A1'`).pluck().get()).toBe('NY');
    expect(db.prepare(`SELECT count(*) FROM lines WHERE feed_hash IS NULL`).pluck().get()).toBe(0);

    // With the trigger gone, a changed column next to a matching hash shows that a row whose
    // hash matches is not even compared: the import leaves it as it is.
    db.exec('DROP TRIGGER accounts_feed_hash_stale');
    db.prepare(`UPDATE accounts SET region = 'CA' WHERE source_id = 'H-A2'`).run();
    expect(await importFeeds(files)).toMatchObject({ accounts: { updated: 0, unchanged: 2 } });
    expect(db.prepare(`SELECT region FROM accounts WHERE source_id = 'H-A2'`).pluck().get()).toBe('CA');
  });
});
