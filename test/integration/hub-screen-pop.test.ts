import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { SCREEN_POP_PATH } from '@shared/hub/screen-pop';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * The phone system calls the hub; the hub pushes the pop on the change stream of the agent's
 * own desktop, whose backend puts it in the same screen-pop inbox a link from the operating
 * system goes to. Two desktop backends (real SQLite, real dispatcher) against one real hub.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const CARLOS = demoAccounts.carlosPena.accountNumber;

let site: HubTestSite;
let dir: string;
let desktopA: Backend;
let desktopB: Backend;
let token: string;
const backends: Backend[] = [];

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

function pop(body: unknown, bearer = token) {
  return fetch(`${site.url()}${SCREEN_POP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
}

/** Posts until the agent's stream is open at the hub (the desktop opens it just after sign-in). */
async function popWhenConnected(body: unknown): Promise<Response> {
  const until = Date.now() + 5_000;
  for (;;) {
    const response = await pop(body);
    if (response.status !== 404 || Date.now() > until) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-screen-pop-'));
  site = await startHubTestSite();
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  for (const name of ['a', 'b']) {
    const file = join(dir, `${name}.sqlite`);
    copyFileSync(template, file);
    const backend = createBackend({
      dbPath: file,
      isTrustedSender: () => true,
      hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
      hubSealer: fakeSealer,
      hubPullIntervalMs: 0,
      screenPopWaitMs: 300,
    });
    backends.push(backend);
    await signIn(backend, 'ada');
    const enrolled = await call(backend, 'hubEnrol', { code: await site.enrolmentCode(), name: `Desk ${name}` });
    expect(enrolled.ok).toBe(true);
  }
  [desktopA, desktopB] = backends as [Backend, Backend];
  token = await site.integrationToken();
}, 120_000);

afterAll(async () => {
  for (const backend of backends) backend.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('screen-pop pushed by the hub', () => {
  it("reaches Alice's inbox on desk A with the call id, and nothing reaches Bob's on desk B", async () => {
    await signIn(desktopA, 'alice');
    await signIn(desktopB, 'bob');
    const response = await popWhenConnected({ agent: 'alice', callerNumber: '+1 312 555 0142', accountNumber: CARLOS, callId: 'CALL-4471' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ delivered: 1 });
    expect(await call(desktopA, 'screenPopNext', {})).toEqual({
      ok: true,
      value: { event: { ok: true, lookup: { by: 'account', accountNumber: CARLOS, callId: 'CALL-4471' } } },
    });
    expect(await call(desktopB, 'screenPopNext', {})).toEqual({ ok: true, value: { event: null } });
  });

  it('turns a pop without an account number into a lookup by the caller’s number, normalised', async () => {
    const response = await popWhenConnected({ agent: 'bob', callerNumber: '(312) 555-0142' });
    expect(response.status).toBe(200);
    expect(await call(desktopB, 'screenPopNext', {})).toEqual({
      ok: true,
      value: { event: { ok: true, lookup: { by: 'phone', phone: '+13125550142', callId: null } } },
    });
    expect(await call(desktopA, 'screenPopNext', {})).toEqual({ ok: true, value: { event: null } });
  });

  it('answers AGENT_NOT_CONNECTED once the agent signed out: the desktop closed its stream', async () => {
    await call(desktopB, 'authSignOut', {});
    const until = Date.now() + 5_000;
    let response = await pop({ agent: 'bob', callerNumber: '3125550142' });
    while (response.status === 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await pop({ agent: 'bob', callerNumber: '3125550142' });
    }
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'AGENT_NOT_CONNECTED' } });
  });

  it('lets the admin make, list and revoke a token from the desktop through the hub; the revoked one is refused', async () => {
    await signIn(desktopA, 'ada');
    const made = await call(desktopA, 'hubIntegrationTokenCreate', { label: 'Genesys floor 2' });
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect(made.value.token).toMatch(/^ocdi_/);
    const listed = await call(desktopA, 'hubIntegrationTokensList', {});
    expect(listed.ok && listed.value.find((entry) => entry.id === made.value.integration.id)).toMatchObject({ label: 'Genesys floor 2', createdBy: 'ada', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.value.token);
    const revoked = await call(desktopA, 'hubIntegrationTokenRevoke', { id: made.value.integration.id });
    expect(revoked).toMatchObject({ ok: true, value: { revokedAt: expect.any(String) } });
    const refused = await pop({ agent: 'ada', callerNumber: '3125550142' }, made.value.token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 'INTEGRATION_TOKEN_REVOKED' } });
    const audit = await site.owner.query<{ action: string }>("SELECT action FROM audit_events WHERE action LIKE 'integration_token.%' ORDER BY seq");
    expect(audit.rows.map((row) => row.action)).toEqual(['integration_token.created', 'integration_token.revoked']);
    // An agent is refused by the desktop before the hub is asked.
    await signIn(desktopB, 'bob');
    expect(await call(desktopB, 'hubIntegrationTokensList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  });
});
