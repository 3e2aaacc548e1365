import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LocalCluster } from '../../../hub/src/db/local-cluster';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A write transaction of two statements, each commit flushed to the WAL (fsync on): the raw operation a hub operation is measured against. */
export const PGBENCH_SCRIPT = `\\set aid random(1, 100000 * :scale)
\\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, :aid, :delta, CURRENT_TIMESTAMP);
END;
`;

export interface PgbenchRun {
  readonly clients: number;
  readonly tps: number;
  readonly latencyMs: number;
}

function connection(cluster: LocalCluster): string[] {
  return ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'];
}

/** Its own database in the hub's cluster, so the same server, WAL and disk are measured. */
export async function preparePgbench(cluster: LocalCluster): Promise<void> {
  await run(join(PG_BIN, 'createdb'), [...connection(cluster), 'pgbench']);
  await run(join(PG_BIN, 'pgbench'), [...connection(cluster), '-i', '-q', '-s', '1', 'pgbench'], { timeout: 120_000 });
}

export async function runPgbench(cluster: LocalCluster, clients: number, seconds: number): Promise<PgbenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-pgbench-'));
  try {
    const script = join(dir, 'two-statement-write.sql');
    writeFileSync(script, PGBENCH_SCRIPT);
    const { stdout } = await run(
      join(PG_BIN, 'pgbench'),
      [...connection(cluster), '-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), 'pgbench'],
      { timeout: (seconds + 60) * 1000 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps || !latency) throw new Error(`cannot read pgbench's output:\n${stdout}`);
    return { clients, tps: Number(tps[1]), latencyMs: Number(latency[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LockedSectionRun {
  readonly statements: number;
  readonly tps: number;
  readonly latencyMs: number;
}

/**
 * The raw operation that bounds the hub's writes: one client (node-postgres, as the hub uses)
 * running transactions whose last message takes one advisory lock, makes `statements` small
 * inserts and a pg_notify, and commits, as a hub operation's last message does
 * (`ocd_append_logs` with the audit event, the change and the answer, then COMMIT). Only one
 * such section runs at a time site-wide, so its rate from one client is the ceiling.
 */
export async function runLockedSection(url: string, statements: number, seconds: number): Promise<LockedSectionRun> {
  const pgModule = (await import('pg')).default;
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS locked_section (id bigserial PRIMARY KEY, at timestamptz NOT NULL, note text NOT NULL)');
    const inserts = Array.from({ length: statements }, (_, i) => `INSERT INTO locked_section (at, note) VALUES (now(), 'statement ${i}')`);
    const lastMessage = ['SELECT pg_advisory_xact_lock(7242002)', ...inserts, "SELECT pg_notify('locked_section', '1')", 'COMMIT'].join('; ');
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    let done = 0;
    while (performance.now() < end) {
      await client.query('BEGIN');
      await client.query(lastMessage);
      done++;
    }
    const elapsed = performance.now() - started;
    return { statements, tps: done / (elapsed / 1000), latencyMs: elapsed / done };
  } finally {
    await client.end();
  }
}
