import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { once } from 'node:events';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createFeedImportService } from './feed-import-service';

const ROWS = 80_000;

let dir: string | undefined;
let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function writeAccounts(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  for (let n = 1; n <= rows; n += 1) {
    const row = {
      source_id: `W-A${n}`, account_number: String(555000000000 + n), holder_name: `Holder Number${n % 977} Person${n}`, brand: 'att',
      segment: 'consumer', payment_type: 'postpaid', status: 'active', bill_cycle_day: 5, currency: 'USD', monthly_charge_minor: 6500,
      country: 'US', region: 'NY', postal_code: '10001',
    };
    if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Measured {
  state: string | undefined;
  inserted: number | undefined;
  /** The longest the event loop waited past its turn while the import ran, in ms. */
  maxLagMs: number;
  p99LagMs: number;
  /** Whether a connection other than this thread's committed to the file meanwhile. */
  otherConnectionCommitted: boolean;
  /** Reads this thread's connection answered while the import ran. */
  readsAnswered: number;
}

/** One import of the accounts file in one batch (a first load), with this thread's event loop watched throughout. */
async function importWatched(file: string, writeThread: boolean): Promise<Measured> {
  const connection = db as Database.Database;
  const service = createFeedImportService({
    db: connection, clock: () => new Date('2026-01-01T00:00:00Z'), pickFeedFiles: async () => [file], reportsDir: join(dir as string, 'reports'),
    batchRows: ROWS, writeThread,
  });
  const scan = await service.scan('files');
  const dataVersion = () => connection.pragma('data_version', { simple: true }) as number;
  const versionBefore = dataVersion();
  const lag = monitorEventLoopDelay({ resolution: 5 });
  let readsAnswered = 0;
  const reader = setInterval(() => {
    connection.prepare('SELECT count(*) FROM accounts').pluck().get();
    readsAnswered += 1;
  }, 20);
  lag.enable();
  try {
    const run = service.start(scan.scanId as string, null);
    if ('error' in run) throw new Error(run.error);
    await service.finished(run.runId);
    lag.disable();
    const status = service.status(run.runId);
    return {
      state: status?.state,
      inserted: status?.files[0]?.inserted,
      maxLagMs: lag.max / 1e6,
      p99LagMs: lag.percentile(99) / 1e6,
      otherConnectionCommitted: dataVersion() !== versionBefore,
      readsAnswered,
    };
  } finally {
    clearInterval(reader);
    lag.disable();
  }
}

describe('the feed import writes on a thread of its own', () => {
  it('commits through another connection and keeps this thread answering, where writing in place holds it for the whole batch', async () => {
    dir = mkdtempSync(join(tmpdir(), 'write-thread-'));
    const file = join(dir, 'accounts.ndjson');
    await writeAccounts(file, ROWS);

    db = openDatabase(join(dir, 'threaded.sqlite'));
    const threaded = await importWatched(file, true);
    const names = db.prepare("SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'person77*'").pluck().get() as number;
    db.close();

    db = openDatabase(join(dir, 'in-place.sqlite'));
    const inPlace = await importWatched(file, false);

    expect([threaded.state, threaded.inserted, inPlace.state, inPlace.inserted]).toEqual(['done', ROWS, 'done', ROWS]);
    // The name index was rebuilt at the end of the first load, by the writer thread.
    expect(names).toBeGreaterThan(0);
    expect(threaded.otherConnectionCommitted).toBe(true);
    expect(inPlace.otherConnectionCommitted).toBe(false);
    // One 80,000-row transaction and the index rebuild: in place the loop waits for all of it;
    // on the writer thread this one only hears of the counts. The bound is a same-run ratio:
    // on 2 cores shared with other work a waiting thread alone can lag 100 ms or more.
    expect(inPlace.maxLagMs).toBeGreaterThan(250);
    expect(threaded.maxLagMs).toBeLessThan(inPlace.maxLagMs / 4);
    expect(threaded.readsAnswered).toBeGreaterThan(inPlace.readsAnswered);
    console.info(`write-thread test: event-loop lag max / p99 threaded ${threaded.maxLagMs.toFixed(1)} / ${threaded.p99LagMs.toFixed(1)} ms, in place ${inPlace.maxLagMs.toFixed(1)} / ${inPlace.p99LagMs.toFixed(1)} ms`);
  }, 120_000);

  it('stops on a cancel after the batch being written, with what is committed counted, and a re-run finishes the rest', async () => {
    dir = mkdtempSync(join(tmpdir(), 'write-thread-'));
    const file = join(dir, 'accounts.ndjson');
    await writeAccounts(file, 20_000);
    db = openDatabase(join(dir, 'cancel.sqlite'));
    const connection = db;
    let runId = '';
    const service = createFeedImportService({
      db: connection, clock: () => new Date('2026-01-01T00:00:00Z'), pickFeedFiles: async () => [file], reportsDir: join(dir, 'reports'),
      batchRows: 500,
      // The first committed batch asks to stop: the thread ends after the batch it is writing.
      onBatchCommitted: (id) => void service.cancel(id),
    });
    const scan = await service.scan('files');
    const run = service.start(scan.scanId as string, null);
    if ('error' in run) throw new Error(run.error);
    runId = run.runId;
    await service.finished(runId);
    const status = service.status(runId);
    const stored = connection.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
    expect(status?.state).toBe('cancelled');
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(20_000);
    expect(status?.files[0]).toMatchObject({ inserted: stored, rowsDone: stored, rejected: 0 });
    // The first load's set-aside name index is back and holds the committed rows.
    expect(connection.prepare('SELECT count(*) FROM import_suspended_schema').pluck().get()).toBe(0);
    expect(connection.prepare("SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'holder*'").pluck().get()).toBe(stored);

    const again = createFeedImportService({
      db: connection, clock: () => new Date('2026-01-01T00:00:00Z'), pickFeedFiles: async () => [file], reportsDir: join(dir, 'reports'), batchRows: 500,
    });
    const rescan = await again.scan('files');
    const rerun = again.start(rescan.scanId as string, null);
    if ('error' in rerun) throw new Error(rerun.error);
    await again.finished(rerun.runId);
    expect(again.status(rerun.runId)?.files[0]).toMatchObject({ inserted: 20_000 - stored, unchanged: stored, updated: 0, rejected: 0 });
    expect(connection.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(20_000);
  }, 120_000);
});
