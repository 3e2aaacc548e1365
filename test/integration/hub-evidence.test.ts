import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { idempotencyKey } from '@shared/domain/credit';
import { verizon202601OutageCredit } from '@shared/policy/packs/verizon-2026-01-outage-credit';
import { Policy } from '@shared/policy/policy-schema';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * Issue 13, with a hub: fault reports and claims are the hub's. Two desktop backends (their
 * own SQLite files, the real dispatcher and use cases) against one real hub on PostgreSQL. An
 * agent on desktop A records a customer's fault report and registers the claim of an
 * on-request credit; the credit follows at once on A, the operations travel through A's
 * outbox, the hub re-checks them and writes the credit under the same id, and a supervisor on
 * desktop B sees the report, the claim and the one credit after B syncs. Where a credit rests
 * only on the report, the hub files the supervisor's request; B approves it; one credit.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const OUTAGE = 50;
const DAY_MS = 86_400_000;

let site: HubTestSite;
let dir: string;
let template: string;
let desktopA: Backend;
let desktopB: Backend;
const backends: Backend[] = [];
let account: { accountNumber: string; region: string; lineId: number };

// An on-request policy in effect now (the Verizon pack's terms, without its one-day effective period).
const policy = Policy.parse({ ...verizon202601OutageCredit, code: 'test-on-request-credit', effective: {} });
// An automatic policy that needs an impact record and accepts the customer's report with a supervisor's approval.
const reportPolicy = Policy.parse({
  ...verizon202601OutageCredit,
  code: 'test-report-credit',
  effective: {},
  delivery: { mode: 'automatic', postWithinCycles: 2, noticeChannels: [] },
  evidence: { automatic: 'impact_record', customerReport: 'with_approval' },
});
const REPORT_OUTAGE = 51;
const startsAt = new Date(Date.now() - 2 * DAY_MS).toISOString();
const endsAt = new Date(Date.now() - DAY_MS).toISOString();

function desktop(name: string): Backend {
  const file = join(dir, `${name}.sqlite`);
  copyFileSync(template, file);
  const backend = createBackend({
    dbPath: file,
    isTrustedSender: () => true,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
  });
  backends.push(backend);
  return backend;
}

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

async function enrol(backend: Backend, name: string) {
  await signIn(backend, 'ada');
  const answer = await call(backend, 'hubEnrol', { code: await site.enrolmentCode(), name });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  await call(backend, 'authSignOut', {});
}

function addOutageLocally(db: Database.Database, outageId: number, rules: Policy) {
  db.prepare(
    `INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, services_json, towers_affected, regions_json, updated_at)
     VALUES (?, ?, 'Wireless outage (software)', ?, ?, 'network_change', '["wireless_voice","wireless_data"]', 50, ?, ?)`,
  ).run(outageId, `vz-test-${outageId}`, startsAt, endsAt, JSON.stringify([account.region]), endsAt);
  const policyId = Number(db.prepare('INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?)').run(rules.code, rules.version, JSON.stringify(rules)).lastInsertRowid);
  db.prepare('INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?)').run(outageId, policyId);
}

async function addOutageAtHub(outageId: number, rules: Policy) {
  await site.owner.query('INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    outageId, 'Wireless outage (software)', startsAt, endsAt, [account.region], 'network_change', ['wireless_voice', 'wireless_data'],
  ]);
  await site.owner.query(
    `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO outage_policies (outage_id, policy_id) SELECT $4, id FROM p`,
    [rules.code, rules.version, JSON.stringify(rules), outageId],
  );
}

function outbox(backend: Backend) {
  return backend.db.prepare('SELECT op, state, refusal_reason AS reason FROM hub_outbox ORDER BY seq').all();
}

