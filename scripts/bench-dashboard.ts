/**
 * Dashboard benchmark (issue 15): one supervisor's Home load (`dashboardSummary` through the
 * dispatcher, output parsing included) on a temporary copy of the cached 1,000,000-account data
 * set with 500,000 credits and 10,000 override requests added. Target: p99 < 50 ms per load.
 * The cached file is shared with other worktrees and is only read (copied), never written.
 *   npx tsx scripts/bench-dashboard.ts                       # 1,000,000 accounts, seed 1
 *   npx tsx scripts/bench-dashboard.ts --accounts 50000      # needs that cached data set
 *   npx tsx scripts/bench-dashboard.ts --samples 50
 * Times loads with no write between them, after a decision and after a change to a filing.
 * Prints a table, the heaviest query's SQL and plan, and writes .cache/bench/dashboard-last.json.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { channelNames } from '@shared/ipc/channels';
import { overrideReasonCodes } from '@shared/domain/override';
import { err } from '@shared/ipc/result';
import type { Actor } from '@shared/domain/operator';
import { insertCreditsUnlessKeysExist, type NewCreditRow } from '../electron/main/credits/credit-repo';
import { openDatabase } from '../electron/main/db/open-database';
import { CREDITS_GROUPED_SQL, dashboardParams, dashboardSql, type readDashboardSummary } from '../electron/main/dashboard/dashboard-queries';
import { flagsOfRequests, getPatternThresholds } from '../electron/main/overrides/override-patterns';
import { getOverrideSettings } from '../electron/main/overrides/override-settings';
import { createDashboardHandlers } from '../electron/main/ipc/dashboard-handlers';
import { createOverrideHandlers } from '../electron/main/ipc/override-handlers';
import { createDispatcher } from '../electron/main/ipc/dispatch';
import type { Handlers } from '../electron/main/ipc/handlers';
import { attachDemoPolicies, seedBuiltInPolicies } from '../electron/main/policies/seed-policies';
import { summarize, type Timing } from './bench/percentiles';

const root = resolve(__dirname, '..');
const cacheDir = join(root, '.cache', 'bench');
const TARGET_P99_MS = 50;
const CREDITS = 500_000;
const OVERRIDES = 10_000;
const PENDING = 600;
const AGENTS = 24;
const NOW = new Date('2024-03-14T15:00:00.000Z');
const DAY = 86_400_000;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '200' },
  },
});
const source = join(cacheDir, `accounts-${values.accounts}-seed-${values.seed}.sqlite`);
if (!existsSync(source)) {
  console.error(`No cached data set ${source}; run \`npm run bench -- --accounts ${values.accounts}\` once to generate it.`);
  process.exit(1);
}
const samples = Number(values.samples);

/** A small deterministic generator, so every run adds the same rows. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** 500,000 credits spread over the outages and accounts, 10,000 requests over the last 14 days. */
function addRows(db: Database.Database): { credits: number; overrides: number } {
  const random = rng(15);
  const accounts = (db.prepare('SELECT max(id) FROM accounts').pluck().get() as number) ?? 0;
  const outages = db.prepare('SELECT id FROM outages ORDER BY id').pluck().all() as number[];
  const policy = db.prepare('SELECT id FROM credit_policies ORDER BY id LIMIT 1').pluck().get() as number;
  const currencyOf = db.prepare('SELECT currency FROM accounts WHERE id = ?').pluck();
  const created = NOW.toISOString();
  db.transaction(() => {
    const insertOperator = db.prepare(
      `INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, 'bench: never signs in', ?)`,
    );
    insertOperator.run('bench-supervisor', 'Bench Supervisor', 'supervisor', created);
    for (let i = 1; i <= AGENTS; i += 1) insertOperator.run(`bench-agent-${i}`, `Bench Agent ${String(i).padStart(2, '0')}`, 'agent', created);
  })();
  const supervisor = db.prepare(`SELECT id FROM operators WHERE username = 'bench-supervisor'`).pluck().get() as number;
  const agents = db.prepare(`SELECT id FROM operators WHERE username LIKE 'bench-agent-%' ORDER BY id`).pluck().all() as number[];

  // Through the credit repository, as a policy run writes them (it keeps the dashboard's totals).
  db.transaction(() => {
    const rows: NewCreditRow[] = [];
    for (let i = 0; i < CREDITS; i += 1) {
      const accountId = 1 + ((i * 7_919) % accounts);
      const outageId = outages[i % outages.length]!;
      const roll = random();
      const status = roll < 0.7 ? 'scheduled' : roll < 0.95 ? 'posted' : 'reversed';
      const currency = currencyOf.get(accountId) as NewCreditRow[6];
      rows.push([`bench-credit-${i}`, accountId, null, outageId, policy, 100 + Math.floor(random() * 4_900), currency, random() < 0.02 ? 'override' : 'automatic', status, '2024-03-20', '2024-03-20', `bench:${i}`, created, null, null]);
      if (rows.length === 2_048) insertCreditsUnlessKeysExist(db, rows.splice(0));
    }
    insertCreditsUnlessKeysExist(db, rows);
  })();

  const insertRequest = db.prepare(
    `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref,
       requested_by, status, decided_by, decision_note, created_at, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Bench request.', 'CALL-1', ?, ?, ?, ?, ?, ?)`,
  );
  const reasons = overrideReasonCodes.filter((r) => r !== 'customer_fault_report');
  db.transaction(() => {
    for (let i = 0; i < OVERRIDES; i += 1) {
      const accountId = 1 + ((i * 104_729) % accounts);
      const pending = i < PENDING;
      // Pending ones within the 7-day expiry; decided ones over the 14 days of the chart.
      const createdAt = NOW.getTime() - Math.floor(random() * (pending ? 6.5 : 14) * DAY);
      const roll = random();
      const status = pending ? 'pending' : roll < 0.7 ? 'approved' : roll < 0.9 ? 'rejected' : roll < 0.97 ? 'withdrawn' : 'expired';
      const decided = status === 'approved' || status === 'rejected';
      const decidedAt = decided ? new Date(Math.min(NOW.getTime() - 1, createdAt + Math.floor(random() * 6 * 3_600_000))).toISOString() : null;
      insertRequest.run(
        `BENCH${String(i).padStart(21, '0')}`,
        accountId,
        outages[i % outages.length],
        random() < 0.9 ? 'goodwill' : 'reverse',
        100 + Math.floor(random() * 4_900),
        currencyOf.get(accountId),
        reasons[Math.floor(random() * reasons.length)],
        agents[Math.floor(random() * agents.length)],
        status,
        decided ? supervisor : null,
        decided ? 'Bench decision.' : null,
        new Date(createdAt).toISOString(),
        decidedAt,
      );
    }
  })();
  db.pragma('optimize');
  return { credits: CREDITS, overrides: OVERRIDES };
}

