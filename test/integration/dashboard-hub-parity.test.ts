import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OVERRIDE_SETTINGS } from '@shared/domain/override';
import { readDashboardSummary } from '../../electron/main/dashboard/dashboard-queries';
import { setOverrideSettings } from '../../electron/main/overrides/override-settings';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { HUB_CREDITS_GROUPED_SQL, hubDashboardSql, readHubDashboard } from '../../hub/src/dashboard/dashboard-repo';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { copyCarrierData } from '../../scripts/bench/hub/carrier-copy';
import { startHubDatabase } from '../support/hub-database';
import { DUTCH_OUTAGE, openDemoDb, outageId, REFERENCE_OUTAGE, type DemoDb } from './policy-test-db';

/*
 * The dashboard at the hub (PostgreSQL, hub/src/dashboard) against the desktop's (SQLite,
 * electron/main/dashboard) on the same data: the demo's accounts and outages with the credits
 * of two policy runs, copied column for column into a real PostgreSQL, then, per case, the same
 * generated override requests (every status and kind, ages over three weeks, amounts, reasons,
 * agents whose names sort differently by collation), the same credits posted or reversed, the
 * same own daily limits and the same site time zone on both sides. Both summaries must be equal,
 * figure for figure and in the same order.
 */

const NOW = new Date('2026-11-25T15:30:00.000Z');
const MINUTE = 60_000;
const AGENTS = [
  { id: 11, username: 'alice', name: 'alice Agent' },
  { id: 12, username: 'bob', name: 'Bob Baker' },
  { id: 13, username: 'emile', name: 'Émile Zola' },
  { id: 14, username: 'zed', name: 'Zed' },
] as const;
const SUPERVISOR = { id: 20, username: 'sam', name: 'Sam Supervisor' };
const REASONS = ['extended_outage', 'business_impact', 'service_recovery', 'other', 'duplicate_correction'] as const;
const STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'expired'] as const;

let cluster: LocalCluster;
let owner: pg.Pool;
let pool: pg.Pool;
let demo: DemoDb;
let accounts: Array<{ id: number; accountNumber: string; currency: string }>;
let outages: number[];
let creditIds: string[];
let creditAccounts: Array<{ id: number; region: string }>;
const moved = new Map<number, string>();

beforeAll(async () => {
  ({ cluster, owner, pool } = await startHubDatabase(2));
  demo = openDemoDb();
  const db = demo.db;
  for (const op of [...AGENTS, SUPERVISOR]) {
    const role = op === SUPERVISOR ? 'supervisor' : 'agent';
    db.prepare('INSERT INTO operators (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(op.id, op.username, op.name, role, 'x', NOW.toISOString());
    await owner.query(
      `INSERT INTO operators (id, username, display_name, role, password_hash, locale, time_zone, created_at) OVERRIDING SYSTEM VALUE
       VALUES ($1, $2, $3, $4, 'x', 'en', 'UTC', $5)`,
      [op.id, op.username, op.name, role, NOW],
    );
  }
  outages = [outageId(db, REFERENCE_OUTAGE), outageId(db, DUTCH_OUTAGE)];
  for (const outage of outages) await runPolicyForOutage(db, { runId: `parity-${outage}`, outageId: outage, startedBy: null, now: NOW, clock: () => NOW });
  const copied = await copyCarrierData(db, owner);
  expect(copied.credits).toBeGreaterThan(100);
  accounts = db
    .prepare('SELECT id, account_number AS accountNumber, currency FROM accounts ORDER BY id LIMIT 300')
    .all() as typeof accounts;
  creditIds = db.prepare('SELECT id FROM credits ORDER BY id').pluck().all() as string[];
  creditAccounts = db.prepare('SELECT DISTINCT a.id, a.region FROM credits c JOIN accounts a ON a.id = c.account_id ORDER BY a.id LIMIT 50').all() as typeof creditAccounts;
  expect(new Set(accounts.map((a) => a.currency))).toEqual(new Set(['USD', 'EUR']));
}, 180_000);

afterAll(async () => {
  demo?.close();
  await pool?.end();
  await owner?.end();
  await cluster?.stop();
}, 60_000);

const request = fc.record({
  agent: fc.integer({ min: 0, max: AGENTS.length - 1 }),
  outage: fc.integer({ min: 0, max: 1 }),
  kind: fc.constantFrom('goodwill', 'adjust', 'reverse'),
  amountMinor: fc.integer({ min: 1, max: 6_000 }),
  reason: fc.constantFrom(...REASONS),
  status: fc.constantFrom(...STATUSES),
  // Up to three weeks old: older than the 14 chart days, the 7 expiry days and every queue bucket.
  ageMinutes: fc.integer({ min: 0, max: 21 * 24 * 60 }),
  decidedAfterMinutes: fc.integer({ min: 1, max: 3 * 24 * 60 }),
});

const scenario = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/Chicago', 'Europe/Amsterdam', 'Pacific/Auckland'),
  expiryDays: fc.integer({ min: 1, max: 10 }),
  requests: fc.array(request, { minLength: 5, maxLength: 60 }),
  credits: fc.array(fc.record({ at: fc.nat(), status: fc.constantFrom('posted', 'reversed') }), { maxLength: 40 }),
  // Accounts with credits moving region (the totals move with them).
  moves: fc.array(fc.nat(), { maxLength: 3 }),
  limits: fc.array(fc.record({ agent: fc.integer({ min: 0, max: AGENTS.length - 1 }), currency: fc.constantFrom('USD', 'EUR'), minor: fc.integer({ min: 1, max: 90_000 }) }), { maxLength: 4 }),
});