/** What the account screen reads about the account's reports and claims: id and where each stands with the hub. */
async function evidenceState(backend: Backend) {
  const decisions = await call(backend, 'decisionsForAccount', { accountNumber: account.accountNumber });
  if (!decisions.ok) throw new Error(JSON.stringify(decisions));
  const state = (row: { id: string; syncState?: string | undefined; syncRefusal?: string | null | undefined }) => ({
    id: row.id,
    syncState: row.syncState ?? null,
    syncRefusal: row.syncRefusal ?? null,
  });
  return { reports: decisions.value.faultReports.map(state), claims: decisions.value.claims.map(state) };
}

function creditsOf(backend: Backend, outageId = OUTAGE) {
  return backend.db
    .prepare('SELECT c.id, c.amount_minor AS amountMinor, c.source FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ? AND c.outage_id = ?')
    .all(account.accountNumber, outageId);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-evidence-'));
  site = await startHubTestSite();
  template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true });
  account = seeded.db
    .prepare(
      `SELECT a.account_number AS accountNumber, a.region, min(l.id) AS lineId FROM accounts a JOIN lines l ON l.account_id = a.id
       WHERE a.segment = 'consumer' AND a.country = 'US' AND a.status = 'active' AND a.currency = 'USD'
         AND a.account_number IN (SELECT value FROM json_each(?))
       GROUP BY a.id ORDER BY a.id LIMIT 1`,
    )
    .get(JSON.stringify(Object.values(demoAccounts).map((a) => a.accountNumber))) as typeof account;
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  desktopA = desktop('a');
  desktopB = desktop('b');
  await enrol(desktopA, 'Desk A');
  await enrol(desktopB, 'Desk B');
  for (const backend of [desktopA, desktopB]) {
    addOutageLocally(backend.db, OUTAGE, policy);
    addOutageLocally(backend.db, REPORT_OUTAGE, reportPolicy);
  }
  // The hub's copy of the same carrier facts (a snapshot would bring the desktops the hub's own).
  await addOutageAtHub(OUTAGE, policy);
  await addOutageAtHub(REPORT_OUTAGE, reportPolicy);
  await site.owner.query(
    `INSERT INTO lines (id, source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
     SELECT $1, 'L-test', id, '+15125550199', 'wireless_voice', 6500, 'active' FROM accounts WHERE account_number = $2`,
    [account.lineId, account.accountNumber],
  );
}, 120_000);

