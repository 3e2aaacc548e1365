/**
 * The hub's automatic policy run for `npm run bench:hub -- --only policy-run` (issue 12: a
 * policy run across 1M accounts at the hub under 10 s). The 1M-account bench cache
 * (`.cache/bench/accounts-1000000-seed-1.sqlite`, only read) is COPYed into a private
 * PostgreSQL 15 cluster with fsync on: its accounts, lines, outages and the reference outage's
 * impacts; AT&T's February 2024 credit ($5.00 per account, v2) is attached to that outage. The
 * hub's own runner (hub/src/policies/policy-runs.ts) then runs it, in this process, on the hub
 * role's pool, and runs it again (nothing to write). For scale, in the same cluster: a bare
 * INSERT ... SELECT of as many credit rows into a table of the credits table's shape (its
 * constraints, foreign keys and indexes), in one statement, and the bare reads of a run (every chunk's
 * accounts, lines, impacts and credits as one statement each). CPU is counted for this process
 * (the rules, encoding) and for the cluster's processes, with the machine's load before and after.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { att202402MakeItRightV2 } from '@shared/policy/packs/att-2024-02-make-it-right';
import { Policy } from '@shared/policy/policy-schema';
import { startLocalCluster, type LocalCluster } from '../../../hub/src/db/local-cluster';
import { migrate } from '../../../hub/src/db/migrate';
import { DEFAULT_CHUNK_ACCOUNTS, HubPolicyRuns } from '../../../hub/src/policies/policy-runs';
import { copyCarrierData, type CopiedCounts } from './carrier-copy';
import { machineState } from './machine';

const ROOT = resolve(__dirname, '..', '..', '..');
export const POLICY_RUN_TARGET_MS = 10_000;
const NOW = new Date('2024-03-04T15:00:00.000Z');
const REFERENCE_SOURCE = 'att-2024-02-22-nationwide';
const TICKS_PER_SECOND = 100;

export interface PolicyRunBenchOptions {
  readonly accounts: number;
  readonly seed: number;
  readonly chunkAccounts: number;
  /** More first runs in the same cluster, one per chunk size, each after the credits are deleted (same-run comparisons). */
  readonly alsoChunkAccounts?: readonly number[];
}

export interface Measured {
  readonly ms: number;
  readonly benchCpuMs: number;
  readonly postgresCpuMs: number;
}

export interface PolicyRunBenchResult {
  readonly source: string;
  readonly chunkAccounts: number;
  readonly copied: CopiedCounts & { ms: number };
  readonly planned: number;
  readonly machine: { before: ReturnType<typeof machineState>; after: ReturnType<typeof machineState> };
  readonly run: Measured & { credits: number; chunks: number; longestChunkMs: number; batches: number };
  readonly rerun: Measured & { credits: number };
  readonly bareInsert: Measured & { rows: number };
  readonly bareReads: Measured & { rows: number };
  readonly variants: readonly (Measured & { chunkAccounts: number; credits: number })[];
}

/**
 * CPU ticks of the cluster: the postmaster's own and those of its children, alive (their
 * utime and stime) or ended (the postmaster's cutime and cstime: it waits for every child, so
 * a parallel worker or an autovacuum worker that ended is still counted).
 */
function clusterTicks(cluster: LocalCluster): number {
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks;
}

async function measure<T>(cluster: LocalCluster, work: () => Promise<T>): Promise<Measured & { value: T }> {
  const ticks = clusterTicks(cluster);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    value,
    ms: Math.round(ms),
    benchCpuMs: Math.round((used.user + used.system) / 1000),
    postgresCpuMs: Math.round(((clusterTicks(cluster) - ticks) * 1000) / TICKS_PER_SECOND),
  };
}