async function reset(): Promise<void> {
  const db = demo.db;
  db.prepare('DELETE FROM override_requests').run();
  db.prepare('DELETE FROM operator_daily_limits').run();
  db.prepare("UPDATE credits SET status = 'scheduled' WHERE status <> 'scheduled'").run();
  await owner.query('DELETE FROM override_requests');
  await owner.query('DELETE FROM operator_daily_limits');
  await owner.query("UPDATE credits SET status = 'scheduled' WHERE status <> 'scheduled'");
  for (const [id, region] of moved) {
    db.prepare('UPDATE accounts SET region = ? WHERE id = ?').run(region, id);
    await owner.query('UPDATE accounts SET region = $1 WHERE id = $2', [region, id]);
  }
  moved.clear();
}

async function load(s: {
  timeZone: string;
  expiryDays: number;
  requests: Array<{ agent: number; outage: number; kind: string; amountMinor: number; reason: string; status: string; ageMinutes: number; decidedAfterMinutes: number }>;
  credits: Array<{ at: number; status: string }>;
  limits: Array<{ agent: number; currency: string; minor: number }>;
  moves?: number[];
}): Promise<void> {
  const db = demo.db;
  await reset();
  setOverrideSettings(db, { operatorId: SUPERVISOR.id, username: SUPERVISOR.username, role: 'admin' }, NOW, { ...DEFAULT_OVERRIDE_SETTINGS, expiryDays: s.expiryDays, siteTimeZone: s.timeZone });
  await owner.query('UPDATE override_settings SET expiry_days = $1 WHERE id = 1', [s.expiryDays]);
  await owner.query('UPDATE site_settings SET time_zone = $1 WHERE id = 1', [s.timeZone]);
  for (const limit of s.limits) {
    const agent = AGENTS[limit.agent]!;
    db.prepare('INSERT OR REPLACE INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      agent.id,
      limit.currency,
      limit.minor,
      SUPERVISOR.id,
      NOW.toISOString(),
    );
    await owner.query(
      `INSERT INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (operator_id, currency) DO UPDATE SET daily_total_minor = excluded.daily_total_minor`,
      [agent.id, limit.currency, limit.minor, SUPERVISOR.id, NOW],
    );
  }
  for (const credit of s.credits) {
    const id = creditIds[credit.at % creditIds.length]!;
    db.prepare('UPDATE credits SET status = ? WHERE id = ?').run(credit.status, id);
    await owner.query('UPDATE credits SET status = $1 WHERE id = $2', [credit.status, id]);
  }
  for (const pick of s.moves ?? []) {
    const account = creditAccounts[pick % creditAccounts.length]!;
    if (!moved.has(account.id)) moved.set(account.id, account.region);
    const region = `moved-${pick % 3}`;
    db.prepare('UPDATE accounts SET region = ? WHERE id = ?').run(region, account.id);
    await owner.query('UPDATE accounts SET region = $1 WHERE id = $2', [region, account.id]);
  }
  let i = 0;
  for (const r of s.requests) {
    // One account per request: the hub allows one open request per account and outage.
    const account = accounts[i]!;
    const id = `par-${String(i).padStart(3, '0')}`;
    i += 1;
    const createdAt = new Date(NOW.getTime() - r.ageMinutes * MINUTE).toISOString();
    const decided = r.status !== 'pending';
    const decidedAt = decided ? new Date(Math.min(NOW.getTime(), Date.parse(createdAt) + r.decidedAfterMinutes * MINUTE)).toISOString() : null;
    const decidedBy = r.status === 'approved' || r.status === 'rejected' ? SUPERVISOR.id : null;
    const row = [id, account.id, outages[r.outage]!, r.kind, r.amountMinor, account.currency, r.reason, r.status, AGENTS[r.agent]!.id, decidedBy, createdAt, decidedAt] as const;
    db.prepare(
      `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, status,
         requested_by, decided_by, created_at, decided_at, client_request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'parity', 'CALL-1', ?, ?, ?, ?, ?, ?)`,
    ).run(...row, randomUUID());
    await owner.query(
      `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, status,
         requested_by, decided_by, created_at, decided_at, client_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'parity', 'CALL-1', $8, $9, $10, $11, $12, $13)`,
      [...row, randomUUID()],
    );
  }
}

