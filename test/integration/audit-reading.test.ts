import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView, AuditListInput } from '@shared/ipc/audit-channels';
import { appendAudit, verifyAuditChain } from '../../electron/main/audit/audit-log';
import { auditListSql } from '../../electron/main/audit/audit-repo';
import { migrate } from '../../electron/main/db/migrate';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

const CARLOS = '287100000002'; // AT&T Prepaid: the goodwill case of the demo.
const HOUR = 3_600_000;
let b: OverrideTestBackend;

async function fileAndApprove(atMs: number): Promise<string> {
  b.setNow(atMs);
  b.signInAs('alice');
  const filed = await b.call('overridesSubmit', {
    clientRequestId: randomUUID(),
    accountNumber: CARLOS,
    outageId: outageIdBySource(b.db, 'att-2024-02-22-nationwide'),
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'excluded_segment_goodwill',
    justification: 'Prepaid customer without service for twelve hours on 22 Feb.',
    interactionRef: 'CALL-7781',
  });
  if (!filed.ok) throw new Error(`not filed: ${JSON.stringify(filed.error)}`);
  b.setNow(atMs + HOUR);
  b.signInAs('sam');
  const decided = await b.call('overridesDecide', { requestId: filed.value.id, version: filed.value.version, decision: 'approve', note: 'Goodwill within policy.' });
  if (!decided.ok) throw new Error(`not decided: ${JSON.stringify(decided.error)}`);
  return filed.value.id;
}

/** Many events at the same instant and at others, so paging must break ties by seq. */
function appendNoise(): void {
  b.db.transaction(() => {
    for (let i = 0; i < 30; i++) {
      const at = new Date(START_MS + Math.floor(i / 4) * HOUR);
      appendAudit(b.db, { operatorId: b.operators.ada.operatorId, action: 'test.noise', target: `thing:${i}`, before: null, after: { i }, at });
    }
  })();
}

async function list(input: AuditListInput) {
  b.signInAs('sam');
  const page = await b.call('auditList', input);
  if (!page.ok) throw new Error(`not listed: ${JSON.stringify(page.error)}`);
  return page.value;
}

