/**
 * `npm run bench:hub -- --part snapshot`: a new desktop's time to first search and to fully
 * synced against a hub holding the bench cache's carrier data (1,000,000 accounts, about 2M
 * lines and 1.4M impacts by default), the hub in its own process (`npm run hub`) on a private
 * PostgreSQL 15 with fsync on, the desktop here (a fresh SQLite cache, the app's own loader,
 * electron/main/hub-sync/snapshot-load.ts). Next to each figure, a raw bound from the same run:
 *   - the bare COPY TO of the same SELECTs in one REPEATABLE READ transaction, bytes discarded
 *     (what PostgreSQL and the wire cost before any desktop work);
 *   - the bare SQLite copy of the same rows from the bench file (ATTACH, INSERT ... SELECT, the
 *     same indexes and name triggers set aside and rebuilt): what SQLite costs with no parsing
 *     or transport.
 * CPU seconds of the desktop (this process), the hub process and the machine as a whole are
 * printed with the load average: the machine has 2 cores shared with other work.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { snapshotTableOrder } from '@shared/hub/carrier';
import { openDatabase } from '../../../electron/main/db/open-database';
import { restoreLoadSchema, suspendLoadSchema } from '../../../electron/main/feeds/suspended-schema-repo';
import { createHubClient } from '../../../electron/main/hub-sync/hub-client';
import { loadSnapshot, type SnapshotProgress } from '../../../electron/main/hub-sync/snapshot-load';
import { searchAccounts } from '../../../electron/main/search/search-service';
import { snapshotSelect } from '../../../hub/src/carrier/carrier-select';
import { enrolAndSignIn, spawnHub, startBenchCluster } from './bench-site';
import { copyCarrierData } from './carrier-copy';
import { machineState, measureCpu } from './machine';
import { describeLag, idleLag, startLagProbe, type LoopLag } from '../loop-lag';

export interface SnapshotBenchOptions {
  readonly sqlitePath: string;
  /** The holder name searched for once the accounts are in. */
  readonly query?: string;
  /**
   * Who writes each load, in order, each into a fresh cache from the same hub: the loader's own
   * thread (the app's way) or `main`, the main thread (before the snapshot's writer thread).
   */
  readonly writers?: readonly ('thread' | 'main')[];
  /** Skips the bare COPY TO and bare SQLite copy (the raw bounds) to save time. */
  readonly noBare?: boolean;
}

/** One load of the snapshot into a fresh cache, with the main thread's event loop watched. */
export interface SnapshotLoadRun {
  readonly writer: 'thread' | 'main';
  readonly firstSearchMs: number;
  readonly firstSearchHits: number;
  readonly accountsWrittenMs: number;
  readonly firstSearchCpuSeconds: number;
  readonly fullySyncedMs: number;
  readonly desktopCpuSeconds: number;
  readonly hubCpuSeconds: number;
  readonly machineBusyPercent: number;
  readonly lag: LoopLag;
  readonly idleLag: LoopLag;
  readonly rows: Record<string, number>;
  readonly searchReadyMs: number;
}

export interface SnapshotBenchResult {
  readonly rows: Record<string, number>;
  readonly firstSearchMs: number;
  readonly searchReadyMs: number;
  readonly fullySyncedMs: number;
  readonly firstSearchHits: number;
  /** When the last account row was written (before the accounts' index and name-index rebuild). */
  readonly accountsWrittenMs: number;
  /** CPU seconds of this process (the desktop) up to the first search. */
  readonly firstSearchCpuSeconds: number;
  readonly snapshotBytes: number;
  readonly bareCopyToMs: number;
  readonly bareCopyToBytes: number;
  readonly bareSqliteAccountsMs: number;
  readonly bareSqliteAllMs: number;
  readonly cpu: { desktopSeconds: number; hubSeconds: number; machineBusyPercent: number; wallSeconds: number };
  readonly fillMs: number;
  readonly machine: ReturnType<typeof machineState>;
  readonly machineAfter: ReturnType<typeof machineState>;
  readonly loads: readonly SnapshotLoadRun[];
}

async function bareCopyTo(url: string): Promise<{ ms: number; bytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let bytes = 0;
  const started = performance.now();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const table of snapshotTableOrder) {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      });
      await new Promise<void>((resolve, reject) => {
        const source = client.query(copyTo(`COPY (${snapshotSelect(table)}) TO STDOUT`));
        source.on('error', reject);
        sink.on('finish', () => resolve());
        source.pipe(sink);
      });
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { ms: performance.now() - started, bytes };
}

