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
 * A desktop enrolled at hub A, its cache loaded from A's snapshot, is pointed at hub B (its
 * configured URL changed) and enrolled there. It refuses while its outbox holds operations
 * not yet sent to A, with nothing changed; once they are sent, the enrolment at B clears what
 * the cache held from A (carrier data, requests, cursors, the snapshot record) and the first
 * sign-in loads B's snapshot: nothing of A is left to mix with B.
 */
const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let siteA: HubTestSite;
let siteB: HubTestSite;
let dir: string;
let file: string;
let desktop: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desktop.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}
async function signIn(username: string) {
  await call('authSignOut', {});
  const answer = await call('authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}
async function search(query: string): Promise<string[]> {
  const answer = await call('searchAccounts', { query });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value.results.map((r) => r.holderName);
}
async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
function open(url: string): Backend {
  return createBackend({
    dbPath: file,
    isTrustedSender: () => true,
    hub: { mode: 'hub', url, ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
    passwordCost: { N: 1024, r: 8, p: 1 },
  });
}
async function loadedSnapshot(): Promise<void> {
  await waitFor(() => desktop.hubSync!.state().snapshot?.state === 'done');
  await desktop.hubSync!.syncNow();
}
const count = (sql: string) => desktop.db.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-reenrol-'));
  [siteA, siteB] = await Promise.all([startHubTestSite(), startHubTestSite()]);
  await writeCarrierBatch(siteA.pool, [{ sourceId: 'A-1', accountNumber: '555000000101', holderName: 'Astrid Only-at-A', lines: [['LA-1', '+12125550101']] }]);
  await writeCarrierBatch(siteB.pool, [{ sourceId: 'B-1', accountNumber: '555000000202', holderName: 'Bram Only-at-B', lines: [['LB-1', '+12125550202']] }]);
  file = join(dir, 'desk.sqlite');
  const db = openDatabase(file);
  ensureDemoOperators(db, new Date(), { N: 1024, r: 8, p: 1 });
  db.close();
  desktop = open(siteA.url());
  await signIn('ada');
  expect((await call('hubEnrol', { code: await siteA.enrolmentCode(), name: 'Moving desk' })).ok).toBe(true);
  await signIn('alice');
  await loadedSnapshot();
  expect(await search('Astrid')).toEqual(['Astrid Only-at-A']);
  await call('authSignOut', {});
}, 180_000);

afterAll(async () => {
  desktop?.close();
  await Promise.all([siteA?.close(), siteB?.close()]);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('re-enrolling at another hub', () => {
  it('shows the desktop as not enrolled at the newly configured hub, and refuses to enrol while operations for the old hub are unsent', async () => {
    desktop.close();
    desktop = open(siteB.url());
    // Not enrolled at B: the admin signs in with this desktop's own operators, as before a first enrolment.
    await signIn('ada');
    expect(await call('hubStatus', {})).toMatchObject({ ok: true, value: { enrolled: false } });
    // An operation filed for hub A that never reached it.
    desktop.db
      .prepare(
        `INSERT INTO hub_outbox (seq, desktop_id, op, payload_json, request_id, operator_username, created_at)
         SELECT 999, desktop_id, 'override.withdraw', '{}', 'R-UNSENT', 'alice', '2026-03-10T10:00:00.000Z' FROM hub_desktop`,
      )
      .run();
    const before = { accounts: count('SELECT count(*) FROM accounts'), hub: desktop.db.prepare('SELECT hub_url, desktop_id FROM hub_desktop').get() };
    const code = await siteB.enrolmentCode();
    const refused = await call('hubEnrol', { code, name: 'Moving desk' });
    expect(refused).toEqual({ ok: false, error: { code: 'UNSENT_OPERATIONS', details: { unsent: 1, hub: siteA.url() } } });
    expect({ accounts: count('SELECT count(*) FROM accounts'), hub: desktop.db.prepare('SELECT hub_url, desktop_id FROM hub_desktop').get() }).toEqual(before);
    expect(Number((await siteB.owner.query('SELECT count(*) AS n FROM desktops')).rows[0].n)).toBe(0);
    expect(Number((await siteB.owner.query('SELECT count(*) AS n FROM enrolment_codes WHERE used_at IS NOT NULL')).rows[0].n)).toBe(0);
    // Sent since (as it would be, connected to A again).
    desktop.db.prepare("UPDATE hub_outbox SET state = 'accepted', answered_at = '2026-03-10T10:01:00.000Z' WHERE seq = 999").run();
  });

  it('enrols at hub B: what the cache held from A is cleared and audited, and the first sign-in loads B\'s snapshot only', async () => {
    const heldFromA = count('SELECT count(*) FROM accounts');
    expect(heldFromA).toBeGreaterThan(0);
    const enrolled = await call('hubEnrol', { code: await siteB.enrolmentCode(), name: 'Moving desk' });
    expect(enrolled).toMatchObject({ ok: true, value: { desktopName: 'Moving desk' } });
    for (const table of ['accounts', 'lines', 'outages', 'impacts', 'credits', 'override_requests', 'hub_outbox', 'hub_cursors', 'hub_snapshot']) {
      expect(count(`SELECT count(*) FROM ${table}`), table).toBe(0);
    }
    expect(desktop.db.prepare('SELECT hub_url FROM hub_desktop').pluck().get()).toBe(siteB.url());
    const audit = desktop.db.prepare("SELECT target, before_json AS before FROM audit_events WHERE action = 'hub.cache_cleared'").all() as Array<{ target: string; before: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target).toBe(`hub:${siteB.url()}`);
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ hub: siteA.url(), accounts: heldFromA });
    // The evidence and reversal tables keep their guards.
    expect(count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN ('fault_reports_no_delete', 'credit_claims_no_delete', 'credit_reversals_kept')")).toBe(3);
    expect(await call('hubStatus', {})).toMatchObject({ ok: true, value: { enrolled: true, desktopName: 'Moving desk' } });

    await signIn('alice');
    await loadedSnapshot();
    expect(await search('Bram')).toEqual(['Bram Only-at-B']);
    expect(await search('Astrid')).toEqual([]);
    const hubIds = (await siteB.owner.query<{ id: number }>('SELECT id FROM accounts ORDER BY id')).rows.map((row) => row.id);
    expect(desktop.db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all()).toEqual(hubIds);
    expect(count('SELECT count(*) FROM hub_cursors')).toBeGreaterThan(0);
  });
});
