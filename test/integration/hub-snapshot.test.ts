import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS, ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { writeCarrierBatch } from '../../hub/test/carrier-batch-writer';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * A new desktop (an empty cache with only local operators to enrol it) against a real hub
 * holding carrier data: it loads the hub's snapshot when an operator signs in, can search at
 * once, and then gets a batch an import-like job writes at the hub through its pull.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desktop: Backend;

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

async function search(query: string) {
  const answer = await call(desktop, 'searchAccounts', { query });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value.results.map((r) => r.holderName);
}

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-snapshot-'));
  site = await startHubTestSite();
  // The hub's carrier data: an import's batch, and a policy with a credit under it behind the hub's back.
  await writeCarrierBatch(site.pool, [
    { sourceId: 'S-1', accountNumber: '555000000001', holderName: 'Ann Wójcik', lines: [['L-1', '+12125550111'], ['L-2', '+12125550222']] },
    { sourceId: 'S-2', accountNumber: '555000000002', holderName: 'Bo Early', lines: [['L-3', '+12125550333']] },
  ]);
  await site.owner.query(`
    INSERT INTO credit_policies (code, version, rules) VALUES ('hub-sla', 3, '{"code":"hub-sla"}');
    INSERT INTO outage_policies (outage_id, policy_id) SELECT 1, id FROM credit_policies WHERE code = 'hub-sla';
    UPDATE outages SET source_id = 'OUT-1', ends_at = starts_at + interval '5 hours', services = '{voice,data}' WHERE id = 1;
    INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
      SELECT 'I-1', 1, id, '2026-03-09T08:00:00Z', '2026-03-09T11:00:00Z', 180, true FROM lines WHERE source_id = 'L-1';
    INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date,
        idempotency_key, created_at, line_id, policy_id)
      SELECT 'C-HUB-1', a.id, 1, 'hub-sla', 750, 'USD', 'automatic', 'scheduled', '2026-03-12', '2026-03-20', 'auto:S-1:1',
        '2026-03-10T00:00:00Z', l.id, p.id
      FROM accounts a JOIN lines l ON l.account_id = a.id AND l.source_id = 'L-1', credit_policies p
      WHERE a.source_id = 'S-1' AND p.code = 'hub-sla';
  `);
  const file = join(dir, 'fresh.sqlite');
  const db = openDatabase(file);
  ensureDemoOperators(db, new Date(), { N: 1024, r: 8, p: 1 });
  db.close();
  desktop = createBackend({
    dbPath: file,
    isTrustedSender: () => true,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
    passwordCost: { N: 1024, r: 8, p: 1 },
  });
  await signIn(desktop, 'ada');
  const enrolled = await call(desktop, 'hubEnrol', { code: await site.enrolmentCode(), name: 'Fresh desk' });
  expect(enrolled.ok).toBe(true);
  await call(desktop, 'authSignOut', {});
}, 120_000);

afterAll(async () => {
  desktop?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a new desktop and the hub carrier data', () => {
  it('loads the snapshot at the first sign-in online, by the hub ids, and searches it', async () => {
    expect(desktop.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    await signIn(desktop, 'alice');
    const progress = await waitFor(() => {
      const snapshot = desktop.hubSync!.state().snapshot;
      return snapshot?.state === 'done' ? snapshot : null;
    });
    expect(progress.searchReady).toBe(true);
    expect(progress.tables.find((t) => t.table === 'accounts')).toEqual({ table: 'accounts', loaded: 7, total: 7 });
    await desktop.hubSync!.syncNow();

    const hubIds = (await site.owner.query<{ id: number; source_id: string | null }>('SELECT id, source_id FROM accounts ORDER BY id')).rows;
    expect(desktop.db.prepare('SELECT id, source_id FROM accounts ORDER BY id').all()).toEqual(
      hubIds.map((row) => ({ id: row.id, source_id: row.source_id ?? `hub:${row.id}` })),
    );
    expect(await search('wojc')).toEqual(['Ann Wójcik']);
    expect(await search('+12125550333')).toEqual(['Bo Early']);
    expect(desktop.db.prepare("SELECT starts_at, ends_at, services_json, revision FROM outages WHERE source_id = 'OUT-1'").get()).toEqual({
      starts_at: '2024-02-22T08:45:00.000Z', ends_at: '2024-02-22T13:45:00.000Z', services_json: '["voice","data"]', revision: 1,
    });
    expect(desktop.db.prepare("SELECT lost_minutes, connected_at_start FROM impacts WHERE source_id = 'I-1'").get()).toEqual({ lost_minutes: 180, connected_at_start: 1 });
    // Policies by (code, version): the desktop's built-in packs keep their own ids.
    const credit = desktop.db.prepare(
      "SELECT c.amount_minor, p.code, p.version, c.scheduled_on FROM credits c JOIN credit_policies p ON p.id = c.policy_id WHERE c.id = 'C-HUB-1'",
    ).get();
    expect(credit).toEqual({ amount_minor: 750, code: 'hub-sla', version: 3, scheduled_on: '2026-03-12' });
    expect(desktop.db.prepare('SELECT count FROM credit_totals WHERE outage_id = 1 AND amount_minor = 750').pluck().get()).toBe(1);
    // Everything set aside for the load is back (indexes, FTS and name-pair triggers).
    expect(desktop.db.prepare('SELECT count(*) FROM import_suspended_schema').pluck().get()).toBe(0);
    expect(desktop.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('lines_number_e164', 'accounts_fts_insert', 'account_name_pairs_insert')").pluck().get()).toBe(3);
    const status = await call(desktop, 'hubStatus', {});
    expect(status.ok && status.value.snapshot?.state).toBe('done');
  });

  it('takes a batch written at the hub after the snapshot through its pull: rows by the hub ids, search updated', async () => {
    const { batch } = await writeCarrierBatch(site.pool, [
      { sourceId: 'S-1', accountNumber: '555000000001', holderName: 'Ann Renamed' },
      { sourceId: 'S-9', accountNumber: '555000000009', holderName: 'Cy Newcomer', lines: [['L-9', '+12125550999']] },
    ]);
    const round = await desktop.hubSync!.syncNow();
    expect(round.pull?.ok).toBe(true);
    expect(await search('renamed')).toEqual(['Ann Renamed']);
    expect(await search('wojc')).toEqual([]);
    expect(await search('newcomer')).toEqual(['Cy Newcomer']);
    expect(await search('+12125550999')).toEqual(['Cy Newcomer']);
    const hubLine = (await site.owner.query<{ id: string; account_id: number }>("SELECT id, account_id FROM lines WHERE source_id = 'L-9'")).rows[0]!;
    expect(desktop.db.prepare("SELECT id, account_id FROM lines WHERE source_id = 'L-9'").get()).toEqual({ id: Number(hubLine.id), account_id: hubLine.account_id });
    // The cursor moved past the batch's entry; pulling again reads nothing more.
    const cursor = desktop.db.prepare("SELECT change_cursor FROM hub_cursors WHERE username = 'alice'").pluck().get() as number;
    const entry = (await site.owner.query<{ position: string }>("SELECT position FROM change_log WHERE entity = 'carrier_batch' AND entity_id = $1", [String(batch)])).rows[0]!;
    expect(cursor).toBeGreaterThanOrEqual(Number(entry.position));
  });
});
