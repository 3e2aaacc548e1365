/**
 * Import throughput and memory on generated feeds (default: 1,000,000 accounts):
 *   tsx scripts/bench-import.ts [--accounts 1000000] [--format ndjson|csv] [--json out.json] [--fresh-only]
 * Writes the feeds once into .cache/feeds, imports them into a fresh database through the
 * import service (validation, references, upserts, batches: the app's path), then imports
 * them again (every row unchanged). Peak RSS is sampled while importing.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/main/db/open-database';
import { createFeedImportService } from '../electron/main/feeds/feed-import-service';
import { writeGeneratedFeeds } from './feeds/write-feed-files';

const TARGET_ROWS_PER_SECOND = 100_000;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    format: { type: 'string', default: 'ndjson' },
    json: { type: 'string' },
    'fresh-only': { type: 'boolean', default: false },
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
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** CPU time of this process (user + system) during the import: fair under load where wall time is not. */
  cpuSeconds: number;
  rowsPerCpuSecond: number;
  files: Array<{ file: string; rows: number; inserted: number; updated: number; unchanged: number; rejected: number }>;
}

async function importOnce(dbPath: string): Promise<Pass> {
  const db = openDatabase(dbPath);
  const service = createFeedImportService({
    db,
    clock: () => new Date(),
    pickFeedFiles: async () => [feedDir],
    reportsDir: join(workDir, 'reports'),
  });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const scan = await service.scan('folder');
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const run = service.start(scan.scanId as string, null);
  if ('error' in run) throw new Error(run.error);
  await service.finished(run.runId);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const status = service.status(run.runId);
  db.close();
  if (!status || status.state !== 'done') throw new Error(`import ended ${status?.state}`);
  return {
    seconds: Number(seconds.toFixed(2)),
    rows: status.rowsDone,
    rowsPerSecond: Math.round(status.rowsDone / seconds),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    rowsPerCpuSecond: Math.round(status.rowsDone / cpuSeconds),
    files: status.files.map((f) => ({ file: f.fileName, rows: f.rowsTotal, inserted: f.inserted, updated: f.updated, unchanged: f.unchanged, rejected: f.rejected })),
  };
}

async function main(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const dbPath = join(workDir, 'import.sqlite');
  const fresh = await importOnce(dbPath);
  console.log(`fresh import: ${fresh.rows} rows in ${fresh.seconds} s = ${fresh.rowsPerSecond} rows/s, CPU ${fresh.cpuSeconds} s (${fresh.rowsPerCpuSecond} rows/CPU-s), peak RSS ${fresh.peakRssMb} MB`);
  if (values['fresh-only']) {
    rmSync(workDir, { recursive: true, force: true });
    return;
  }
  const again = await importOnce(dbPath);
  console.log(`re-import (all unchanged): ${again.rows} rows in ${again.seconds} s = ${again.rowsPerSecond} rows/s, CPU ${again.cpuSeconds} s (${again.rowsPerCpuSecond} rows/CPU-s), peak RSS ${again.peakRssMb} MB`);
  const result = { accounts, format, targetRowsPerSecond: TARGET_ROWS_PER_SECOND, fresh, again };
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
  const pass = fresh.rowsPerSecond >= TARGET_ROWS_PER_SECOND && again.rowsPerSecond >= TARGET_ROWS_PER_SECOND;
  console.log(pass ? 'import target met' : `import below target of ${TARGET_ROWS_PER_SECOND} rows/s`);
  rmSync(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
