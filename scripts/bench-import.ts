/**
 * Import throughput and memory on generated feeds (default: 1,000,000 accounts):
 *   tsx scripts/bench-import.ts [--accounts 1000000] [--format ndjson|csv] [--json out.json] [--fresh-only] [--no-bare]
 *     [--writer thread|main|both]
 * `--writer main` writes on the main thread through its own connection (as before issue 16's
 * writer thread); `both` runs the fresh import both ways, main first, for same-run figures of
 * how long the main thread's event loop is held.
 * Writes the feeds once into .cache/feeds; loads them bare into a fresh database of the same
 * schema (feeds/bare-bulk-load.ts: the bound, NDJSON only), imports them into another fresh
 * database through the import service (validation, references, upserts, batches: the app's
 * path), then imports them again (every row unchanged). Each pass reports wall and CPU time
 * and peak RSS; the fresh import is also given as a ratio of the bare load of the same run.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeLag, idleLag, load1, startLagProbe, type LoopLag } from './bench/loop-lag';
import { openDatabase } from '../electron/main/db/open-database';
import { createFeedImportService } from '../electron/main/feeds/feed-import-service';
import { bareBulkLoad } from './feeds/bare-bulk-load';
import { writeGeneratedFeeds } from './feeds/write-feed-files';

/** Issue 16's targets. */
const TARGET = { freshRowsPerSecond: 150_000, freshOverBare: 0.8, againRowsPerSecond: 500_000, peakRssMb: 300 } as const;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    format: { type: 'string', default: 'ndjson' },
    json: { type: 'string' },
    'fresh-only': { type: 'boolean', default: false },
    'no-bare': { type: 'boolean', default: false },
    writer: { type: 'string', default: 'thread' },
  },
});
const accounts = Number(values.accounts);
const format = values.format === 'csv' ? 'csv' : 'ndjson';
const root = resolve(__dirname, '..');
const feedDir = join(root, '.cache/feeds', `${accounts}-seed-1-${format}`);
// Per process, so that two runs at once (several engineers share the machine) never share a database.
const workDir = join(root, '.cache', `bench-import-${process.pid}`);

if (!existsSync(join(feedDir, `impacts.${format}`))) {
  console.log(`writing feeds for ${accounts} accounts to ${feedDir}...`);
  writeGeneratedFeeds(feedDir, { accounts, seed: 1, format });
}

interface Pass {
  writer: 'thread' | 'main';
  /** The machine's 1-minute load average at the start and end of the pass (2 cores, shared). */
  load: [number, number];
  /** The main thread's event loop from the run's start to its end (the scan before it excluded), and idle for 10 s just before. */
  runLag: LoopLag;
  idleLag: LoopLag;
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** The event loop's longest and p99 delay during the pass (ms), scan included. */
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  /** CPU time of this process (user + system) during the import: fair under load where wall time is not. */
  cpuSeconds: number;
  rowsPerCpuSecond: number;
  files: Array<{ file: string; rows: number; inserted: number; updated: number; unchanged: number; rejected: number }>;
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  /** The longest and the 99th-percentile delay of this thread's event loop (ms): how long the writing thread held it. */
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
}

/** Runs `work` with wall time, this process's CPU time (user + system, every thread) and peak RSS sampled every 50 ms. */
async function measure(work: () => Promise<void>): Promise<Measured> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  try {
    await work();
  } finally {
    clearInterval(sampler);
    delay.disable();
  }
  const cpu = process.cpuUsage(cpuStarted);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: Math.round(peakRss / 2 ** 20),
    eventLoopMaxMs: Math.round(delay.max / 1e6),
    eventLoopP99Ms: Math.round(delay.percentile(99) / 1e6),
  };
}

interface BarePass {
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  cpuSeconds: number;
  rowsPerCpuSecond: number;
  peakRssMb: number;
}

async function bareOnce(dbPath: string): Promise<BarePass> {
  const db = openDatabase(dbPath);
  let rows = 0;
  const m = await measure(async () => {
    rows = await bareBulkLoad(db, feedDir, new Date().toISOString());
  });
  db.close();
  return {
    seconds: Number(m.seconds.toFixed(2)),
    rows,
    rowsPerSecond: Math.round(rows / m.seconds),
    cpuSeconds: Number(m.cpuSeconds.toFixed(2)),
    rowsPerCpuSecond: Math.round(rows / m.cpuSeconds),
    peakRssMb: m.peakRssMb,
  };
}


