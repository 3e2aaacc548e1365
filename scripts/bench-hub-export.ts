/**
 * `npx tsx scripts/bench-hub-export.ts [--credits 1000000] [--reversals 10000]`: the billing
 * export at the hub on a private PostgreSQL 15 cluster (fsync on), in process (no HTTP):
 * the time to make one batch of N scheduled credits (claim, freeze the lines, serialise,
 * hash, audit, commit), to fetch it again page by page (read the frozen lines, serialise; the
 * pages joined must hash to the batch's sha256),
 * and to make the next batch of R reversal lines. Writes .cache/bench/hub-export-last.json.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBenchCluster } from './bench/hub/bench-site';
import { createExportBatch, readExportBatchFile } from '../hub/src/billing-export/export-service';
import type { Caller } from '../hub/src/auth/caller';

const { values } = parseArgs({ options: { credits: { type: 'string', default: '1000000' }, reversals: { type: 'string', default: '10000' } } });
const credits = Number(values.credits);
const reversals = Number(values.reversals);
const accounts = Math.min(credits, 200_000);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function main(): Promise<void> {
  const { cluster, ownerUrl, appUrl } = await startBenchCluster({ agents: 1, supervisors: 1, accounts, outages: 2 });
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const pool = new pg.Pool({ connectionString: appUrl, max: 4 });
  try {
    const admin = (await owner.query<{ id: number }>("SELECT id FROM operators WHERE username = 'benchadmin'")).rows[0]!.id;
    const caller: Caller = { operator: { operatorId: admin, username: 'benchadmin', displayName: 'BENCHADMIN', role: 'admin' } as Caller['operator'], desktopId: '00000000-0000-4000-8000-000000000000', expiresAt: new Date(Date.now() + 3_600_000), tokenHash: 'x' };
    await owner.query("UPDATE outages SET source_id = 'OUT-' || id");
    await owner.query("INSERT INTO credit_policies (code, version, rules) VALUES ('sla-basic', 1, '{}')");
    await owner.query(
      `INSERT INTO credits (id, account_id, outage_id, policy_code, policy_id, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
       SELECT 'C' || lpad(n::text, 9, '0'), 1 + n % $2, 1 + n % 2, 'sla-basic', 1, 100 + n % 5000, 'USD', 'automatic', 'scheduled', '2026-03-10', '2026-04-12',
         'sla-basic:1:' || n, now() FROM generate_series(0, $1 - 1) AS n`,
      [credits, accounts],
    );
    await owner.query('ANALYZE');
    const first = await timed(() => createExportBatch(pool, caller, new Date()));
    const again = await timed(async () => {
      const pages: string[] = [];
      for (let from: number | null = 1; from !== null; ) {
        const part = await readExportBatchFile(pool, first.value.batch.batchNumber, from);
        pages.push(part.content);
        from = part.nextLine;
      }
      return pages.join('');
    });
    if (again.value.slice(0, first.value.content.length) !== first.value.content) throw new Error('batch 1 refetched differently');
    if (createHash('sha256').update(again.value, 'utf8').digest('hex') !== first.value.batch.sha256) throw new Error('batch 1 does not hash to its record');
    await owner.query("UPDATE credits SET status = 'reversed' WHERE id IN (SELECT id FROM credits ORDER BY id LIMIT $1)", [reversals]);
    const second = await timed(() => createExportBatch(pool, caller, new Date()));
    const result = {
      at: new Date().toISOString(),
      credits,
      reversals,
      fileBytes: Buffer.byteLength(again.value),
      createMs: Math.round(first.ms),
      creditsPerSecond: Math.round(credits / (first.ms / 1000)),
      refetchMs: Math.round(again.ms),
      reversalBatchMs: Math.round(second.ms),
      reversalLines: second.value.batch.creditCount,
    };
    console.table(result);
    const out = resolve('.cache/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'hub-export-last.json'), JSON.stringify(result, null, 2));
  } finally {
    await pool.end();
    await owner.end();
    await cluster.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
