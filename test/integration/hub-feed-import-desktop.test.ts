import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { ImportStatus } from '@shared/ipc/feed-channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS, ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * A desktop enrolled at a hub imports feeds at the hub: the files the admin picks are scanned
 * here as before, then streamed to the hub, which imports them once for the site; the import
 * screen's status and cancel are the hub's, the local importer never runs, and another desktop
 * gets the new rows by its pull.
 */
const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const SAMPLE = resolve(__dirname, '../../resources/sample-feeds');
const samplePaths = readdirSync(SAMPLE).sort().map((name) => join(SAMPLE, name));

let site: HubTestSite;
let dir: string;
let deskA: Backend;
let deskB: Backend;

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}
async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}
async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 50));
  }
}
async function settled(runId: string): Promise<ImportStatus> {
  return waitFor(async () => {
    const status = await call(deskA, 'feedImportStatus', { runId });
    if (!status.ok) throw new Error(JSON.stringify(status));
    return status.value.state === 'checking' || status.value.state === 'importing' ? null : status.value;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-feed-import-'));
  site = await startHubTestSite();
  deskA = createBackend({
    dbPath: join(dir, 'a.sqlite'),
    isTrustedSender: () => true,
    seedDemo: true,
    pickFeedFiles: async () => samplePaths,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
  });
  await signIn(deskA, 'ada');
  expect((await call(deskA, 'hubEnrol', { code: await site.enrolmentCode(), name: 'Desk A' })).ok).toBe(true);
  await signIn(deskA, 'ada');

  // Desk B starts empty and loads the hub's snapshot at its first sign-in.
  const file = join(dir, 'b.sqlite');
  const db = openDatabase(file);
  ensureDemoOperators(db, new Date(), { N: 1024, r: 8, p: 1 });
  db.close();
  deskB = createBackend({ dbPath: file, isTrustedSender: () => true, hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' }, hubSealer: fakeSealer, hubPullIntervalMs: 0, passwordCost: { N: 1024, r: 8, p: 1 } });
  await signIn(deskB, 'ada');
  expect((await call(deskB, 'hubEnrol', { code: await site.enrolmentCode(), name: 'Desk B' })).ok).toBe(true);
  await signIn(deskB, 'alice');
  await waitFor(async () => (deskB.hubSync!.state().snapshot?.state === 'done' ? true : null));
}, 180_000);

afterAll(async () => {
  deskA?.close();
  deskB?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('an enrolled desktop imports feeds at the hub', () => {
  it('streams the picked files to the hub, shows the hub run to its end, and another desktop pulls the new rows', async () => {
    const localStart = vi.spyOn(deskA.feedImport, 'start');
    const localRuns = deskA.db.prepare('SELECT count(*) FROM import_runs').pluck().get();
    const scan = await call(deskA, 'feedScan', { mode: 'files' });
    expect(scan.ok && scan.value.files.map((f) => [f.fileName, f.rows])).toEqual([
      ['accounts.csv', 45], ['lines.csv', 74], ['outages.ndjson', 4], ['impacts.ndjson', 50], ['credit_policies.ndjson', 10], ['credits.ndjson', 2],
    ]);
    if (!scan.ok) return;
    const started = await call(deskA, 'feedImportStart', { scanId: scan.value.scanId! });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.value.runId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await settled(started.value.runId);
    expect(done).toMatchObject({ state: 'done', rowsTotal: 185, rowsDone: 185, rejectedTotal: 0 });
    expect(done.files.map((f) => [f.fileName, f.inserted + f.updated, f.rejected])).toEqual([
      ['accounts.csv', 45, 0], ['lines.csv', 74, 0], ['outages.ndjson', 4, 0], ['impacts.ndjson', 50, 0], ['credit_policies.ndjson', 10, 0], ['credits.ndjson', 2, 0],
    ]);
    // The hub holds the rows; the local importer never ran.
    expect((await site.owner.query("SELECT count(*)::int AS n FROM outages WHERE source_id = 'att-2024-02-22-nationwide'")).rows[0].n).toBe(1);
    expect(localStart).not.toHaveBeenCalled();
    expect(deskA.db.prepare('SELECT count(*) FROM import_runs').pluck().get()).toBe(localRuns);
    localStart.mockRestore();

    // Desk B, which loaded its snapshot before the import, gets the new outage and lines by its pull.
    const round = await deskB.hubSync!.syncNow();
    expect(round.pull?.ok).toBe(true);
    expect(deskB.db.prepare("SELECT title FROM outages WHERE source_id = 'att-2024-02-22-nationwide'").pluck().get()).toBe('Nationwide wireless outage (network change)');
    expect(deskB.db.prepare("SELECT count(*) FROM lines WHERE source_id IN ('L1', 'L2')").pluck().get()).toBe(2);
    // And the billing feed's credits, applied at the hub, under their feed ids and policy versions.
    expect(
      deskB.db.prepare(`SELECT c.id, c.amount_minor AS amount, c.currency, c.status, c.bill_date AS billDate, p.code, p.version FROM credits c
        JOIN credit_policies p ON p.id = c.policy_id WHERE c.id LIKE 'BILL-CR-%' ORDER BY c.id`).all(),
    ).toEqual([
      { id: 'BILL-CR-0001', amount: 500, currency: 'USD', status: 'scheduled', billDate: '2024-03-14', code: 'att-2024-02-make-it-right', version: 1 },
      { id: 'BILL-CR-0002', amount: 310, currency: 'EUR', status: 'scheduled', billDate: '2024-10-01', code: 'nl-telecommunicatiewet-outage', version: 1 },
    ]);
  });

  it('cancels the hub run from the desktop', async () => {
    const scan = await call(deskA, 'feedScan', { mode: 'files' });
    if (!scan.ok) throw new Error('scan failed');
    const started = await call(deskA, 'feedImportStart', { scanId: scan.value.scanId! });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const cancelled = await call(deskA, 'feedImportCancel', { runId: started.value.runId });
    expect(cancelled).toEqual({ ok: true, value: { cancelling: true } });
    const status = await settled(started.value.runId);
    expect(status.state).toBe('cancelled');
    expect((await site.owner.query('SELECT state FROM import_runs WHERE id = $1', [started.value.runId])).rows[0].state).toBe('cancelled');
  });
});