export async function runPolicyRunBench(options: PolicyRunBenchOptions): Promise<PolicyRunBenchResult> {
  const source = resolve(ROOT, '.cache', 'bench', `accounts-${options.accounts}-seed-${options.seed}.sqlite`);
  const fallback = resolve('/work/main/.cache/bench', `accounts-${options.accounts}-seed-${options.seed}.sqlite`);
  const file = existsSync(source) ? source : fallback;
  if (!existsSync(file)) {
    throw new Error(`no bench data set ${source}: npx tsx scripts/generate.ts --accounts ${options.accounts} --seed ${options.seed} --out ${source}`);
  }
  const before = machineState();
  const cluster = await startLocalCluster({ fsync: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE ocd_hub');
    await admin.end();
    const migrator = new pg.Client({ connectionString: cluster.url('ocd_hub') });
    await migrator.connect();
    await migrate(migrator);
    await migrator.query('CREATE ROLE ocd_hub LOGIN IN ROLE ocd_hub_app');
    await migrator.end();
    const owner = new pg.Pool({ connectionString: cluster.url('ocd_hub'), max: 2 });
    const appUrl = new URL(cluster.url('ocd_hub'));
    appUrl.username = 'ocd_hub';
    const pool = new pg.Pool({ connectionString: appUrl.toString(), max: 4 });
    try {
      const sqlite = new Database(file, { readonly: true, fileMustExist: true });
      let copied: CopiedCounts & { ms: number };
      let outageId: number;
      try {
        outageId = (sqlite.prepare('SELECT id FROM outages WHERE source_id = ?').pluck().get(REFERENCE_SOURCE) as number | undefined) ?? 0;
        if (outageId === 0) throw new Error(`the data set has no outage ${REFERENCE_SOURCE}`);
        console.log(`copying ${file} into PostgreSQL (accounts, lines, outages, the reference outage's impacts) ...`);
        const started = performance.now();
        const counts = await copyCarrierData(sqlite, owner, { outageIds: [outageId], withoutCredits: true });
        copied = { ...counts, ms: Math.round(performance.now() - started) };
      } finally {
        sqlite.close();
      }
      const policy = Policy.parse(att202402MakeItRightV2);
      await owner.query(
        `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
         INSERT INTO outage_policies (outage_id, policy_id) SELECT $4, id FROM p`,
        [policy.code, policy.version, JSON.stringify(policy), outageId],
      );
      await owner.query('CHECKPOINT');
      console.log(`copied ${copied.accounts} accounts, ${copied.lines} lines, ${copied.impacts} impacts in ${copied.ms} ms; running the policy ...`);

      let chunks = 0;
      let longestChunkMs = 0;
      let lastChunkAt = 0;
      const runs = new HubPolicyRuns(pool, {
        clock: () => new Date(),
        chunkAccounts: options.chunkAccounts,
        afterChunk: () => {
          const at = performance.now();
          chunks += 1;
          longestChunkMs = Math.max(longestChunkMs, at - lastChunkAt);
          lastChunkAt = at;
        },
      });
      const run = await measure(cluster, async () => {
        lastChunkAt = performance.now();
        const started = await runs.start(null, { outageId }, NOW);
        return runs.settled(started.runId);
      });
      if (run.value.state !== 'done') throw new Error(`the run ended ${run.value.state}`);
      const runChunks = chunks;
      const runLongest = longestChunkMs;
      const { rows: batchRows } = await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM change_log WHERE entity = 'carrier_batch'");
      const rerun = await measure(cluster, async () => {
        const started = await runs.start(null, { outageId }, new Date(NOW.getTime() + 60_000));
        return runs.settled(started.runId);
      });

      // The bound: as many rows, into a table of the same shape, in one statement.
      await owner.query(`CREATE TABLE bound_credits (LIKE credits INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES,
        FOREIGN KEY (account_id) REFERENCES accounts (id), FOREIGN KEY (line_id) REFERENCES lines (id),
        FOREIGN KEY (outage_id) REFERENCES outages (id), FOREIGN KEY (policy_id) REFERENCES credit_policies (id))`);
      await owner.query('CHECKPOINT');
      const bareInsert = await measure(cluster, async () => {
        const { rowCount } = await owner.query(
          `INSERT INTO bound_credits (id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status, scheduled_on,
             bill_date, idempotency_key, created_at, carrier_batch)
           SELECT 'b' || id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status, scheduled_on,
             bill_date, 'b' || idempotency_key, created_at, carrier_batch FROM credits WHERE outage_id = $1`,
          [outageId],
        );
        return rowCount ?? 0;
      });
      // The reads of a run with nothing else: the plan, then the chunk reads as one statement each.
      const bareReads = await measure(cluster, async () => {
        const client = await pool.connect();
        try {
          let rows = 0;
          for (const sql of [
            'SELECT DISTINCT l.account_id FROM impacts i JOIN lines l ON l.id = i.line_id WHERE i.outage_id = $1',
            `SELECT a.id, a.brand, a.segment, a.payment_type, a.status, a.country, a.region, a.currency, a.preferred_language, a.bill_cycle_day,
               a.monthly_charge_minor FROM accounts a WHERE a.id IN (SELECT l.account_id FROM impacts i JOIN lines l ON l.id = i.line_id WHERE i.outage_id = $1)`,
            'SELECT l.account_id, l.id, l.service_type, l.monthly_rate_minor, l.status FROM lines l WHERE l.account_id IN (SELECT l2.account_id FROM impacts i JOIN lines l2 ON l2.id = i.line_id WHERE i.outage_id = $1)',
            'SELECT l.account_id, i.line_id, i.starts_at, i.ends_at, i.lost_minutes, i.connected_at_start FROM impacts i JOIN lines l ON l.id = i.line_id WHERE i.outage_id = $1',
          ]) {
            rows += (await client.query({ text: sql, values: [outageId], rowMode: 'array' })).rowCount ?? 0;
          }
          return rows;
        } finally {
          client.release();
        }
      });
      // The same first run again with other chunk sizes, from no credits each time.
      const variants: (Measured & { chunkAccounts: number; credits: number })[] = [];
      for (const chunkAccounts of options.alsoChunkAccounts ?? []) {
        await owner.query('DELETE FROM credits WHERE outage_id = $1', [outageId]);
        await owner.query('VACUUM credits');
        await owner.query('CHECKPOINT');
        const again = new HubPolicyRuns(pool, { clock: () => new Date(), chunkAccounts });
        const measured = await measure(cluster, async () => {
          const started = await again.start(null, { outageId }, new Date(NOW.getTime() + 120_000 + variants.length * 60_000));
          return again.settled(started.runId);
        });
        if (measured.value.state !== 'done') throw new Error(`the run ended ${measured.value.state}`);
        const { value, ...times } = measured;
        variants.push({ ...times, chunkAccounts, credits: value.creditsWritten });
      }
      const { value: runValue, ...runTimes } = run;
      const { value: rerunValue, ...rerunTimes } = rerun;
      const { value: inserted, ...insertTimes } = bareInsert;
      const { value: read, ...readTimes } = bareReads;
      return {
        source: file,
        chunkAccounts: options.chunkAccounts,
        copied,
        planned: runValue.total,
        machine: { before, after: machineState() },
        run: { ...runTimes, credits: runValue.creditsWritten, chunks: runChunks, longestChunkMs: Math.round(runLongest), batches: batchRows[0]!.n },
        rerun: { ...rerunTimes, credits: rerunValue.creditsWritten },
        bareInsert: { ...insertTimes, rows: inserted },
        bareReads: { ...readTimes, rows: read },
        variants,
      };
    } finally {
      await pool.end();
      await owner.end();
    }
  } finally {
    await cluster.stop();
  }
}

export function defaultPolicyRunBenchOptions(): PolicyRunBenchOptions {
  return { accounts: 1_000_000, seed: 1, chunkAccounts: DEFAULT_CHUNK_ACCOUNTS };
}

export function printPolicyRunBench(result: PolicyRunBenchResult): void {
  const row = (name: string, m: Measured, extra: string) =>
    console.log(`${name.padEnd(34)} ${String(m.ms).padStart(8)} ms wall  ${String(m.benchCpuMs).padStart(7)} ms bench CPU  ${String(m.postgresCpuMs).padStart(7)} ms PostgreSQL CPU  ${extra}`);
  console.log(`Policy run at the hub (${result.copied.accounts} accounts, ${result.copied.lines} lines, ${result.copied.impacts} impacts of the outage; chunks of ${result.chunkAccounts})`);
  console.log(`load average before ${result.machine.before.loadAverage}, after ${result.machine.after.loadAverage} (${result.machine.before.nproc} cores)`);
  row('policy run', result.run, `${result.planned} accounts planned, ${result.run.credits} credits, ${result.run.chunks} chunks (longest ${result.run.longestChunkMs} ms), ${result.run.batches} carrier batches; target < ${POLICY_RUN_TARGET_MS} ms: ${result.run.ms < POLICY_RUN_TARGET_MS ? 'pass' : 'MISS'}`);
  row('re-run (nothing to write)', result.rerun, `${result.rerun.credits} credits`);
  row('bare INSERT ... SELECT, same rows', result.bareInsert, `${result.bareInsert.rows} rows; run / it ${(result.run.ms / Math.max(1, result.bareInsert.ms)).toFixed(2)} wall`);
  row('bare reads of the run', result.bareReads, `${result.bareReads.rows} rows`);
  for (const variant of result.variants) row(`policy run again, chunks of ${variant.chunkAccounts}`, variant, `${variant.credits} credits`);
}