async function importOnce(dbPath: string, writer: 'thread' | 'main'): Promise<Pass> {
  const db = openDatabase(dbPath);
  const loadBefore = load1();
  const service = createFeedImportService({
    db,
    writeThread: writer === 'thread',
    clock: () => new Date(),
    pickFeedFiles: async () => [feedDir],
    reportsDir: join(workDir, 'reports'),
    onError: (error) => console.error('import failed:', error),
  });
  // Peak RSS from before the scan; time from the start of the run (the scan is the dialog's step).
  let runId = '';
  let seconds = 0;
  let cpuSeconds = 0;
  let runLag: LoopLag | null = null;
  const idle = await idleLag(10_000);
  const m = await measure(async () => {
    const scan = await service.scan('folder');
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const run = service.start(scan.scanId as string, null);
    if ('error' in run) throw new Error(run.error);
    runId = run.runId;
    const probe = startLagProbe(() => {
      const status = service.status(run.runId);
      const file = status?.files.find((f) => f.rowsDone < f.rowsTotal) ?? status?.files.at(-1);
      return status ? `${status.state} ${file?.fileName ?? ''} ${file?.rowsDone ?? 0}/${file?.rowsTotal ?? 0}` : '';
    });
    await service.finished(run.runId);
    runLag = probe.stop();
    seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    cpuSeconds = (cpu.user + cpu.system) / 1e6;
  });
  const status = service.status(runId);
  db.close();
  if (!status || status.state !== 'done') throw new Error(`import ended ${status?.state}`);
  return {
    writer,
    load: [loadBefore, load1()],
    runLag: runLag as unknown as LoopLag,
    idleLag: idle,
    seconds: Number(seconds.toFixed(2)),
    rows: status.rowsDone,
    rowsPerSecond: Math.round(status.rowsDone / seconds),
    peakRssMb: m.peakRssMb,
    eventLoopMaxMs: m.eventLoopMaxMs,
    eventLoopP99Ms: m.eventLoopP99Ms,
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    rowsPerCpuSecond: Math.round(status.rowsDone / cpuSeconds),
    files: status.files.map((f) => ({ file: f.fileName, rows: f.rowsTotal, inserted: f.inserted, updated: f.updated, unchanged: f.unchanged, rejected: f.rejected })),
  };
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

async function main(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const bare = values['no-bare'] || format !== 'ndjson' ? null : await bareOnce(join(workDir, 'bare.sqlite'));
  if (bare) {
    console.log(`bare bulk load (bound): ${bare.rows} rows in ${bare.seconds} s = ${bare.rowsPerSecond} rows/s, CPU ${bare.cpuSeconds} s (${bare.rowsPerCpuSecond} rows/CPU-s), peak RSS ${bare.peakRssMb} MB`);
    rmSync(join(workDir, 'bare.sqlite'), { force: true });
  }
  const dbPath = join(workDir, 'import.sqlite');
  const describe = (pass: Pass) =>
    `writer on ${pass.writer === 'thread' ? 'its own thread' : 'the main thread'}, load ${pass.load[0]} to ${pass.load[1]}: ` +
    `main thread's event loop during the run ${describeLag(pass.runLag)}; scan included: max ${pass.eventLoopMaxMs} ms (p99 ${pass.eventLoopP99Ms}); ` +
    `idle 10 s just before: ${describeLag(pass.idleLag)}`;
  // The "before" of the writer thread, in the same run: the same import written on the main thread.
  let mainWriter: Pass | null = null;
  if (values.writer === 'both') {
    mainWriter = await importOnce(join(workDir, 'import-main.sqlite'), 'main');
    rmSync(join(workDir, 'import-main.sqlite'), { force: true });
    console.log(`fresh import, ${describe(mainWriter)}; ${mainWriter.rows} rows in ${mainWriter.seconds} s = ${mainWriter.rowsPerSecond} rows/s, CPU ${mainWriter.cpuSeconds} s, peak RSS ${mainWriter.peakRssMb} MB`);
  }
  const writer = values.writer === 'main' ? 'main' : 'thread';
  const fresh = await importOnce(dbPath, writer);
  console.log(`fresh import, ${describe(fresh)}`);
  const overBare = bare ? { wall: ratio(fresh.rowsPerSecond, bare.rowsPerSecond), cpu: ratio(fresh.rowsPerCpuSecond, bare.rowsPerCpuSecond) } : null;
  console.log(
    `fresh import: ${fresh.rows} rows in ${fresh.seconds} s = ${fresh.rowsPerSecond} rows/s, CPU ${fresh.cpuSeconds} s (${fresh.rowsPerCpuSecond} rows/CPU-s), peak RSS ${fresh.peakRssMb} MB, event loop held up to ${fresh.eventLoopMaxMs} ms (p99 ${fresh.eventLoopP99Ms})` +
      (overBare ? `; ${overBare.wall}x the bare load's rows/s (wall), ${overBare.cpu}x per CPU-second` : ''),
  );
  const again = values['fresh-only'] ? null : await importOnce(dbPath, writer);
  if (again) {
    console.log(`re-import, ${describe(again)}`);
    console.log(`re-import (all unchanged): ${again.rows} rows in ${again.seconds} s = ${again.rowsPerSecond} rows/s, CPU ${again.cpuSeconds} s (${again.rowsPerCpuSecond} rows/CPU-s), peak RSS ${again.peakRssMb} MB, event loop held up to ${again.eventLoopMaxMs} ms (p99 ${again.eventLoopP99Ms})`);
  }
  const peakRssMb = Math.max(fresh.peakRssMb, again?.peakRssMb ?? 0);
  const checks = [
    [`fresh >= ${TARGET.freshRowsPerSecond} rows/s`, fresh.rowsPerSecond >= TARGET.freshRowsPerSecond],
    ...(overBare ? [[`fresh >= ${TARGET.freshOverBare}x bare (wall)`, overBare.wall >= TARGET.freshOverBare] as const] : []),
    ...(again ? [[`re-import >= ${TARGET.againRowsPerSecond} rows/s`, again.rowsPerSecond >= TARGET.againRowsPerSecond] as const] : []),
    [`peak RSS <= ${TARGET.peakRssMb} MB`, peakRssMb <= TARGET.peakRssMb],
  ] as const;
  for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
  const result = { accounts, format, target: TARGET, bare, mainWriter, fresh, freshOverBare: overBare, again };
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
  rmSync(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