function timeQuery(db: Database.Database, text: string, params: unknown[], runs: number): Timing {
  const statement = db.prepare(text);
  const durations: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    statement.all(...params);
    durations.push(performance.now() - started);
  }
  return summarize(durations);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-bench-dashboard-'));
  try {
    const file = join(dir, 'bench.sqlite');
    console.log(`Copying ${source} to ${file} ...`);
    copyFileSync(source, file);
    const db = openDatabase(file);
    seedBuiltInPolicies(db);
    attachDemoPolicies(db);
    const addStarted = performance.now();
    const added = addRows(db);
    console.log(`Added ${added.credits.toLocaleString('en-US')} credits and ${added.overrides.toLocaleString('en-US')} requests in ${Math.round(performance.now() - addStarted)} ms`);

    const actor: Actor = { operatorId: db.prepare(`SELECT id FROM operators WHERE username = 'bench-supervisor'`).pluck().get() as number, username: 'bench-supervisor', role: 'supervisor' };
    const refuse = () => err('INTERNAL');
    const handlers = Object.fromEntries(channelNames.map((name) => [name, refuse])) as unknown as Handlers;
    const dispatch = createDispatcher({
      handlers: { ...handlers, ...createDashboardHandlers(db), ...createOverrideHandlers(db) },
      session: { authorize: () => ({ ok: true, actor }), current: () => actor },
      isTrustedSender: () => true,
      clock: () => NOW,
    });
    const sender = { url: 'app://desk/index.html', isAppTopFrame: true };
    const load = async () => {
      const result = await dispatch('dashboardSummary', {}, sender);
      if (!result.ok) throw new Error(`dashboardSummary failed: ${result.error.code}`);
      return result.value as ReturnType<typeof readDashboardSummary>;
    };
    const first = await load();
    for (let i = 0; i < 5; i += 1) await load();
    const durations: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const started = performance.now();
      const startedCpu = process.cpuUsage();
      await load();
      durations.push(performance.now() - started);
      cpu.push(cpuMs(startedCpu));
    }
    const wall = summarize(durations);
    const cpuTiming = summarize(cpu);

    // A refresh follows a change (live-refresh.ts): timed after a decision (a status only: the
    // filed rows are kept, migration 026) and after a change to a request's filing facts (what a
    // new filing does to the kept rows: grouped again). The write itself is not timed.
    const decided = db.prepare(`SELECT id FROM override_requests WHERE status IN ('approved', 'rejected') ORDER BY id LIMIT 1`).pluck().get() as string;
    const flip = db.prepare(`UPDATE override_requests SET status = CASE status WHEN 'approved' THEN 'rejected' ELSE 'approved' END WHERE id = ?`);
    const refile = db.prepare(`UPDATE override_requests SET amount_minor = amount_minor + ? WHERE id = ?`);
    const timedAfter = async (write: (i: number) => void) => {
      const wallMs: number[] = [];
      const cpuMsList: number[] = [];
      for (let i = 0; i < Math.max(20, Math.floor(samples / 2)); i += 1) {
        write(i);
        const started = performance.now();
        const startedCpu = process.cpuUsage();
        await load();
        wallMs.push(performance.now() - started);
        cpuMsList.push(cpuMs(startedCpu));
      }
      return { wall: summarize(wallMs), cpu: summarize(cpuMsList) };
    };
    const afterDecision = await timedAfter(() => flip.run(decided));
    const afterFiling = await timedAfter((i) => refile.run(i % 2 === 0 ? 1 : -1, decided));

    // The supervisor's queue (its first 100 pending requests), each with its pattern flags.
    const queueWall: number[] = [];
    const queueCpu: number[] = [];
    let flagged = 0;
    let byRule: Record<string, number> = {};
    for (let i = 0; i < Math.max(10, Math.floor(samples / 4)); i += 1) {
      const started = performance.now();
      const startedCpu = process.cpuUsage();
      const result = await dispatch('overridesQueue', { status: 'pending' }, sender);
      queueWall.push(performance.now() - started);
      queueCpu.push(cpuMs(startedCpu));
      if (!result.ok) throw new Error(`overridesQueue failed: ${result.error.code}`);
      const items = result.value as Array<{ flags: Array<{ rule: string }> }>;
      flagged = items.filter((item) => item.flags.length > 0).length;
      byRule = {};
      for (const flag of items.flatMap((item) => item.flags)) byRule[flag.rule] = (byRule[flag.rule] ?? 0) + 1;
    }
    const queue = summarize(queueWall);
    const queueCpuTiming = summarize(queueCpu);
    // The flags' own share: the same 100 requests' flags alone.
    const pendingRows = db
      .prepare(`SELECT id, account_id AS accountId, requested_by AS requestedById, created_at AS createdAt, amount_minor AS amountMinor, kind, currency
        FROM override_requests WHERE status = 'pending' ORDER BY created_at LIMIT 100`)
      .all() as Parameters<typeof flagsOfRequests>[1][number][];
    const thresholds = getPatternThresholds(db);
    const cap = getOverrideSettings(db).perRequestCapMinor;
    const flagsCpu: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const startedCpu = process.cpuUsage();
      flagsOfRequests(db, pendingRows, cap, thresholds);
      flagsCpu.push(cpuMs(startedCpu));
    }
    const flagsTiming = summarize(flagsCpu);

    // Each query on its own, to name the heaviest.
    const runs = Math.max(10, Math.floor(samples / 4));
    const params = dashboardParams(NOW, getOverrideSettings(db));
    const names = Object.keys(dashboardSql) as Array<keyof typeof dashboardSql>;
    const perQuery = names.map((name) => ({ name, ...timeQuery(db, dashboardSql[name], params[name], runs) }));
    perQuery.sort((a, b) => b.p50 - a.p50);
    // The grouped query the credit totals replace, in the same run, for the ratio.
    const grouped = timeQuery(db, CREDITS_GROUPED_SQL, [], Math.min(5, runs));
    const totals = perQuery.find((q) => q.name === 'credits')!;
    const heaviest = perQuery[0]!;
    const heaviestSql = dashboardSql[heaviest.name];
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${heaviestSql}`).all(...params[heaviest.name]) as Array<{ detail: string }>).map((r) => r.detail);
    db.close();

    const report = {
      accounts: Number(values.accounts),
      credits: added.credits,
      overrides: added.overrides,
      pending: first.pending.count,
      creditGroups: first.credits.length,
      load: wall,
      loadCpu: cpuTiming,
      afterDecision,
      afterFiling,
      cpuToWallP50: Number((cpuTiming.p50 / wall.p50).toFixed(2)),
      queue: { wall: queue, cpu: queueCpuTiming, flaggedOf100: flagged, flagsByRule: byRule, flagsAloneCpu: flagsTiming },
      perQuery,
      heaviest: { name: heaviest.name, sql: heaviestSql, plan },
      creditsGroupedReference: { ...grouped, p50RatioToTotals: Math.round(grouped.p50 / totals.p50) },
      loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
      at: new Date().toISOString(),
    };
    const f = (ms: number) => ms.toFixed(2);
    console.table([
      { measure: 'dashboardSummary (dispatch), wall', p50: f(wall.p50), p99: f(wall.p99), max: f(wall.max), samples: wall.samples, target: `p99 < ${TARGET_P99_MS} ms`, result: wall.p99 < TARGET_P99_MS ? 'pass' : 'FAIL' },
      { measure: 'dashboardSummary (dispatch), CPU', p50: f(cpuTiming.p50), p99: f(cpuTiming.p99), max: f(cpuTiming.max), samples: cpuTiming.samples, target: '', result: '' },
      ...(
        [
          ['after a decision', afterDecision],
          ['after a filing', afterFiling],
        ] as const
      ).flatMap(([what, t]) => [
        { measure: `dashboardSummary ${what}, wall`, p50: f(t.wall.p50), p99: f(t.wall.p99), max: f(t.wall.max), samples: t.wall.samples, target: `p99 < ${TARGET_P99_MS} ms`, result: t.wall.p99 < TARGET_P99_MS ? 'pass' : 'FAIL' },
        { measure: `dashboardSummary ${what}, CPU`, p50: f(t.cpu.p50), p99: f(t.cpu.p99), max: f(t.cpu.max), samples: t.cpu.samples, target: '', result: '' },
      ]),
      { measure: `overridesQueue with flags (${flagged} of 100 flagged), wall`, p50: f(queue.p50), p99: f(queue.p99), max: f(queue.max), samples: queue.samples, target: '', result: '' },
      { measure: 'flags of those 100 requests alone, CPU', p50: f(flagsTiming.p50), p99: f(flagsTiming.p99), max: f(flagsTiming.max), samples: flagsTiming.samples, target: '', result: '' },
      { measure: 'overridesQueue with flags, CPU', p50: f(queueCpuTiming.p50), p99: f(queueCpuTiming.p99), max: f(queueCpuTiming.max), samples: queueCpuTiming.samples, target: '', result: '' },
    ]);
    console.table(perQuery.map((q) => ({ query: q.name, p50: f(q.p50), p99: f(q.p99), max: f(q.max), runs: q.samples })));
    console.log(`credits grouped over the rows (what the totals replace): p50 ${f(grouped.p50)} ms, max ${f(grouped.max)} ms over ${grouped.samples} runs, ${report.creditsGroupedReference.p50RatioToTotals}x the totals' p50`);
    console.log(`Heaviest query (${heaviest.name}):\n${heaviestSql}\nPlan:\n  ${plan.join('\n  ')}`);
    console.log(`queue flags by rule: ${JSON.stringify(byRule)}`);
    console.log(`pending ${report.pending}, credit groups ${report.creditGroups}; load ${report.loadAverage.join(' ')}`);
    writeFileSync(join(cacheDir, 'dashboard-last.json'), JSON.stringify(report, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