describe('the dashboard at the hub against the desktop on the same data', () => {
  it('gives the same figures in the same order, whatever the requests, credits, limits and site zone', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await load(s);
        const hub = await readHubDashboard(pool, NOW);
        const desktop = readDashboardSummary(demo.db, NOW);
        expect(hub).toEqual(desktop);
        // The hub's totals (kept by its triggers) equal its credits grouped one by one.
        const key = (row: Record<string, unknown>) => JSON.stringify([row.outageId, row.region, row.status, row.currency, row.count, row.amountMinor]);
        const totals = (await owner.query(hubDashboardSql.credits)).rows.map(key).sort();
        expect(totals).toEqual((await owner.query(HUB_CREDITS_GROUPED_SQL)).rows.map(key).sort());
        if (hub.pending.count > 0 && hub.approvalsToday.length + hub.overridesByAgent.length > 0) nonEmpty += 1;
      }),
      { numRuns: 40, seed: 1515 },
    );
    // The generated cases reached figures, not only empty dashboards.
    expect(nonEmpty).toBeGreaterThan(5);
  }, 240_000);

  it('leaves an overdue pending request out at the hub as the desktop expires it, and counts the credits of both outages', async () => {
    await load({
      timeZone: 'America/Chicago',
      expiryDays: 7,
      requests: [
        { agent: 0, outage: 0, kind: 'goodwill', amountMinor: 500, reason: 'other', status: 'pending', ageMinutes: 8 * 24 * 60, decidedAfterMinutes: 1 },
        { agent: 1, outage: 1, kind: 'goodwill', amountMinor: 700, reason: 'other', status: 'pending', ageMinutes: 30, decidedAfterMinutes: 1 },
      ],
      credits: [{ at: 0, status: 'reversed' }],
      limits: [],
    });
    const hub = await readHubDashboard(pool, NOW);
    expect(hub.pending.count).toBe(1);
    expect(hub.queueAge.find((b) => b.bucket === 'under1h')?.count).toBe(1);
    expect(new Set(hub.credits.map((c) => c.outageId))).toEqual(new Set(outages));
    // The hub only read: its request is still pending there (it expires when an operation touches it).
    expect((await owner.query("SELECT count(*)::int AS n FROM override_requests WHERE status = 'pending'")).rows[0].n).toBe(2);
    expect(hub).toEqual(readDashboardSummary(demo.db, NOW));
  }, 60_000);
});
