import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { auditEventHash } from '../../electron/main/audit/audit-hash';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { ARCHIVE_FORMAT } from '../../electron/main/hub-sync/standalone-archive';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * A desktop that worked alone, with requests filed and decided and an audit chain of its own,
 * joins a hub: its history goes to an archive file before anything leaves its database, the
 * admin's Hub screen names the file, and the cache keeps only what the hub will send.
 */

type ArchivedEvent = Parameters<typeof auditEventHash>[0] & { hash: string };

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
let site: HubTestSite;
let dir: string;
let desk: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desk.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(username: string, password: string): Promise<void> {
  await call('authSignOut', {});
  const answer = await call('authSignIn', { username, password });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
}

function goodwill(accountNumber: string): ChannelInput<'overridesSubmit'> {
  return {
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId: 1,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'excluded_segment_goodwill',
    justification: 'Customer lost service for a full day.',
    interactionRef: 'CALL-3',
  };
}

function open(hub: boolean): Backend {
  return createBackend({
    dbPath: join(dir, 'desk.sqlite'),
    isTrustedSender: () => true,
    seedDemo: !hub,
    passwordCost: TEST_PASSWORD_COST,
    ...(hub ? { hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' } as const, hubSealer: fakeSealer, hubPullIntervalMs: 0 } : {}),
  });
}

const archives = () => (existsSync(join(dir, 'archives')) ? readdirSync(join(dir, 'archives')) : []);

let approvedCreditId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-archive-'));
  site = await startHubTestSite();
  // The desktop alone, as today: Alice files twice, Sam approves one.
  desk = open(false);
  await signIn('alice', 'agent-demo-2024');
  const approved = await call('overridesSubmit', goodwill(demoAccounts.carlosPena.accountNumber));
  expect((await call('overridesSubmit', goodwill(demoAccounts.zoeNguyen.accountNumber))).ok).toBe(true);
  await signIn('sam', 'supervisor-demo-2024');
  const request = approved.ok ? approved.value : null;
  const decided = await call('overridesDecide', { requestId: request!.id, version: request!.version, decision: 'approve', note: 'Fair.' });
  expect(decided.ok).toBe(true);
  approvedCreditId = decided.ok ? decided.value.creditId! : '';
  await call('authSignOut', {});
  desk.close();
  // The same file, now configured with a hub.
  desk = open(true);
  await signIn('ada', 'admin-demo-2024');
}, 120_000);

afterAll(async () => {
  desk?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a standalone desktop joining a hub', () => {
  it('a refused enrolment archives nothing and removes nothing', async () => {
    expect(await call('hubEnrol', { code: 'ABCD-EFGH-JKLM', name: 'Desk S' })).toMatchObject({ ok: false, error: { code: 'ENROLMENT_CODE_INVALID' } });
    expect(archives()).toEqual([]);
    expect(desk.db.prepare('SELECT count(*) FROM override_requests').pluck().get()).toBe(2);
  });

  it('keeps its override requests and its whole audit chain in an archive file before they leave the cache', async () => {
    const eventsBefore = desk.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    expect(await call('hubEnrol', { code: await site.enrolmentCode(), name: 'Desk S' })).toEqual({ ok: true, value: { desktopName: 'Desk S' } });
    const files = archives();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^standalone-history-\d{8}T\d{6}Z\.ndjson$/);
    const text = readFileSync(join(dir, 'archives', files[0]!), 'utf8');
    const [header, ...records] = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(header).toMatchObject({ format: ARCHIVE_FORMAT, joiningAs: 'Desk S', overrideRequests: 2, auditEvents: eventsBefore, auditChain: { ok: true, count: eventsBefore } });
    const requests = records.filter((record) => record.type === 'override_request');
    expect(requests.map((r) => [r.accountNumber, r.status, r.requestedBy, r.decidedBy]).sort()).toEqual([
      [demoAccounts.carlosPena.accountNumber, 'approved', 'alice', 'sam'],
      [demoAccounts.zoeNguyen.accountNumber, 'pending', 'alice', null],
    ]);
    expect(requests.find((r) => r.status === 'approved')).toMatchObject({ creditId: approvedCreditId, creditStatus: 'scheduled' });

    // The chain verifies from the file alone: every hash recomputed, every link checked.
    const events = records.filter((record) => record.type === 'audit_event') as unknown as ArchivedEvent[];
    expect(events).toHaveLength(eventsBefore);
    let prev = '0'.repeat(64);
    for (const event of events) {
      expect(event.prevHash).toBe(prev);
      expect(auditEventHash(event)).toBe(event.hash);
      prev = event.hash;
    }

    const status = await call('hubStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { enrolled: true, archive: { path: join(dir, 'archives', files[0]!), overrideRequests: 2, auditEvents: eventsBefore } },
    });
    const recorded = desk.db.prepare('SELECT sha256 FROM hub_standalone_archives').pluck().get();
    expect(recorded).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('afterwards the cache holds no standalone request, the credit it wrote stays, and the archiving is audited', async () => {
    expect(desk.db.prepare('SELECT count(*) FROM override_requests').pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT status FROM credits WHERE id = ?').pluck().get(approvedCreditId)).toBe('scheduled');
    const event = desk.db.prepare("SELECT target, json_extract(after_json, '$.overrideRequests') AS n FROM audit_events WHERE action = 'hub.standalone_archived'").get();
    expect(event).toEqual({ target: `archive:${join(dir, 'archives', archives()[0]!)}`, n: 2 });
    expect((await call('auditVerify', {})).ok).toBe(true);
  });
});
