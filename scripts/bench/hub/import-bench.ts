/**
 * The hub's feed import for `npm run bench:hub -- --only import` (issue 12: at least 100,000
 * rows/s into PostgreSQL with validation): a generated feed (scripts/feeds/write-feed-files.ts,
 * cached by size and seed) imported by the hub's own runner (hub/src/feeds/hub-import.ts) into a
 * private PostgreSQL 15 cluster with fsync on, first into empty tables, then again (every row
 * unchanged). For scale, the same rows, encoded beforehand, are COPYed bare into an unindexed
 * table of the same columns: what PostgreSQL alone takes in, with no JavaScript, validation,
 * merge or index. CPU is counted for this process (parse, validation, encoding) and for the
 * cluster's processes, with the machine's load before and after.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { feedEntities, detectFeedFile } from '@shared/feeds/feed-entities';
import { feedRecordsOfText } from '@shared/feeds/feed-records';
import { checkFeedRow } from '@shared/feeds/row-problem';
import type { FeedRows } from '@shared/feeds/feed-row-schemas';
import { migrate } from '../../../hub/src/db/migrate';
import { startLocalCluster, type LocalCluster } from '../../../hub/src/db/local-cluster';
import { decodedText, fileSource, folderSources } from '../../../hub/src/feeds/feed-text';
import { stagedFeeds, type StagedEntity } from '../../../hub/src/feeds/feed-merge';
import { runFeedImport } from '../../../hub/src/feeds/hub-import';
import { listImportRunFiles } from '../../../hub/src/feeds/import-run-repo';
import { writeGeneratedFeeds } from '../../feeds/write-feed-files';
import { machineState } from './machine';

const ROOT = resolve(__dirname, '..', '..', '..');
export const IMPORT_TARGET_ROWS_PER_SECOND = 100_000;

export interface ImportBenchOptions {
  readonly accounts: number;
  readonly seed: number;
  readonly format: 'ndjson' | 'csv';
}

export interface ImportPass {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly benchCpuSeconds: number;
  readonly postgresCpuSeconds: number;
  readonly counts: Record<string, { rows: number; inserted: number; updated: number; unchanged: number; rejected: number }>;
}

export interface ImportBenchResult {
  readonly feedDir: string;
  readonly machine: { before: ReturnType<typeof machineState>; after: ReturnType<typeof machineState> };
  readonly firstLoad: ImportPass;
  readonly reimport: ImportPass;
  readonly bareCopy: { rows: number; seconds: number; rowsPerSecond: number; postgresCpuSeconds: number };
}

const TICKS_PER_SECOND = 100;

/** CPU ticks of the cluster: the postmaster and its children, alive now or ended. */
function clusterTicks(cluster: LocalCluster): number {
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // The postmaster's cutime and cstime count its children that ended (a pass's connections close before the next).
      if (Number(entry) === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks;
}

function feedDir(options: ImportBenchOptions): string {
  const dir = resolve(ROOT, '.cache', 'feeds', `${options.accounts}-seed-${options.seed}-${options.format}`);
  if (!existsSync(join(dir, `impacts.${options.format}`))) {
    console.log(`writing the generated feeds (${options.accounts} accounts) to ${dir} ...`);
    writeGeneratedFeeds(dir, { accounts: options.accounts, seed: options.seed, format: options.format });
  }
  return dir;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function importPass(pool: pg.Pool, cluster: LocalCluster, dir: string): Promise<ImportPass> {
  const sources = await folderSources(dir);
  const cpu = process.cpuUsage();
  const pgTicks = clusterTicks(cluster);
  const started = performance.now();
  const result = await runFeedImport({ pool, sources, clock: () => new Date(), origin: 'command_line' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const postgresCpuSeconds = (clusterTicks(cluster) - pgTicks) / TICKS_PER_SECOND;
  if (result.state !== 'done') throw new Error(`the import ended ${result.state}`);
  const files = await listImportRunFiles(pool, result.runId);
  const rows = files.reduce((sum, f) => sum + f.rowsDone, 0);
  return {
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    benchCpuSeconds: (used.user + used.system) / 1e6,
    postgresCpuSeconds,
    counts: Object.fromEntries(files.map((f) => [f.fileName, { rows: f.rowsDone, inserted: f.inserted, updated: f.updated, unchanged: f.unchanged, rejected: f.rejected }])),
  };
}

/** The staged feeds' rows, validated and encoded as the import sends them, into unindexed tables by bare COPY. */
async function bareCopy(ownerUrl: string, cluster: LocalCluster, dir: string) {
  const encoded: { entity: StagedEntity; text: string[]; rows: number }[] = [];
  for (const entity of feedEntities) {
    const name = readdirSync(dir).find((file) => detectFeedFile(file)?.entity === entity);
    if (!name || (entity !== 'accounts' && entity !== 'lines' && entity !== 'outages' && entity !== 'impacts')) continue;
    const kind = detectFeedFile(name)!;
    const staged = stagedFeeds[entity];
    const text: string[] = [];
    let part = '';
    let rows = 0;
    for await (const records of feedRecordsOfText(decodedText(fileSource(join(dir, name)).open()), kind)) {
      for (const record of records) {
        const checked = checkFeedRow(entity, record.value);
        if (!checked.ok) continue;
        part += (staged.encode as (row: FeedRows[StagedEntity], line: number) => string)(checked.row as FeedRows[StagedEntity], record.line);
        rows += 1;
        if (part.length >= 1 << 16) {
          text.push(part);
          part = '';
        }
      }
    }
    text.push(part);
    encoded.push({ entity, text, rows });
  }
  return withClient(ownerUrl, async (client) => {
    for (const { entity } of encoded) {
      const staged = stagedFeeds[entity];
      // The staging table's columns, as a plain table without any index.
      await client.query(staged.ddl.replace(/CREATE TEMP TABLE IF NOT EXISTS (\w+)/g, 'CREATE TABLE IF NOT EXISTS bare_$1').replace(/ ON COMMIT DELETE ROWS/g, ''));
    }
    const pgTicks = clusterTicks(cluster);
    const started = performance.now();
    for (const { entity, text } of encoded) {
      await client.query('BEGIN');
      const copy = client.query(copyFrom(stagedFeeds[entity].copy.replace(/^COPY (\w+)/, 'COPY bare_$1')));
      for (const part of text) if (!copy.write(part)) await once(copy, 'drain');
      const done = once(copy, 'finish');
      copy.end();
      await done;
      await client.query('COMMIT');
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = encoded.reduce((sum, e) => sum + e.rows, 0);
    return { rows, seconds, rowsPerSecond: rows / seconds, postgresCpuSeconds: (clusterTicks(cluster) - pgTicks) / TICKS_PER_SECOND };
  });
}

export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const dir = feedDir(options);
  const before = machineState();
  const cluster = await startLocalCluster({ fsync: true });
  try {
    await withClient(cluster.url('postgres'), (client) => client.query('CREATE DATABASE ocd_hub'));
    const ownerUrl = cluster.url('ocd_hub');
    await withClient(ownerUrl, async (client) => {
      await migrate(client);
      await client.query('CREATE ROLE ocd_hub LOGIN IN ROLE ocd_hub_app');
    });
    const appUrl = new URL(ownerUrl);
    appUrl.username = 'ocd_hub';
    const pool = new pg.Pool({ connectionString: appUrl.toString(), max: 4 });
    try {
      const firstLoad = await importPass(pool, cluster, dir);
      const reimport = await importPass(pool, cluster, dir);
      const bare = await bareCopy(ownerUrl, cluster, dir);
      return { feedDir: dir, machine: { before, after: machineState() }, firstLoad, reimport, bareCopy: bare };
    } finally {
      await pool.end();
    }
  } finally {
    await cluster.stop();
  }
}

export function printImportBench(result: ImportBenchResult): void {
  const pass = (name: string, p: ImportPass) =>
    `  ${name.padEnd(26)} ${p.rows} rows in ${p.seconds.toFixed(1)} s = ${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s` +
    `  (CPU: bench ${p.benchCpuSeconds.toFixed(1)} s, PostgreSQL ${p.postgresCpuSeconds.toFixed(1)} s)`;
  console.log(`Hub feed import: ${result.feedDir}; machine ${result.machine.before.nproc} cores, load average before ${result.machine.before.loadAverage}, after ${result.machine.after.loadAverage}`);
  console.log(pass('first load (empty tables)', result.firstLoad));
  for (const [file, c] of Object.entries(result.firstLoad.counts)) {
    console.log(`    ${file.padEnd(24)} ${c.rows} rows: ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`);
  }
  console.log(pass('re-import (all unchanged)', result.reimport));
  const bare = result.bareCopy;
  console.log(
    `  raw bound: bare COPY of the same rows (pre-encoded) into unindexed tables: ${bare.rows} rows in ${bare.seconds.toFixed(1)} s = ` +
      `${Math.round(bare.rowsPerSecond).toLocaleString('en-US')} rows/s (PostgreSQL CPU ${bare.postgresCpuSeconds.toFixed(1)} s)`,
  );
  const verdict = result.firstLoad.rowsPerSecond >= IMPORT_TARGET_ROWS_PER_SECOND ? 'meets' : 'MISSES';
  console.log(
    `(import) first load ${Math.round(result.firstLoad.rowsPerSecond).toLocaleString('en-US')} rows/s with validation: ${verdict} >= ${IMPORT_TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s;` +
      ` ${(result.firstLoad.rowsPerSecond / bare.rowsPerSecond).toFixed(2)}x the bare COPY; re-import ${Math.round(result.reimport.rowsPerSecond).toLocaleString('en-US')} rows/s`,
  );
}
