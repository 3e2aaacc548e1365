/**
 * The dashboard at the hub (GET /v1/dashboard's read, hub/src/dashboard/dashboard-repo.ts) on a
 * throwaway PostgreSQL cluster (fsync off): 100,000 accounts in 5 regions, 4 outages, 500,000
 * credits (70% scheduled, 25% posted, 5% reversed), 24 agents and 10,000 override requests over
 * the last 14 days (600 pending), made by generate_series. Times `runs` reads (after 3 untimed),
 * wall and this process's CPU, then EXPLAIN ANALYZE of the credits read (the totals of hub
 * migration 016) and of the credits grouped one by one, which the totals replace.
 * Run: npx tsx scripts/bench-hub-dashboard.ts [--runs 30]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { readHubDashboard } from '../hub/src/dashboard/dashboard-repo';
import { HUB_CREDITS_GROUPED_SQL, hubDashboardSql } from '../hub/src/dashboard/dashboard-repo';
import { startHubDatabase } from '../test/support/hub-database';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);
const NOW = new Date('2026-11-25T15:30:00.000Z');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const { cluster, owner, pool } = await startHubDatabase(2);
  for (const each of [owner, pool]) each.on('error', () => undefined);
  try {
    const started = performance.now();
    await owner.query(`INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at)
      SELECT 'agent' || n, 'Bench Agent ' || lpad(n::text, 2, '0'), 'agent', 'x', 'en', 'UTC', now() FROM generate_series(1, 24) n`);
    await owner.query(`INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ('sup', 'Bench Supervisor', 'supervisor', 'x', 'en', 'UTC', now())`);
    await owner.query(`INSERT INTO outages (id, title, starts_at) SELECT n, 'Outage ' || n, timestamptz '2026-11-01' + n * interval '1 day' FROM generate_series(1, 4) n`);
    await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
      SELECT '28' || lpad(n::text, 10, '0'), 'Holder ' || n, CASE WHEN n % 10 = 0 THEN 'EUR' ELSE 'USD' END, 'region-' || (n % 5), 1 + n % 28 FROM generate_series(1, 100000) n`);
    await owner.query(`INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
      SELECT 'c' || n, 1 + (n::bigint * 7919) % 100000, 1 + n % 4, 'bench', 100 + n % 4900, CASE WHEN (1 + (n::bigint * 7919) % 100000) % 10 = 0 THEN 'EUR' ELSE 'USD' END, 'automatic',
        CASE WHEN n % 20 = 0 THEN 'reversed' WHEN n % 4 = 1 THEN 'posted' ELSE 'scheduled' END, '2026-11-20', '2026-11-20', 'k' || n, now()
      FROM generate_series(1, 500000) n`);
    await owner.query(`INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref,
        requested_by, client_request_id, status, decided_by, created_at, decided_at)
      SELECT 'r' || n, 1 + (n::bigint * 104729) % 100000, 1 + n % 4, CASE WHEN n % 10 = 0 THEN 'reverse' ELSE 'goodwill' END, 100 + n % 4900,
        CASE WHEN (1 + (n::bigint * 104729) % 100000) % 10 = 0 THEN 'EUR' ELSE 'USD' END, (ARRAY['other', 'extended_outage', 'business_impact', 'service_recovery'])[1 + n % 4], 'j', 'CALL-1',
        (SELECT id FROM operators WHERE username = 'agent' || (1 + n % 24)), gen_random_uuid(),
        CASE WHEN n <= 600 THEN 'pending' WHEN n % 10 < 7 THEN 'approved' WHEN n % 10 < 9 THEN 'rejected' ELSE 'withdrawn' END,
        CASE WHEN n > 600 AND n % 10 < 9 THEN (SELECT id FROM operators WHERE username = 'sup') END,
        $1::timestamptz - ((n * 7) % (CASE WHEN n <= 600 THEN 6 * 1440 ELSE 14 * 1440 END)) * interval '1 minute',
        CASE WHEN n > 600 AND n % 10 < 9 THEN $1::timestamptz - ((n * 7) % (14 * 1440)) * interval '1 minute' + interval '1 minute' END
      FROM generate_series(1, 10000) n`, [NOW]);
    await owner.query('ANALYZE');
    console.log(`Seeded in ${Math.round(performance.now() - started)} ms`);
    for (let i = 0; i < 3; i += 1) await readHubDashboard(pool, NOW);
    const wall: number[] = [];
    const cpu: number[] = [];
    let figures = await readHubDashboard(pool, NOW);
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const c = process.cpuUsage();
      figures = await readHubDashboard(pool, NOW);
      wall.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const executionOf = async (sql: string) =>
      (await owner.query(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ${sql}`)).rows.map((r: Record<string, string>) => r['QUERY PLAN'] ?? '').find((line) => line.startsWith('Execution Time'));
    const execution = `totals ${await executionOf(hubDashboardSql.credits)}; grouped one by one ${await executionOf(HUB_CREDITS_GROUPED_SQL)}`;
    console.table([
      { measure: 'hub dashboard read, wall', p50: pct(wall, 50).toFixed(1), p99: pct(wall, 99).toFixed(1), max: wall.at(-1)!.toFixed(1), runs },
      { measure: 'hub dashboard read, this process CPU', p50: pct(cpu, 50).toFixed(1), p99: pct(cpu, 99).toFixed(1), max: cpu.at(-1)!.toFixed(1), runs },
    ]);
    console.log(`credits query alone: ${execution}; pending ${figures.pending.count}, credit groups ${figures.credits.length}, filed rows ${figures.overridesPerDay.length}`);
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    await pool.end();
    await owner.end();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
