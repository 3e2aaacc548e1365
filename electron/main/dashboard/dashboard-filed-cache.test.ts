import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUTCH_OUTAGE, openDemoDb, outageId, REFERENCE_OUTAGE, type DemoDb } from '../../../test/integration/policy-test-db';
import { forgetDashboardCache, readDashboardSummary } from './dashboard-queries';

/*
 * The filed overrides a load keeps (migration 026): after any sequence of writes to the requests
 * and the agents, and as the clock moves the 14-day window, a load gives exactly what a load that
 * groups afresh gives; and a decision alone does not make it group again.
 */

const START = Date.parse('2026-11-25T15:30:00.000Z');
const MINUTE = 60_000;
const AGENTS = [31, 32, 33];

let demo: DemoDb;
let accounts: Array<{ id: number; currency: string }>;
let outages: number[];

beforeAll(() => {
  demo = openDemoDb();
  const db = demo.db;
  for (const id of [...AGENTS, 39]) {
    db.prepare("INSERT INTO operators (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', ?)").run(
      id,
      `op${id}`,
      `Operator ${id}`,
      id === 39 ? 'supervisor' : 'agent',
      new Date(START).toISOString(),
    );
  }
  accounts = db.prepare('SELECT id, currency FROM accounts ORDER BY id LIMIT 200').all() as typeof accounts;
  outages = [outageId(db, REFERENCE_OUTAGE), outageId(db, DUTCH_OUTAGE)];
}, 60_000);
afterAll(() => demo?.close());

const command = fc.oneof(
  fc.record({ op: fc.constant('file' as const), agent: fc.nat(AGENTS.length - 1), ageMinutes: fc.nat(20 * 24 * 60), amount: fc.integer({ min: 1, max: 6_000 }), reason: fc.constantFrom('other', 'extended_outage', 'business_impact') }),
  fc.record({ op: fc.constant('decide' as const), pick: fc.nat(), status: fc.constantFrom('approved', 'rejected', 'withdrawn', 'expired') }),
  fc.record({ op: fc.constant('amount' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 6_000 }) }),
  fc.record({ op: fc.constant('reason' as const), pick: fc.nat(), reason: fc.constantFrom('other', 'service_recovery') }),
  fc.record({ op: fc.constant('moveFiled' as const), pick: fc.nat(), minutes: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }) }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), agent: fc.nat(AGENTS.length - 1), name: fc.constantFrom('Ann', 'Émile', 'zed', 'Bob') }),
  fc.record({ op: fc.constant('clock' as const), minutes: fc.integer({ min: 1, max: 2 * 24 * 60 }) }),
);

describe('the filed overrides a dashboard load keeps', () => {
  it('equal a fresh grouping after any writes and as the window moves', () => {
    const db = demo.db;
    let seq = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 30 }), (commands) => {
        db.prepare('DELETE FROM override_requests').run();
        let now = START;
        const ids = () => db.prepare('SELECT id FROM override_requests ORDER BY id').pluck().all() as string[];
        const pick = (n: number) => {
          const all = ids();
          return all.length === 0 ? null : all[n % all.length]!;
        };
        for (const c of commands) {
          if (c.op === 'file') {
            const account = accounts[seq % accounts.length]!;
            seq += 1;
            db.prepare(
              `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, status, requested_by, created_at, client_request_id)
               VALUES (?, ?, ?, 'goodwill', ?, ?, ?, 'j', 'CALL-1', 'pending', ?, ?, ?)`,
            ).run(`cache-${seq}`, account.id, outages[seq % 2]!, c.amount, account.currency, c.reason, AGENTS[c.agent]!, new Date(now - c.ageMinutes * MINUTE).toISOString(), randomUUID());
          } else if (c.op === 'clock') now += c.minutes * MINUTE;
          else if (c.op === 'rename') db.prepare('UPDATE operators SET display_name = ? WHERE id = ?').run(c.name, AGENTS[c.agent]!);
          else {
            const id = pick(c.pick);
            if (id === null) continue;
            if (c.op === 'decide') db.prepare("UPDATE override_requests SET status = ?, decided_at = ?, decided_by = CASE WHEN ? IN ('approved', 'rejected') THEN 39 END WHERE id = ?").run(c.status, new Date(now).toISOString(), c.status, id);
            if (c.op === 'amount') db.prepare('UPDATE override_requests SET amount_minor = ? WHERE id = ?').run(c.amount, id);
            if (c.op === 'reason') db.prepare('UPDATE override_requests SET reason_code = ? WHERE id = ?').run(c.reason, id);
            if (c.op === 'moveFiled') db.prepare("UPDATE override_requests SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, ? || ' minutes') WHERE id = ?").run(c.minutes, id);
            if (c.op === 'delete') db.prepare('DELETE FROM override_requests WHERE id = ?').run(id);
          }
          const kept = readDashboardSummary(db, new Date(now));
          forgetDashboardCache(db);
          expect(kept).toEqual(readDashboardSummary(db, new Date(now)));
        }
      }),
      { numRuns: 60, seed: 2415 },
    );
  });

  it('does not group again after a decision, and does after a filing', () => {
    const db = demo.db;
    db.prepare('DELETE FROM override_requests').run();
    const at = new Date(START);
    const insert = (id: string, account: { id: number; currency: string }) =>
      db.prepare(
        `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, status, requested_by, created_at, client_request_id)
         VALUES (?, ?, ?, 'goodwill', 900, ?, 'other', 'j', 'CALL-1', 'pending', ?, ?, ?)`,
      ).run(id, account.id, outages[0]!, account.currency, AGENTS[0]!, new Date(START - 60 * MINUTE).toISOString(), randomUUID());
    insert('keep-1', accounts[0]!);
    const version = () => db.prepare('SELECT version FROM dashboard_filed_version').pluck().get() as number;
    readDashboardSummary(db, at);
    const before = version();
    db.prepare("UPDATE override_requests SET status = 'rejected', decided_by = 39, decided_at = ? WHERE id = 'keep-1'").run(at.toISOString());
    expect(version()).toBe(before);
    const afterDecision = readDashboardSummary(db, at);
    expect(afterDecision.pending.count).toBe(0);
    insert('keep-2', accounts[1]!);
    expect(version()).toBe(before + 1);
    expect(readDashboardSummary(db, at).overridesPerDay.reduce((sum, row) => sum + row.count, 0)).toBe(2);
  });
});
