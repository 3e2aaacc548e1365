import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT, snapshotTableOrder } from '@shared/hub/carrier';
import { openDatabase } from '../db/open-database';
import type { HubClient } from './hub-client';
import { loadSnapshot } from './snapshot-load';
import { readSnapshot } from './snapshot-repo';

const ACCOUNTS = 100_000;

let dir: string | undefined;
let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const account = (id: number) =>
  [id, `S-${id}`, String(555000000000 + id), `Holder${id % 991} Person${id}`, `a${id}@example.com`, '', 'att', 'consumer', 'postpaid', 'active', 12,
    'USD', 4500, 'US', 'north', '10001', 'en', '\\N', '2026-03-10T00:00:00.000Z'].join('\t');

/** A snapshot as the hub streams it: `accounts` accounts, one line, nothing else. */
function snapshotText(head: number, accounts: number): string {
  const rows: Record<string, string[]> = {
    accounts: Array.from({ length: accounts }, (_, i) => account(i + 1)),
    lines: ['1\tL-1\t1\t+12125550111\twireless_voice\t2500\tactive\t\\N'],
  };
  const header = { format: SNAPSHOT_FORMAT, head, takenAt: '2026-03-10T00:00:00.000Z', tables: snapshotTableOrder.map((table) => ({ table, rows: rows[table]?.length ?? 0 })) };
  return `${JSON.stringify(header)}\n${snapshotTableOrder.map((table) => `@${table}\n${(rows[table] ?? []).map((r) => `${r}\n`).join('')}\\.\n`).join('')}`;
}

/** The stream in 64 KiB pieces, each in a later turn of the event loop, as a socket hands them over. */
function clientStreaming(text: string): HubClient {
  async function* pieces() {
    for (let at = 0; at < text.length; at += 65_536) {
      await new Promise((resolve) => setImmediate(resolve));
      yield text.slice(at, at + 65_536);
    }
  }
  return {
    url: 'http://hub.test',
    call: async () => ({ ok: false, error: { code: 'HUB_UNREACHABLE' } }),
    download: async () => ({ ok: true, value: Readable.from(pieces()) as unknown as IncomingMessage }),
    upload: async () => ({ ok: false, error: { code: 'HUB_UNREACHABLE' } }),
    openChangeStream: () => ({ close: () => undefined }),
  };
}

const clock = () => new Date('2026-03-10T12:00:00.000Z');

async function loadWatched(file: string, text: string, writeThread: boolean) {
  db = openDatabase(file);
  const connection = db;
  const dataVersion = () => connection.pragma('data_version', { simple: true }) as number;
  const before = dataVersion();
  // As the screen sees each step (the in-place loader updates one object as it goes).
  const progress: string[] = [];
  let searchedWhileLoading: number | null = null;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const answer = await loadSnapshot(
    connection,
    clientStreaming(text),
    'token',
    clock,
    (p) => {
      progress.push(`${p.state}:${p.searchReady}`);
      // Searching works as soon as the progress says so, while the lines are still to come.
      if (p.searchReady && p.state === 'loading' && searchedWhileLoading === null) {
        searchedWhileLoading = (connection.prepare("SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'person777*'").pluck().get() as number);
      }
    },
    undefined,
    { writeThread },
  );
  lag.disable();
  const result = {
    answer,
    record: readSnapshot(connection),
    maxLagMs: lag.max / 1e6,
    otherConnectionCommitted: dataVersion() !== before,
    steps: progress.filter((step, i, all) => step !== all[i - 1]),
    searchedWhileLoading,
    accounts: connection.prepare('SELECT count(*) FROM accounts').pluck().get(),
    suspended: connection.prepare('SELECT count(*) FROM import_suspended_schema').pluck().get(),
  };
  connection.close();
  db = undefined;
  return result;
}

describe('the snapshot load writes on a thread of its own', () => {
  it('loads through another connection with the progress fed and search early, where loading in place holds the loop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-thread-'));
    const text = snapshotText(11, ACCOUNTS);
    const threaded = await loadWatched(join(dir, 'threaded.sqlite'), text, true);
    const inPlace = await loadWatched(join(dir, 'in-place.sqlite'), text, false);

    for (const run of [threaded, inPlace]) {
      expect(run.answer).toMatchObject({ ok: true, value: { head: 11, rows: ACCOUNTS + 1 } });
      expect(run.record).toMatchObject({ state: 'done', head: 11, startedAt: '2026-03-10T12:00:00.000Z' });
      expect(run.steps).toEqual(['loading:false', 'loading:true', 'done:true']);
      // 'person777*' matches Person777, Person7770 to Person7779 and Person77700 to Person77799.
      expect(run.searchedWhileLoading).toBe(111);
      expect([run.accounts, run.suspended]).toEqual([ACCOUNTS, 0]);
    }
    if (threaded.answer.ok) expect(threaded.answer.value.searchReadyMs).toBeGreaterThan(0);
    expect(threaded.otherConnectionCommitted).toBe(true);
    expect(inPlace.otherConnectionCommitted).toBe(false);
    // In place the loop waits for each 20,000-row transaction and for the name index's rebuild;
    // on the thread this one only passes text along. A same-run ratio: the cores are shared
    // (in place held the loop 141 to 335 ms in full runs, the thread 22 ms).
    expect(inPlace.maxLagMs).toBeGreaterThan(60);
    expect(threaded.maxLagMs).toBeLessThan(inPlace.maxLagMs / 2);
    console.info(`snapshot-thread test: max event-loop lag threaded ${threaded.maxLagMs.toFixed(1)} ms, in place ${inPlace.maxLagMs.toFixed(1)} ms`);
  }, 120_000);

  it('refuses a stream cut short on the thread as in place: the record left loading, the indexes back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-thread-'));
    const text = snapshotText(5, 30);
    const run = await loadWatched(join(dir, 'cut.sqlite'), text.slice(0, text.indexOf('S-25')), true);
    expect(run.answer).toMatchObject({ ok: false, error: { code: 'HUB_BAD_ANSWER', cause: 'the snapshot ended early' } });
    expect(run.record?.state).toBe('loading');
    expect(run.suspended).toBe(0);
    expect(run.steps.at(-1)).toBe('failed:false');
  }, 60_000);
});