afterAll(async () => {
  for (const backend of backends) backend.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('fault reports and claims with a hub', () => {
  let reportId: string;
  let claimId: string;
  let creditId: string;

  it('an agent on desktop A records a report and registers a claim: the credit follows there, and both travel to the hub', async () => {
    await signIn(desktopA, 'alice');
    const report = await call(desktopA, 'faultReportsRecord', {
      clientRequestId: crypto.randomUUID(),
      accountNumber: account.accountNumber,
      outageId: OUTAGE,
      lineId: account.lineId,
      fromAt: new Date(Date.parse(startsAt) + 60_000).toISOString(),
      toAt: endsAt,
      failed: ['calls', 'data'],
      note: 'No calls and no data for the whole evening, says the customer.',
      interactionRef: 'CALL-HUB-1',
    });
    if (!report.ok) throw new Error(JSON.stringify(report));
    reportId = report.value.report.id;
    const claim = await call(desktopA, 'claimsRegister', { accountNumber: account.accountNumber, outageId: OUTAGE, policyCode: policy.code, interactionRef: 'CALL-HUB-1' });
    if (!claim.ok) throw new Error(JSON.stringify(claim));
    claimId = claim.value.claim.id;
    expect(claim.value.creditIds).toHaveLength(1);
    creditId = claim.value.creditIds[0]!;
    expect(creditsOf(desktopA)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);
    // The account screen shows both as waiting to sync until the hub answers.
    expect(await evidenceState(desktopA)).toEqual({
      reports: [{ id: reportId, syncState: 'pending_sync', syncRefusal: null }],
      claims: [{ id: claimId, syncState: 'pending_sync', syncRefusal: null }],
    });

    await desktopA.hubSync!.syncNow();
    expect(await evidenceState(desktopA)).toEqual({
      reports: [{ id: reportId, syncState: 'synced', syncRefusal: null }],
      claims: [{ id: claimId, syncState: 'synced', syncRefusal: null }],
    });
    expect(outbox(desktopA)).toEqual([
      { op: 'fault_report.record', state: 'accepted', reason: null },
      { op: 'claim.register', state: 'accepted', reason: null },
    ]);
    const { rows: hubClaims } = await site.owner.query('SELECT c.id, c.credit_id, o.username FROM credit_claims c JOIN operators o ON o.id = c.recorded_by');
    expect(hubClaims).toEqual([{ id: claimId, credit_id: creditId, username: 'alice' }]);
    const { rows: hubReports } = await site.owner.query('SELECT id FROM fault_reports');
    expect(hubReports).toEqual([{ id: reportId }]);
    // The hub wrote the claim's credit once, under the desktop's id.
    const { rows: hubCredits } = await site.owner.query('SELECT id, amount_minor FROM credits WHERE outage_id = $1', [OUTAGE]);
    expect(hubCredits).toEqual([{ id: creditId, amount_minor: 2000 }]);
  });

  it('a supervisor on desktop B sees the report, the claim and the one credit after syncing; A keeps one credit', async () => {
    await signIn(desktopB, 'sam');
    await desktopB.hubSync!.syncNow();
    const register = await call(desktopB, 'faultReportsList', { outageId: OUTAGE });
    if (!register.ok) throw new Error(JSON.stringify(register));
    expect(register.value).toEqual([expect.objectContaining({ id: reportId, accountNumber: account.accountNumber, recordedBy: 'alice', failed: ['calls', 'data'] })]);
    expect(desktopB.db.prepare('SELECT id, credit_id AS creditId FROM credit_claims').all()).toEqual([{ id: claimId, creditId }]);
    expect(creditsOf(desktopB)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);
    // B's account view reads the claim (nothing left to claim) and shows the credit.
    const decisions = await call(desktopB, 'decisionsForAccount', { accountNumber: account.accountNumber });
    if (!decisions.ok) throw new Error(JSON.stringify(decisions));
    expect(decisions.value.claims).toEqual([expect.objectContaining({ id: claimId, recordedBy: 'alice', creditId })]);
    expect(decisions.value.faultReports).toEqual([expect.objectContaining({ id: reportId, recordedBy: 'alice' })]);
    // B did not send them: they came down from the hub, so they are the hub's (synced), with no outbox row of B's.
    expect(await evidenceState(desktopB)).toEqual({
      reports: [{ id: reportId, syncState: 'synced', syncRefusal: null }],
      claims: [{ id: claimId, syncState: 'synced', syncRefusal: null }],
    });
    expect(desktopB.db.prepare('SELECT count(*) FROM hub_outbox WHERE request_id IN (?, ?)').pluck().get(reportId, claimId)).toBe(0);
    const entry = decisions.value.decisions.find((d) => d.outage.id === OUTAGE && d.decision?.policyCode === policy.code);
    expect(entry?.decision?.rules.find((r) => r.code === 'claim_registered')).toMatchObject({ outcome: 'pass' });
    // The hub built the credit's key on its own id for the account; this demo-seeded cache knows
    // the account under another. B keeps the credit under the key it builds itself, so its
    // decision finds it: already credited, with the amount, not eligible a second time.
    const hubAccountId = (await site.owner.query<{ id: number }>('SELECT id FROM accounts WHERE account_number = $1', [account.accountNumber])).rows[0]!.id;
    const localAccountId = (desktopB.db.prepare('SELECT id FROM accounts WHERE account_number = ?').get(account.accountNumber) as { id: number }).id;
    expect(localAccountId).not.toBe(hubAccountId);
    expect(entry?.decision).toMatchObject({ status: 'already_credited', creditedMinor: 2000 });
    expect(desktopB.db.prepare('SELECT idempotency_key AS key FROM credits WHERE id = ?').get(creditId)).toEqual({
      key: idempotencyKey({ accountId: localAccountId, outageId: OUTAGE, policyCode: policy.code }),
    });
    const { rows: hubKey } = await site.owner.query('SELECT idempotency_key AS key FROM credits WHERE id = $1', [creditId]);
    expect(hubKey).toEqual([{ key: idempotencyKey({ accountId: hubAccountId, outageId: OUTAGE, policyCode: policy.code }) }]);

    await desktopA.hubSync!.syncNow();
    expect(creditsOf(desktopA)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);
  });

  it('a claim of the same case on B is answered with the claim that stands, and pays nothing twice', async () => {
    await signIn(desktopB, 'sam');
    const again = await call(desktopB, 'claimsRegister', { accountNumber: account.accountNumber, outageId: OUTAGE, policyCode: policy.code, interactionRef: 'CALL-HUB-2' });
    expect(again).toMatchObject({ ok: true, value: { claim: { id: claimId }, creditIds: [] } });
    const { rows } = await site.owner.query('SELECT count(*)::int AS n FROM credits WHERE outage_id = $1', [OUTAGE]);
    expect(rows[0]!.n).toBe(1);
  });
});

describe('a credit resting only on the customer report, with a hub', () => {
  it('the hub files the supervisor request; a supervisor on B approves it and both desktops get the one credit', async () => {
    await signIn(desktopA, 'alice');
    const report = await call(desktopA, 'faultReportsRecord', {
      clientRequestId: crypto.randomUUID(),
      accountNumber: account.accountNumber,
      outageId: REPORT_OUTAGE,
      lineId: account.lineId,
      fromAt: new Date(Date.parse(startsAt) + 60_000).toISOString(),
      toAt: endsAt,
      failed: ['data'],
      note: 'No data at all for the whole day, says the customer on the call.',
      interactionRef: 'CALL-HUB-3',
    });
    if (!report.ok) throw new Error(JSON.stringify(report));
    // Not filed on this desktop: the hub files it.
    expect(report.value.creditRequest).toBeNull();
    await desktopA.hubSync!.syncNow();
    const mine = await call(desktopA, 'overridesMine', {});
    if (!mine.ok) throw new Error(JSON.stringify(mine));
    const filed = mine.value.find((r) => r.kind === 'report_credit' && r.outageId === REPORT_OUTAGE);
    expect(filed).toMatchObject({ status: 'pending', requestedBy: 'alice', faultReport: { id: report.value.report.id, policyCode: reportPolicy.code } });

    await signIn(desktopB, 'sam');
    await desktopB.hubSync!.syncNow();
    const queue = await call(desktopB, 'overridesQueue', {});
    if (!queue.ok) throw new Error(JSON.stringify(queue));
    const item = queue.value.find((entry) => entry.request.id === filed!.id)?.request;
    expect(item).toMatchObject({ kind: 'report_credit', faultReport: { id: report.value.report.id, note: expect.stringContaining('No data') } });
    const approved = await call(desktopB, 'overridesDecide', { requestId: item!.id, version: item!.version, decision: 'approve', note: 'Checked the report with the customer.' });
    expect(approved).toMatchObject({ ok: true });
    await desktopB.hubSync!.syncNow();
    const { rows } = await site.owner.query("SELECT amount_minor AS amount, source FROM credits WHERE outage_id = $1", [REPORT_OUTAGE]);
    expect(rows).toEqual([{ amount: 2000, source: 'override' }]);
    expect(creditsOf(desktopB, REPORT_OUTAGE)).toEqual([expect.objectContaining({ amountMinor: 2000, source: 'override' })]);
    await signIn(desktopA, 'alice');
    await desktopA.hubSync!.syncNow();
    expect(creditsOf(desktopA, REPORT_OUTAGE)).toEqual([expect.objectContaining({ amountMinor: 2000, source: 'override' })]);
  });
});


describe('offline', () => {
  it('a report recorded while the hub is down waits in the outbox, pending, and goes when the hub is back', async () => {
    await signIn(desktopA, 'alice');
    await site.stop();
    let down = true;
    try {
      const report = await call(desktopA, 'faultReportsRecord', {
        clientRequestId: crypto.randomUUID(),
        accountNumber: account.accountNumber,
        outageId: OUTAGE,
        lineId: null,
        fromAt: new Date(Date.parse(startsAt) + 120_000).toISOString(),
        toAt: null,
        failed: ['internet'],
        note: 'Called again: the home internet is still down, says the customer.',
        interactionRef: 'CALL-HUB-4',
      });
      if (!report.ok) throw new Error(JSON.stringify(report));
      await desktopA.hubSync!.syncNow().catch(() => undefined);
      expect(outbox(desktopA).at(-1)).toEqual({ op: 'fault_report.record', state: 'pending', reason: null });
      expect((await evidenceState(desktopA)).reports.find((r) => r.id === report.value.report.id)).toEqual({ id: report.value.report.id, syncState: 'pending_sync', syncRefusal: null });
      const { rows } = await site.owner.query('SELECT count(*)::int AS n FROM fault_reports WHERE id = $1', [report.value.report.id]);
      expect(rows[0]!.n).toBe(0);
      await site.start();
      down = false;
      await desktopA.hubSync!.syncNow();
      expect(outbox(desktopA).at(-1)).toEqual({ op: 'fault_report.record', state: 'accepted', reason: null });
      expect((await evidenceState(desktopA)).reports.find((r) => r.id === report.value.report.id)).toEqual({ id: report.value.report.id, syncState: 'synced', syncRefusal: null });
      const { rows: after } = await site.owner.query('SELECT count(*)::int AS n FROM fault_reports WHERE id = $1', [report.value.report.id]);
      expect(after[0]!.n).toBe(1);
    } finally {
      if (down) await site.start();
    }
  });
});

describe('a claim made offline', () => {
  it('waits as pending while the hub is unreachable, syncs exactly once when it is back, and a second desktop sees it', async () => {
    const OFFLINE_OUTAGE = 53;
    const offlinePolicy = Policy.parse({ ...policy, code: 'test-offline-claim' });
    for (const backend of [desktopA, desktopB]) addOutageLocally(backend.db, OFFLINE_OUTAGE, offlinePolicy);
    await addOutageAtHub(OFFLINE_OUTAGE, offlinePolicy);
    const hubCounts = async () => {
      const { rows } = await site.owner.query(
        `SELECT (SELECT count(*)::int FROM credit_claims WHERE outage_id = $1) AS claims, (SELECT count(*)::int FROM credits WHERE outage_id = $1) AS credits`,
        [OFFLINE_OUTAGE],
      );
      return rows[0] as { claims: number; credits: number };
    };
    await signIn(desktopA, 'alice');
    await site.stop();
    let down = true;
    try {
      const claim = await call(desktopA, 'claimsRegister', { accountNumber: account.accountNumber, outageId: OFFLINE_OUTAGE, policyCode: offlinePolicy.code, interactionRef: 'CALL-OFF-1' });
      if (!claim.ok) throw new Error(JSON.stringify(claim));
      const claimId = claim.value.claim.id;
      expect(claim.value.creditIds).toHaveLength(1);
      const creditId = claim.value.creditIds[0]!;
      // The hub cannot be reached: the push fails, the claim stays pending at the claim itself.
      await desktopA.hubSync!.syncNow().catch(() => undefined);
      expect(outbox(desktopA).at(-1)).toEqual({ op: 'claim.register', state: 'pending', reason: null });
      expect((await evidenceState(desktopA)).claims.find((c) => c.id === claimId)).toEqual({ id: claimId, syncState: 'pending_sync', syncRefusal: null });
      expect(creditsOf(desktopA, OFFLINE_OUTAGE)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);
      expect(await hubCounts()).toEqual({ claims: 0, credits: 0 });

      await site.start();
      down = false;
      await desktopA.hubSync!.syncNow();
      expect((await evidenceState(desktopA)).claims.find((c) => c.id === claimId)).toEqual({ id: claimId, syncState: 'synced', syncRefusal: null });
      expect(await hubCounts()).toEqual({ claims: 1, credits: 1 });
      const { rows: hubCredit } = await site.owner.query('SELECT id, amount_minor FROM credits WHERE outage_id = $1', [OFFLINE_OUTAGE]);
      expect(hubCredit).toEqual([{ id: creditId, amount_minor: 2000 }]);
      // Syncing again sends nothing twice.
      await desktopA.hubSync!.syncNow();
      expect(await hubCounts()).toEqual({ claims: 1, credits: 1 });
      expect(outbox(desktopA).filter((row) => (row as { op: string }).op === 'claim.register' && (row as { state: string }).state === 'pending')).toEqual([]);
      expect(creditsOf(desktopA, OFFLINE_OUTAGE)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);

      await signIn(desktopB, 'sam');
      await desktopB.hubSync!.syncNow();
      expect(desktopB.db.prepare('SELECT id, credit_id AS creditId FROM credit_claims WHERE outage_id = ?').all(OFFLINE_OUTAGE)).toEqual([{ id: claimId, creditId }]);
      expect((await evidenceState(desktopB)).claims.find((c) => c.id === claimId)).toEqual({ id: claimId, syncState: 'synced', syncRefusal: null });
      expect(creditsOf(desktopB, OFFLINE_OUTAGE)).toEqual([{ id: creditId, amountMinor: 2000, source: 'automatic' }]);
    } finally {
      if (down) await site.start();
    }
  });
});

describe('refused at the hub', () => {
  it('a claim the hub refuses (an outage only this desktop has) loses the credit written here; the claim stays with the reason in the outbox', async () => {
    const LOCAL_ONLY = 52;
    addOutageLocally(desktopA.db, LOCAL_ONLY, { ...policy, code: 'test-local-only', version: 1 } as Policy);
    await signIn(desktopA, 'alice');
    const claim = await call(desktopA, 'claimsRegister', { accountNumber: account.accountNumber, outageId: LOCAL_ONLY, policyCode: 'test-local-only', interactionRef: 'CALL-HUB-5' });
    if (!claim.ok) throw new Error(JSON.stringify(claim));
    expect(claim.value.creditIds).toHaveLength(1);
    await desktopA.hubSync!.syncNow();
    expect(outbox(desktopA).at(-1)).toEqual({ op: 'claim.register', state: 'refused', reason: 'not_found' });
    expect((await evidenceState(desktopA)).claims.find((c) => c.id === claim.value.claim.id)).toEqual({ id: claim.value.claim.id, syncState: 'refused', syncRefusal: 'not_found' });
    expect(creditsOf(desktopA, LOCAL_ONLY)).toEqual([]);
    expect(desktopA.db.prepare('SELECT id, credit_id AS creditId FROM credit_claims WHERE outage_id = ?').all(LOCAL_ONLY)).toEqual([{ id: claim.value.claim.id, creditId: null }]);
  });

  it('the refused claim counts for nothing here, and the case can be registered again: once the hub knows the outage, the new claim stands and pays once', async () => {
    const LOCAL_ONLY = 52;
    const claimRule = async () => {
      const decisions = await call(desktopA, 'decisionsForAccount', { accountNumber: account.accountNumber });
      if (!decisions.ok) throw new Error(JSON.stringify(decisions));
      return decisions.value.decisions.find((d) => d.outage.id === LOCAL_ONLY)?.decision?.rules.find((r) => r.code === 'claim_registered')?.outcome;
    };
    await signIn(desktopA, 'alice');
    // The refused claim is on record, but the decision sees no claim: the agent can register it.
    expect(await claimRule()).toBe('unknown');
    const [refused] = desktopA.db.prepare('SELECT id, refused_at AS refusedAt FROM credit_claims WHERE outage_id = ?').all(LOCAL_ONLY) as { id: string; refusedAt: string | null }[];
    expect(refused?.refusedAt).toEqual(expect.any(String));

    await addOutageAtHub(LOCAL_ONLY, { ...policy, code: 'test-local-only', version: 1 } as Policy);
    const again = await call(desktopA, 'claimsRegister', { accountNumber: account.accountNumber, outageId: LOCAL_ONLY, policyCode: 'test-local-only', interactionRef: 'CALL-HUB-7' });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.value.claim.id).not.toBe(refused!.id);
    expect(again.value.creditIds).toHaveLength(1);
    expect(await claimRule()).toBe('pass');
    await desktopA.hubSync!.syncNow();
    expect(outbox(desktopA).at(-1)).toEqual({ op: 'claim.register', state: 'accepted', reason: null });
    const claims = (await evidenceState(desktopA)).claims.filter((c) => [refused!.id, again.value.claim.id].includes(c.id));
    expect(claims).toEqual([
      { id: refused!.id, syncState: 'refused', syncRefusal: 'not_found' },
      { id: again.value.claim.id, syncState: 'synced', syncRefusal: null },
    ]);
    expect(creditsOf(desktopA, LOCAL_ONLY)).toEqual([{ id: again.value.creditIds[0], amountMinor: 2000, source: 'automatic' }]);
    const atHub = await site.owner.query('SELECT id FROM credit_claims WHERE outage_id = $1', [LOCAL_ONLY]);
    expect(atHub.rows).toEqual([{ id: again.value.claim.id }]);
    // A third registration of the case answers with the claim that stands and pays nothing more.
    const third = await call(desktopA, 'claimsRegister', { accountNumber: account.accountNumber, outageId: LOCAL_ONLY, policyCode: 'test-local-only', interactionRef: 'CALL-HUB-8' });
    expect(third).toMatchObject({ ok: true, value: { claim: { id: again.value.claim.id }, creditIds: [] } });
    expect(creditsOf(desktopA, LOCAL_ONLY)).toHaveLength(1);
  });

  it('a report the hub refuses is refused at the report itself, with the hub’s reason (and in the supervisors’ register)', async () => {
    const LOCAL_ONLY_REPORT = 54;
    addOutageLocally(desktopA.db, LOCAL_ONLY_REPORT, { ...policy, code: 'test-local-only-report', version: 1 } as Policy);
    await signIn(desktopA, 'alice');
    const report = await call(desktopA, 'faultReportsRecord', {
      clientRequestId: crypto.randomUUID(),
      accountNumber: account.accountNumber,
      outageId: LOCAL_ONLY_REPORT,
      lineId: null,
      fromAt: new Date(Date.parse(startsAt) + 60_000).toISOString(),
      toAt: endsAt,
      failed: ['calls'],
      note: 'No calls the whole afternoon, says the customer on the phone.',
      interactionRef: 'CALL-HUB-6',
    });
    if (!report.ok) throw new Error(JSON.stringify(report));
    await desktopA.hubSync!.syncNow();
    expect(outbox(desktopA).at(-1)).toEqual({ op: 'fault_report.record', state: 'refused', reason: 'not_found' });
    expect((await evidenceState(desktopA)).reports.find((r) => r.id === report.value.report.id)).toEqual({ id: report.value.report.id, syncState: 'refused', syncRefusal: 'not_found' });
    await signIn(desktopA, 'sam');
    const register = await call(desktopA, 'faultReportsList', { outageId: LOCAL_ONLY_REPORT });
    expect(register).toMatchObject({ ok: true, value: [{ id: report.value.report.id, syncState: 'refused', syncRefusal: 'not_found' }] });
  });
});
