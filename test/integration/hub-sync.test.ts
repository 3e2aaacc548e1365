import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * Two desktop backends (two SQLite files, the real dispatcher and use cases) against one real
 * hub (Fastify on loopback, a private PostgreSQL started here). Sync is driven by hand
 * (syncNow) except where the test shows the change stream's nudge doing it.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const CARLOS = demoAccounts.carlosPena.accountNumber;
const MARIA = demoAccounts.mariaMuller.accountNumber;
const OKAFOR = demoAccounts.okaforLogistics.accountNumber;
const ZOE = demoAccounts.zoeNguyen.accountNumber;


let site: HubTestSite;
let owner: pg.Pool;
let hubUrl: string;
let dir: string;
let template: string;
const backends: Backend[] = [];

function desktop(name: string, file = join(dir, `${name}.sqlite`)): Backend {
  if (!file.startsWith(join(dir, 'copy-'))) copyFileSync(template, file);
  const backend = createBackend({
    dbPath: file,
    isTrustedSender: () => true,
    hub: { mode: 'hub', url: hubUrl, ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
  });
  backends.push(backend);
  return backend;
}

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function mine(backend: Backend, id: string) {
  const answer = await call(backend, 'overridesMine', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value.find((request) => request.id === id);
}

async function queueItem(backend: Backend, id: string) {
  const answer = await call(backend, 'overridesQueue', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value.find((item) => item.request.id === id)?.request;
}

async function file(backend: Backend, input: ChannelInput<'overridesSubmit'>) {
  const answer = await call(backend, 'overridesSubmit', input);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value;
}

async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
  return answer;
}

async function enrol(backend: Backend, name: string) {
  await signIn(backend, 'ada');
  const answer = await call(backend, 'hubEnrol', { code: await site.enrolmentCode(), name });
  await call(backend, 'authSignOut', {});
  return answer;
}

function goodwill(accountNumber: string, amountMinor: number): ChannelInput<'overridesSubmit'> {
  return {
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId: 1,
    kind: 'goodwill',
    amountMinor,
    reasonCode: 'service_recovery',
    justification: 'Customer waited two hours on the line for nothing.',
    interactionRef: 'CALL-77',
  };
}

function outbox(backend: Backend) {
  return backend.db.prepare('SELECT seq, op, state, refusal_reason AS reason FROM hub_outbox ORDER BY seq').all() as { seq: number; op: string; state: string; reason: string | null }[];
}

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let desktopA: Backend;
let desktopB: Backend;
let firstRequestId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-sync-'));
  site = await startHubTestSite();
  owner = site.owner;
  hubUrl = site.url();
  // One seeded demo database (standalone, as today); each desktop starts from a copy.
  template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  desktopA = desktop('a');
  desktopB = desktop('b');
}, 120_000);

