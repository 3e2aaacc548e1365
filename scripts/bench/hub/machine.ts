import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

function processTicks(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3]! + line[4]!;
  const total = line.reduce((sum, n) => sum + n, 0);
  return { busy: total - idle, total };
}

export interface CpuShare {
  /** Of one core: 100 is one core busy for the whole interval. */
  readonly hubPercent: number;
  readonly benchPercent: number;
  /** Of the whole machine (all cores). */
  readonly machineBusyPercent: number;
}

/** CPU used by the hub process, this process and the whole machine from now until `stop()`. */
export function measureCpu(hubPid: number): { stop(): CpuShare } {
  const started = performance.now();
  const hub = processTicks(hubPid);
  const self = process.cpuUsage();
  const machine = machineTicks();
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(self);
      const now = machineTicks();
      return {
        hubPercent: ((processTicks(hubPid) - hub) / TICKS_PER_SECOND / seconds) * 100,
        benchPercent: ((used.user + used.system) / 1e6 / seconds) * 100,
        machineBusyPercent: ((now.busy - machine.busy) / Math.max(1, now.total - machine.total)) * 100,
      };
    },
  };
}

// hub/src/db/transaction.ts's LOG_LOCK (a bigint key: classid is its high half, objid its low).
const LOG_LOCK = 7_242_002;

/**
 * Samples, every 50 ms, how many of the hub's transactions wait for the log lock and how many
 * of its backends are busy at all (waiting included).
 */
export function sampleLockWaits(ownerUrl: string): { stop(): Promise<{ waitingMean: number; activeMean: number; samples: number }> } {
  const client = new pg.Client({ connectionString: ownerUrl });
  let waiting = 0;
  let active = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ waiting: number; active: number }>(
        `SELECT (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND NOT granted)::int AS waiting,
           (SELECT count(*) FROM pg_stat_activity WHERE usename = 'ocd_hub' AND state = 'active')::int AS active`,
        [LOG_LOCK],
      );
      waiting += rows[0]!.waiting;
      active += rows[0]!.active;
      samples++;
      await new Promise((done) => setTimeout(done, 50));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { waitingMean: waiting / Math.max(1, samples), activeMean: active / Math.max(1, samples), samples };
    },
  };
}

export function machineState(): { nproc: number; loadAverage: string; cpuModel: string } {
  return { nproc: cpus().length, loadAverage: loadavg().map((n) => n.toFixed(2)).join(' '), cpuModel: cpus()[0]?.model ?? 'unknown' };
}