async function everyPage(input: AuditListInput): Promise<AuditEventView[]> {
  const seen: AuditEventView[] = [];
  let after: AuditListInput['after'];
  for (let pages = 0; pages < 100; pages++) {
    const page = await list({ ...input, ...(after ? { after } : {}) });
    seen.push(...page.events);
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error('paging never ended');
}

function newestFirst(events: readonly AuditEventView[]): AuditEventView[] {
  return [...events].sort((x, y) => (x.at === y.at ? y.seq - x.seq : x.at < y.at ? 1 : -1));
}

beforeEach(() => {
  b = createOverrideTestBackend();
});
afterEach(() => {
  expect(verifyAuditChain(b.db).ok).toBe(true);
  b.close();
});
afterAll(removeTemplate);

describe('reading the audit log', () => {
  it('pages through every event newest first, each exactly once, with ties at one instant broken by seq', async () => {
    appendNoise();
    await fileAndApprove(START_MS + 2 * HOUR);
    const all = await everyPage({ limit: 7 });
    const total = b.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    expect(all).toHaveLength(total);
    expect(new Set(all.map((e) => e.seq)).size).toBe(total);
    expect(all.map((e) => e.seq)).toEqual(newestFirst(all).map((e) => e.seq));
  });

  it('shows operators by their display name and says which account an event concerns', async () => {
    const requestId = await fileAndApprove(START_MS);
    const { events, operators } = await list({ accountNumber: CARLOS });
    expect(events.map((e) => e.action)).toEqual(['override.approved', 'credit.created', 'override.submitted']);
    expect(events.every((e) => e.accountNumber === CARLOS)).toBe(true);
    expect(events[0]).toMatchObject({ operator: { username: 'sam', displayName: expect.not.stringMatching(/^sam$/) }, target: `override_request:${requestId}` });
    expect(events[0]!.before).toMatchObject({ status: 'pending' });
    expect(events[0]!.after).toMatchObject({ status: 'approved' });
    expect(operators.map((o) => o.username).sort()).toEqual(['ada', 'alice', 'bob', 'sam']);
  });

  it('filters by operator, action, account and date range, alone and together', async () => {
    appendNoise();
    await fileAndApprove(START_MS + 10 * HOUR);
    await fileAndApprove(START_MS + 30 * HOUR).catch(() => undefined); // one open request per account: the second may be refused
    const all = await everyPage({ limit: 200 });
    const sam = b.operators.sam.operatorId;
    const cases: Array<[string, AuditListInput, (e: AuditEventView) => boolean]> = [
      ['operator', { operatorId: sam }, (e) => e.operator?.id === sam],
      ['action', { action: 'override.submitted' }, (e) => e.action === 'override.submitted'],
      ['account', { accountNumber: CARLOS }, (e) => e.accountNumber === CARLOS],
      ['date range', { from: new Date(START_MS + HOUR).toISOString(), to: new Date(START_MS + 11 * HOUR).toISOString() }, (e) => e.at >= new Date(START_MS + HOUR).toISOString() && e.at < new Date(START_MS + 11 * HOUR).toISOString()],
      ['operator and action', { operatorId: sam, action: 'override.approved' }, (e) => e.operator?.id === sam && e.action === 'override.approved'],
      ['account and dates', { accountNumber: CARLOS, from: new Date(START_MS + 10.5 * HOUR).toISOString() }, (e) => e.accountNumber === CARLOS && e.at >= new Date(START_MS + 10.5 * HOUR).toISOString()],
      ['nothing matches', { action: 'no_such.action' }, () => false],
    ];
    for (const [name, filter, keep] of cases) {
      const paged = await everyPage({ ...filter, limit: 3 });
      expect(paged.map((e) => e.seq), name).toEqual(all.filter(keep).map((e) => e.seq));
    }
    expect(all.filter((e) => e.action === 'override.submitted').length).toBeGreaterThan(0);
  });

  it('reads every filter with an index in time order: no full scan, no sort, no OFFSET', () => {
    const cases: AuditListInput[] = [
      {},
      { operatorId: 1 },
      { action: 'override.approved' },
      { accountNumber: CARLOS },
      { from: '2024-03-01T00:00:00.000Z', to: '2024-03-02T00:00:00.000Z' },
      { operatorId: 1, from: '2024-03-01T00:00:00.000Z', after: { at: '2024-03-05T00:00:00.000Z', seq: 9 } },
      { accountNumber: CARLOS, to: '2024-03-02T00:00:00.000Z', after: { at: '2024-03-01T00:00:00.000Z', seq: 9 } },
    ];
    for (const filter of cases) {
      const sql = auditListSql({ ...filter, limit: 51 });
      expect(sql).not.toMatch(/OFFSET/i);
      const plan = (b.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 1]))) as Array<{ detail: string }>).map((row) => row.detail).join(' | ');
      expect(plan, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
      expect(plan, JSON.stringify(filter)).toMatch(/USING (COVERING )?INDEX audit_(events_at|events_operator_at|events_action_at|event_accounts_account)/);
      expect(plan, JSON.stringify(filter)).not.toMatch(/SCAN e(?! USING)/);
    }
  });

  it('refuses a malformed filter before it reaches the database', async () => {
    b.signInAs('sam');
    expect(await b.call('auditList', { accountNumber: "1' OR 1=1" } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await b.call('auditList', { after: { at: 'yesterday', seq: 1 } } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('migration 14: the account index of the audit log', () => {
  it('fills the account of the events already logged, and keeps the chain as it was', () => {
    const db = new Database(':memory:');
    migrate(db, allMigrations.slice(0, 13));
    db.exec(`INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
        bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
        VALUES (7, 'A7', '312000000005', 'Jan', 'jan', 'att', 'consumer', 'postpaid', 'active', 1, 'EUR', 4650, 'NL', 'NH', '1011', '1011', '2024-01-01T00:00:00.000Z')`);
    const at = new Date(START_MS);
    appendAudit(db, { operatorId: null, action: 'override.submitted', target: 'override_request:X', before: null, after: { accountNumber: '312000000005' }, at });
    appendAudit(db, { operatorId: null, action: 'credit.created', target: 'credit:Y', before: null, after: { accountId: 7 }, at });
    appendAudit(db, { operatorId: null, action: 'claim.refused', target: 'account:312000000005|outage:1', before: null, after: null, at });
    appendAudit(db, { operatorId: null, action: 'auth.signed_in', target: 'operator:sam', before: null, after: { role: 'admin' }, at });
    const chainBefore = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq').all();
    migrate(db, allMigrations);
    expect(db.prepare('SELECT seq, account_number AS n FROM audit_event_accounts ORDER BY seq').all()).toEqual([
      { seq: 1, n: '312000000005' },
      { seq: 2, n: '312000000005' },
      { seq: 3, n: '312000000005' },
    ]);
    expect(db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq').all()).toEqual(chainBefore);
    appendAudit(db, { operatorId: null, action: 'override.expired', target: 'override_request:Z', before: { accountNumber: '312000000005' }, after: null, at });
    expect(db.prepare('SELECT count(*) FROM audit_event_accounts').pluck().get()).toBe(4);
    expect(verifyAuditChain(db).ok).toBe(true);
    db.close();
  });
});