/** The same rows from the bench file into a fresh cache by SQLite alone, indexes set aside as the loader does. */
function bareSqlite(sqlitePath: string, dir: string): { accountsMs: number; allMs: number } {
  const db = openDatabase(join(dir, 'bare.sqlite'));
  try {
    db.exec(`ATTACH DATABASE '${sqlitePath.replace(/'/g, "''")}' AS src`);
    const started = performance.now();
    suspendLoadSchema(db, ['accounts']);
    db.transaction(() => db.exec('INSERT INTO main.accounts SELECT * FROM src.accounts ORDER BY id')).immediate();
    restoreLoadSchema(db);
    const accountsMs = performance.now() - started;
    suspendLoadSchema(db, ['lines', 'impacts']);
    db.transaction(() => {
      db.exec(`INSERT INTO main.outages SELECT * FROM src.outages ORDER BY id;
        INSERT INTO main.lines SELECT * FROM src.lines ORDER BY id;
        INSERT INTO main.impacts SELECT * FROM src.impacts ORDER BY id;`);
    }).immediate();
    restoreLoadSchema(db);
    return { accountsMs, allMs: performance.now() - started };
  } finally {
    db.close();
  }
}

export async function runSnapshotBench(options: SnapshotBenchOptions): Promise<SnapshotBenchResult> {
  if (!existsSync(options.sqlitePath)) {
    throw new Error(`${options.sqlitePath} is missing: npx tsx scripts/generate.ts --accounts 1000000 --seed 1 --out ${options.sqlitePath}`);
  }
  const machine = machineState();
  const dir = mkdtempSync(join(tmpdir(), 'ocd-bench-snapshot-'));
  const { cluster, ownerUrl, appUrl } = await startBenchCluster({ agents: 1, supervisors: 0, accounts: 0, outages: 0 });
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  let hub: Awaited<ReturnType<typeof spawnHub>> | null = null;
  try {
    const source = new Database(options.sqlitePath, { readonly: true });
    const fillStarted = performance.now();
    const copied = await copyCarrierData(source, owner, { withoutCredits: true });
    const fillMs = performance.now() - fillStarted;
    const query = options.query ?? (source.prepare('SELECT holder_name FROM accounts WHERE id = ?').pluck().get(Math.ceil(copied.accounts * 0.777)) as string);
    source.close();
    console.log(`  filled the hub: ${copied.accounts} accounts, ${copied.lines} lines, ${copied.impacts} impacts in ${(fillMs / 1000).toFixed(1)} s`);
    hub = await spawnHub(appUrl);
    const [desktop] = await enrolAndSignIn(ownerUrl, hub.url, { agents: 1, supervisors: 0, accounts: 0, outages: 0 });

    const client = createHubClient({ url: hub.url.toString(), ca: null, timeoutMs: 60_000 });
    const loads: SnapshotLoadRun[] = [];
    for (const [index, writer] of (options.writers ?? ['thread']).entries()) {
      const file = join(dir, `fresh-${index}.sqlite`);
      loads.push(await loadOnce(file, writer, client, desktop!.token, query, hub.child.pid!));
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    }
    const last = loads.at(-1)!;
    const rows = last.rows;
    const { firstSearchMs, firstSearchHits, accountsWrittenMs, firstSearchCpuSeconds, fullySyncedMs } = last;

    const bare = options.noBare ? { ms: 0, bytes: 0 } : await bareCopyTo(appUrl);
    const bareLocal = options.noBare ? { accountsMs: 0, allMs: 0 } : bareSqlite(options.sqlitePath, dir);
    return {
      rows,
      firstSearchMs,
      searchReadyMs: last.searchReadyMs,
      fullySyncedMs,
      firstSearchHits,
      accountsWrittenMs,
      firstSearchCpuSeconds,
      snapshotBytes: bare.bytes,
      bareCopyToMs: bare.ms,
      bareCopyToBytes: bare.bytes,
      bareSqliteAccountsMs: bareLocal.accountsMs,
      bareSqliteAllMs: bareLocal.allMs,
      cpu: {
        desktopSeconds: last.desktopCpuSeconds,
        hubSeconds: last.hubCpuSeconds,
        machineBusyPercent: last.machineBusyPercent,
        wallSeconds: fullySyncedMs / 1000,
      },
      fillMs,
      machine,
      machineAfter: machineState(),
      loads,
    };
  } finally {
    await hub?.stop();
    await owner.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadOnce(file: string, writer: 'thread' | 'main', client: ReturnType<typeof createHubClient>, token: string, query: string, hubPid: number): Promise<SnapshotLoadRun> {
  const idle = await idleLag(10_000);
  const db = openDatabase(file);
  let firstSearchMs = 0;
  let firstSearchHits = 0;
  let accountsWrittenMs = 0;
  let firstSearchCpuSeconds = 0;
  let last: SnapshotProgress | null = null;
  const cpu = measureCpu(hubPid);
  const hubTicks = readTicks(hubPid);
  const self = process.cpuUsage();
  const started = performance.now();
  let lastPrint = 0;
  const probe = startLagProbe(() => (last ? last.tables.map((t) => `${t.table} ${t.loaded}/${t.total}`).join(' ') + (last.searchReady ? ' searchable' : '') : 'start'));
  const loaded = await loadSnapshot(
    db,
    client,
    token,
    () => new Date(),
    (progress) => {
      last = { ...progress, tables: progress.tables.map((t) => ({ ...t })) };
      const accounts = progress.tables.find((t) => t.table === 'accounts');
      if (accountsWrittenMs === 0 && accounts && accounts.total > 0 && accounts.loaded === accounts.total) accountsWrittenMs = performance.now() - started;
      if (progress.searchReady && firstSearchMs === 0) {
        firstSearchHits = searchAccounts(db, query).results.length;
        firstSearchMs = performance.now() - started;
        const cpuNow = process.cpuUsage(self);
        firstSearchCpuSeconds = (cpuNow.user + cpuNow.system) / 1e6;
      }
      const now = performance.now();
      if (now - lastPrint > 5_000) {
        lastPrint = now;
        console.log(`  ${writer} ${((now - started) / 1000).toFixed(1)} s: ${progress.tables.map((t) => `${t.table} ${t.loaded}/${t.total}`).join(', ')}`);
      }
    },
    undefined,
    { writeThread: writer === 'thread' },
  );
  const lag = probe.stop();
  const fullySyncedMs = performance.now() - started;
  const used = process.cpuUsage(self);
  const share = cpu.stop();
  const hubCpuSeconds = (readTicks(hubPid) - hubTicks) / 100;
  db.close();
  if (!loaded.ok) throw new Error(`snapshot failed: ${JSON.stringify(loaded.error)}`);
  const run: SnapshotLoadRun = {
    writer,
    firstSearchMs,
    firstSearchHits,
    accountsWrittenMs,
    firstSearchCpuSeconds,
    fullySyncedMs,
    desktopCpuSeconds: (used.user + used.system) / 1e6,
    hubCpuSeconds,
    machineBusyPercent: share.machineBusyPercent,
    lag,
    idleLag: idle,
    rows: Object.fromEntries((last as SnapshotProgress | null)!.tables.map((t) => [t.table, t.loaded])),
    searchReadyMs: loaded.value.searchReadyMs,
  };
  console.log(
    `  load written on ${writer === 'thread' ? 'its own thread' : 'the main thread'}: first search ${(firstSearchMs / 1000).toFixed(1)} s (${firstSearchHits} hits), fully synced ${(fullySyncedMs / 1000).toFixed(1)} s, ` +
      `desktop CPU ${run.desktopCpuSeconds.toFixed(1)} s, hub CPU ${hubCpuSeconds.toFixed(1)} s; main thread's event loop ${describeLag(lag)}; idle 10 s just before: ${describeLag(idle)}`,
  );
  return run;
}

function readTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function printSnapshotBench(result: SnapshotBenchResult): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log('\nA new desktop against the hub (snapshot, then the log)');
  console.log(`  rows: ${Object.entries(result.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  console.log(`  time to first search   ${s(result.firstSearchMs)} (target < 60 s; ${result.firstSearchHits} hits; accounts written at ${s(result.accountsWrittenMs)}, then their indexes and name index; desktop CPU ${result.firstSearchCpuSeconds.toFixed(1)} s)   raw: bare SQLite copy of the accounts with their indexes ${s(result.bareSqliteAccountsMs)}`);
  console.log(`  time to fully synced   ${s(result.fullySyncedMs)}   raw: bare COPY TO of every table ${s(result.bareCopyToMs)} (${(result.bareCopyToBytes / 1e6).toFixed(0)} MB), bare SQLite copy of every row ${s(result.bareSqliteAllMs)}`);
  console.log(`  CPU: desktop ${result.cpu.desktopSeconds.toFixed(1)} s, hub process ${result.cpu.hubSeconds.toFixed(1)} s, machine busy ${result.cpu.machineBusyPercent.toFixed(0)} % of ${result.machine.nproc} cores over ${result.cpu.wallSeconds.toFixed(1)} s`);
  console.log(`  load average before ${result.machine.loadAverage}, after ${result.machineAfter.loadAverage}; filling the hub took ${s(result.fillMs)}`);
}
