import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
/** What desk A's file chooser and save dialog answer. */
let picked: string[] = samplePaths;
let savePath: string | null = null;
const chooseSavePath = vi.fn(async (_name: string) => savePath);

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
    pickFeedFiles: async () => picked,
    fileSaver: { chooseSavePath },
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

  it('saves the hub run\'s full report of rejected rows as a CSV file where the admin chooses, read from the hub page by page', async () => {
    const bad = (n: number) =>
      JSON.stringify({ source_id: `CR-X${n}`, account_source_id: 'NOPE', outage_source_id: 'us-2024-08-05-storm', policy_code: 'att-2024-02-make-it-right', policy_version: 1,
        amount_minor: 100, currency: 'USD', source: 'automatic', status: 'scheduled', scheduled_on: '2024-08-10', bill_date: '2024-09-01', created_at: '2024-08-10T00:00:00.000Z' });
    // More rejected rows than one page of the hub's importRejections (1,000).
    const ROWS = 1_205;
    const feed = join(dir, 'credits-bad.ndjson');
    writeFileSync(feed, Array.from({ length: ROWS }, (_, i) => bad(i + 1)).join('\n') + '\n');
    picked = [feed];
    const scan = await call(deskA, 'feedScan', { mode: 'files' });
    if (!scan.ok) throw new Error('scan failed');
    const started = await call(deskA, 'feedImportStart', { scanId: scan.value.scanId! });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const done = await settled(started.value.runId);
    expect(done).toMatchObject({ state: 'done', rejectedTotal: ROWS, reportPath: null, reportAtHub: true });
    expect(done.rejections.length).toBeLessThan(ROWS);

    // Cancelled dialog: nothing written.
    savePath = null;
    expect(await call(deskA, 'feedImportSaveReport', { runId: started.value.runId })).toEqual({ ok: true, value: { saved: false, rows: 0 } });
    expect(chooseSavePath).toHaveBeenLastCalledWith(`import-${started.value.runId}-rejected.csv`);

    savePath = join(dir, 'saved-report.csv');
    expect(await call(deskA, 'feedImportSaveReport', { runId: started.value.runId })).toEqual({ ok: true, value: { saved: true, rows: ROWS } });
    const lines = readFileSync(savePath, 'utf8').split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe('file,line,field,reason,detail');
    expect(lines[1]).toBe('credits-bad.ndjson,1,account_source_id,unknown_reference,no account NOPE');
    expect(lines[ROWS]).toBe(`credits-bad.ndjson,${ROWS},account_source_id,unknown_reference,no account NOPE`);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(ROWS);
    expect(existsSync(`${savePath}.partial`)).toBe(false);

    // A place that cannot be written: a coded error, no file.
    savePath = join(dir, 'no-such-folder', 'report.csv');
    expect(await call(deskA, 'feedImportSaveReport', { runId: started.value.runId })).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { reason: 'save_failed' } } });
    expect(existsSync(savePath)).toBe(false);

    // A run without rejected rows, or one the hub does not know, has no report: no dialog opens.
    chooseSavePath.mockClear();
    const clean = (await site.owner.query<{ id: string }>("SELECT id FROM import_runs WHERE state = 'done' AND id <> $1 ORDER BY started_at LIMIT 1", [started.value.runId])).rows[0]!.id;
    expect(await call(deskA, 'feedImportSaveReport', { runId: clean })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(deskA, 'feedImportSaveReport', { runId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(chooseSavePath).not.toHaveBeenCalled();
    picked = samplePaths;
  });

  it('a link a policy feed drops at the hub is deleted on a desktop that had loaded it, by the batch entry, and comes back with the feed', async () => {
    const policies = readFileSync(join(SAMPLE, 'credit_policies.ndjson'), 'utf8');
    const v2 = policies.split('\n').find((l) => l.includes('"code":"att-2024-02-make-it-right","version":2'))!;
    const importPolicies = async (row: string, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, row + '\n');
      picked = [file];
      const scan = await call(deskA, 'feedScan', { mode: 'files' });
      if (!scan.ok) throw new Error('scan failed');
      const started = await call(deskA, 'feedImportStart', { scanId: scan.value.scanId! });
      if (!started.ok) throw new Error(JSON.stringify(started));
      expect(await settled(started.value.runId)).toMatchObject({ state: 'done', rejectedTotal: 0 });
      expect((await deskB.hubSync!.syncNow()).pull?.ok).toBe(true);
    };
    /** Every link on desk B and at the hub, by outage source id and policy version. */
    const deskLinks = () =>
      deskB.db.prepare(`SELECT o.source_id AS outage, p.code, p.version FROM outage_policies op JOIN outages o ON o.id = op.outage_id
        JOIN credit_policies p ON p.id = op.policy_id WHERE o.source_id IS NOT NULL ORDER BY 1, 2, 3`).all();
    const hubLinks = async () =>
      (await site.owner.query(`SELECT o.source_id AS outage, p.code, p.version FROM outage_policies op JOIN outages o ON o.id = op.outage_id
        JOIN credit_policies p ON p.id = op.policy_id WHERE o.source_id IS NOT NULL ORDER BY 1, 2, 3`)).rows;
    const attLink = { outage: 'att-2024-02-22-nationwide', code: 'att-2024-02-make-it-right', version: 2 };
    expect(deskLinks()).toContainEqual(attLink);
    expect(deskLinks()).toEqual(await hubLinks());

    await importPolicies(JSON.stringify({ ...JSON.parse(v2), outage_source_ids: [] }), 'credit_policies-dropped.ndjson');
    expect(deskLinks()).not.toContainEqual(attLink);
    expect(deskLinks()).toEqual(await hubLinks());
    // The feed's own row again: the link comes back, as a row stamped with the new batch.
    await importPolicies(v2, 'credit_policies-back.ndjson');
    expect(deskLinks()).toContainEqual(attLink);
    expect(deskLinks()).toEqual(await hubLinks());
    picked = samplePaths;
  });
});
