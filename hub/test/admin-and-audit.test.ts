import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DesktopClient, signIn, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe('GET /v1/audit', () => {
  it('pages the chain newest first, each event naming its operator and desktop and chaining onto the one before', async () => {
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    for (let index = 0; index < 3; index++) await alice.one('override.submit', submitPayload('287100000001', 1, 9000 + index));
    const { token } = await signIn(fixture, 'sam');
    const first = (await fixture.hub.inject({ method: 'GET', url: '/v1/audit?limit=2', headers: bearer(token) })).json();
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({ operator: 'alice', desktopId: fixture.desktops[0]!.desktopId, action: 'operation.refused' });
    expect(first[0].prevHash).toBe(first[1].hash);
    const next = (await fixture.hub.inject({ method: 'GET', url: `/v1/audit?limit=2&beforeSeq=${first[1].seq}`, headers: bearer(token) })).json();
    expect(next).toHaveLength(1);
    expect(first[1].prevHash).toBe(next[0].hash);
    expect(next[0].prevHash).toBe('0'.repeat(64));
  });
});

describe('operators and desktops', () => {
  it("stops a deactivated operator's token at once", async () => {
    const { token } = await signIn(fixture, 'bob');
    await fixture.owner.query("UPDATE operators SET active = false WHERE username = 'bob'");
    const response = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(token) });
    expect(response.json()).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
    const again = await fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...fixture.desktops[0]!, username: 'bob', password: 'bob-password-1' } });
    expect(again.json()).toEqual({ error: { code: 'BAD_CREDENTIALS' } });
  });

  it('answers NOT_FOUND for revoking a desktop that was never enrolled', async () => {
    const { token } = await signIn(fixture, 'ada');
    const response = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/desktops/revoke', headers: bearer(token), payload: { desktopId: crypto.randomUUID() } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND' } });
  });
});