afterAll(async () => {
  for (const backend of backends) backend.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('two desktops and one hub', () => {
  it('enrols each desktop once with a one-time code, keeping the secret sealed', async () => {
    expect(await enrol(desktopA, 'Desk A')).toEqual({ ok: true, value: { desktopName: 'Desk A' } });
    expect(await enrol(desktopB, 'Desk B')).toEqual({ ok: true, value: { desktopName: 'Desk B' } });
    const { rows } = await owner.query<{ name: string }>('SELECT name FROM desktops ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(['Desk A', 'Desk B']);
    const stored = desktopA.db.prepare('SELECT sealed_with AS sealedWith, sealed_secret AS sealed FROM hub_desktop').get() as { sealedWith: string; sealed: Buffer };
    expect(stored.sealedWith).toBe('safe_storage');
    expect(stored.sealed.toString()).not.toContain('ocdd_');
    desktopA.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'a.sqlite')).includes('ocdd_')).toBe(false);
    // Kept for the restore test below: A as it was right after enrolment.
    await desktopA.db.backup(join(dir, 'a-enrolled.sqlite'));
    // A used code does not enrol a second desktop; only an admin may try.
    await signIn(desktopB, 'sam');
    expect(await call(desktopB, 'hubEnrol', { code: 'ABCD-EFGH-JKLM', name: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  });

  it('signs operators in through the hub, and the hub token never reaches the renderer', async () => {
    const alice = await signIn(desktopA, 'alice');
    expect(alice).toMatchObject({ ok: true, value: { username: 'alice', role: 'agent' } });
    expect(JSON.stringify(alice)).not.toMatch(/ocds_/);
    expect(await call(desktopA, 'authSignIn', { username: 'alice', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    await signIn(desktopA, 'alice');
    expect(await call(desktopA, 'hubStatus', {})).toEqual({
      ok: true,
      // The seeded demo desktop joined with an audit chain of its own: it was archived (hub-standalone-archive.test.ts).
      value: { mode: 'hub', enrolled: true, desktopName: 'Desk A', online: true, pendingOperations: 0, archive: expect.objectContaining({ overrideRequests: 0 }), snapshot: null },
    });
  });

  it("Alice's goodwill request filed on A reaches the hub and Sam's queue on B without a manual pull", async () => {
    await signIn(desktopB, 'sam');
    await signIn(desktopA, 'alice');
    // B's renderer waits on its data version; the pull of A's filing must move it.
    const bVersion = await call(desktopB, 'changesNext', { afterVersion: null });
    expect(bVersion).toMatchObject({ ok: true, value: { hub: 'online' } });
    const bMoved = call(desktopB, 'changesNext', { afterVersion: bVersion.ok ? bVersion.value.version : 0 });
    const filed = await file(desktopA, goodwill(CARLOS, 2500));
    firstRequestId = filed.id;
    expect(filed).toMatchObject({ status: 'pending', syncState: 'pending_sync' });
    expect(outbox(desktopA)).toEqual([{ seq: 1, op: 'override.submit', state: 'pending', reason: null }]);
    // The outbox pushes on its own after the transaction; the hub's nudge makes B pull.
    await waitFor(() => outbox(desktopA)[0]!.state === 'accepted');
    const atHub = await owner.query('SELECT r.status, o.username FROM override_requests r JOIN operators o ON o.id = r.requested_by WHERE r.id = $1', [firstRequestId]);
    expect(atHub.rows).toEqual([{ status: 'pending', username: 'alice' }]);
    expect(await mine(desktopA, firstRequestId)).toMatchObject({ syncState: 'synced' });
    await waitFor(() => desktopB.db.prepare('SELECT 1 FROM override_requests WHERE id = ?').get(firstRequestId));
    expect(await queueItem(desktopB, firstRequestId)).toMatchObject({ requestedBy: 'alice', status: 'pending', amountMinor: 2500 });
    expect(await bMoved).toMatchObject({ ok: true, value: { version: expect.any(Number), hub: 'online' } });
    expect(desktopB.dataVersion.current()).toBeGreaterThan(bVersion.ok ? bVersion.value.version : 0);
  });

  it("Sam approves it on B; the hub's credit replaces B's own, and Alice's desktop shows it with its bill date", async () => {
    const request = (await queueItem(desktopB, firstRequestId))!;
    const approved = await call(desktopB, 'overridesDecide', { requestId: firstRequestId, version: request.version, decision: 'approve', note: 'Long wait, goodwill is fair.' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', syncState: 'pending_sync' } });
    await waitFor(() => outbox(desktopB).some((row) => row.op === 'override.decide' && row.state === 'accepted'));
    await desktopB.hubSync!.syncNow();
    const hubCredit = (await owner.query<{ id: string; bill_date: string }>("SELECT id, to_char(bill_date, 'YYYY-MM-DD') AS bill_date FROM credits WHERE override_request_id = $1", [firstRequestId])).rows;
    expect(hubCredit).toHaveLength(1);
    // One credit for the request on B: the hub's, by its id; the provisional one is gone.
    const onB = desktopB.db.prepare('SELECT c.id, c.bill_date AS billDate FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ?').all(CARLOS);
    expect(onB).toEqual([{ id: hubCredit[0]!.id, billDate: hubCredit[0]!.bill_date }]);
    // Alice's desktop follows the nudge: approved, with the hub's credit and bill date.
    await waitFor(() => desktopA.db.prepare("SELECT 1 FROM override_requests WHERE id = ? AND status = 'approved' AND credit_id IS NOT NULL").get(firstRequestId));
    expect(await mine(desktopA, firstRequestId)).toMatchObject({
      status: 'approved',
      decidedBy: 'sam',
      creditId: hubCredit[0]!.id,
      creditStatus: 'scheduled',
      billDate: hubCredit[0]!.bill_date,
    });
  });

  it('Sam cannot approve a request he filed himself, on his desktop or on another', async () => {
    await signIn(desktopB, 'sam');
    const own = await file(desktopB, goodwill(MARIA, 1500));
    await waitFor(() => outbox(desktopB).at(-1)!.state === 'accepted');
    expect(await call(desktopB, 'overridesDecide', { requestId: own.id, version: own.version, decision: 'approve', note: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE', details: { reason: 'own_request' } },
    });
    await signIn(desktopA, 'sam');
    await desktopA.hubSync!.syncNow();
    expect(await queueItem(desktopA, own.id)).toMatchObject({ requestedBy: 'sam', status: 'pending' });
    expect(await call(desktopA, 'overridesDecide', { requestId: own.id, version: own.version, decision: 'approve', note: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE', details: { reason: 'own_request' } },
    });
    expect((await owner.query('SELECT status FROM override_requests WHERE id = $1', [own.id])).rows).toEqual([{ status: 'pending' }]);
  });

  it('a refusal from the hub is acknowledged once, never resent, and the request shows it with the reason', async () => {
    // The hub's limit drops below the one this desktop learnt at sign-in (changed behind its back).
    await signIn(desktopA, 'alice');
    await owner.query('UPDATE override_currency_limits SET per_request_cap_minor = 1000');
    const filed = await file(desktopA, goodwill(OKAFOR, 2000));
    await waitFor(() => outbox(desktopA).at(-1)!.state === 'refused');
    expect(outbox(desktopA).at(-1)).toMatchObject({ op: 'override.submit', state: 'refused', reason: 'over_request_cap' });
    expect(await mine(desktopA, filed.id)).toMatchObject({ status: 'rejected', syncState: 'refused', syncRefusal: 'over_request_cap' });
    const operations = async () => (await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM operations')).rows[0]!.n;
    const before = await operations();
    await desktopA.hubSync!.syncNow();
    expect(await operations()).toBe(before);
    expect((await owner.query('SELECT 1 FROM override_requests WHERE id = $1', [filed.id])).rowCount).toBe(0);
    await owner.query('UPDATE override_currency_limits SET per_request_cap_minor = 5000');
  });

  it('while the hub is down a filed request waits in the outbox, and syncs when the hub is back', async () => {
    await signIn(desktopA, 'alice');
    await site.stop();
    const filed = await file(desktopA, goodwill(ZOE, 1200));
    const round = await desktopA.hubSync!.syncNow();
    expect(round.push).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(outbox(desktopA).at(-1)).toMatchObject({ op: 'override.submit', state: 'pending' });
    expect(await mine(desktopA, filed.id)).toMatchObject({ status: 'pending', syncState: 'pending_sync' });
    expect(await call(desktopA, 'hubStatus', {})).toMatchObject({ ok: true, value: { online: false, pendingOperations: 1 } });
    // An approval needs the hub: on a desktop that cannot reach it, it is refused, not queued.
    await desktopB.hubSync!.syncNow();
    const pendingOnB = (desktopB.db.prepare("SELECT id, version FROM override_requests WHERE status = 'pending' LIMIT 1").get() as { id: string; version: number });
    const outboxOfB = outbox(desktopB);
    expect(await call(desktopB, 'overridesDecide', { requestId: pendingOnB.id, version: pendingOnB.version, decision: 'reject', note: 'no' })).toEqual({
      ok: false,
      error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } },
    });
    expect(outbox(desktopB)).toEqual(outboxOfB);
    // A filing the local rules refuse rolls back whole: no outbox row, no seq used up.
    const outboxBefore = outbox(desktopA);
    expect(await call(desktopA, 'overridesSubmit', goodwill(ZOE, 1300))).toMatchObject({ ok: false, error: { details: { reason: 'open_request_exists' } } });
    expect(outbox(desktopA)).toEqual(outboxBefore);
    await site.start();
    const again = await desktopA.hubSync!.syncNow();
    expect(again.push).toMatchObject({ ok: true, report: { accepted: 1, refused: 0 } });
    expect(outbox(desktopA).at(-1)).toMatchObject({ state: 'accepted' });
    expect(await mine(desktopA, filed.id)).toMatchObject({ status: 'pending', syncState: 'synced' });
    expect((await owner.query('SELECT status FROM override_requests WHERE id = $1', [filed.id])).rows).toEqual([{ status: 'pending' }]);
  });

  it("while the hub is down an admin's site-wide jobs are refused with needs_hub, and nothing is written", async () => {
    await signIn(desktopB, 'ada');
    await site.stop();
    try {
      const count = (sql: string) => (desktopB.db.prepare(sql).get() as { n: number }).n;
      const before = [count('SELECT count(*) AS n FROM policy_runs'), count('SELECT count(*) AS n FROM credits'), count('SELECT count(*) AS n FROM export_batches')];
      const outage = desktopB.db.prepare('SELECT id FROM outages ORDER BY id LIMIT 1').get() as { id: number };
      const needsHub = { ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } } };
      expect(await call(desktopB, 'policyRunStart', { outageId: outage.id })).toEqual(needsHub);
      expect(await call(desktopB, 'exportCreateBatch', {})).toEqual(needsHub);
      expect(await call(desktopB, 'feedImportStart', { scanId: '01J0000000000000000000000A' })).toEqual(needsHub);
      expect([count('SELECT count(*) AS n FROM policy_runs'), count('SELECT count(*) AS n FROM credits'), count('SELECT count(*) AS n FROM export_batches')]).toEqual(before);
    } finally {
      await site.start();
    }
    // With the hub back, the same call goes through to the job (here: a scan this desktop never made).
    expect(await call(desktopB, 'feedImportStart', { scanId: '01J0000000000000000000000A' })).toMatchObject({ ok: false, error: { code: expect.not.stringMatching(/^HUB_UNAVAILABLE$/) } });
  });

  it("an operator's interface language is kept at the hub and follows them to another desktop; offline the change is refused", async () => {
    const first = await signIn(desktopA, 'alice');
    const other = first.value.locale === 'nl-NL' ? 'en-US' : 'nl-NL';
    expect(await call(desktopA, 'operatorSetLocale', { locale: other })).toMatchObject({ ok: true, value: { locale: other } });
    expect((await owner.query("SELECT locale FROM operators WHERE username = 'alice'")).rows).toEqual([{ locale: other }]);
    // On desktop B, whose cache never saw the change, the hub's sign-in brings it.
    expect((await signIn(desktopB, 'alice')).value.locale).toBe(other);

    await site.stop();
    try {
      expect(await call(desktopB, 'operatorSetLocale', { locale: first.value.locale as 'en-US' | 'nl-NL' })).toEqual({
        ok: false,
        error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } },
      });
      expect(await call(desktopB, 'authSession', {})).toMatchObject({ ok: true, value: { locale: other } });
    } finally {
      await site.start();
    }
    await signIn(desktopA, 'alice');
    expect(await call(desktopA, 'operatorSetLocale', { locale: first.value.locale as 'en-US' | 'nl-NL' })).toMatchObject({ ok: true });
  });

  it('a desktop restored from an old backup continues above the seq the hub applied last', async () => {
    // A copy of A as it was right after enrolment: its own count of seqs is back at 0.
    const restoredFile = join(dir, 'copy-a-restored.sqlite');
    copyFileSync(join(dir, 'a-enrolled.sqlite'), restoredFile);
    const restored = desktop('restored', restoredFile);
    const { rows } = await owner.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM operations o JOIN desktops d ON d.id = o.desktop_id WHERE d.name = $1', ['Desk A']);
    const applied = rows[0]!.seq;
    expect(applied).toBeGreaterThan(1);
    await signIn(restored, 'alice');
    const filed = await file(restored, goodwill(OKAFOR, 900));
    await waitFor(() => outbox(restored).at(-1)!.state !== 'pending');
    expect(outbox(restored)).toEqual([{ seq: applied + 1, op: 'override.submit', state: 'accepted', reason: null }]);
    expect((await owner.query('SELECT 1 FROM override_requests WHERE id = $1', [filed.id])).rowCount).toBe(1);
  });
});
