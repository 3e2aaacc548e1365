import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_TOKEN_TTL_MS } from '@shared/hub/auth';
import { hubErrorCodes } from '@shared/hub/errors';
import { secretHash } from '../src/common/secrets';
import { hubErrorStatus } from '../src/http/status';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';
import { sameInEveryCurrency } from '@shared/domain/override';

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture({ signInLimits: { perOperatorPerMinute: 8, perAddressPerMinute: 1_000 } });
});
afterAll(async () => {
  await fixture?.close();
});

function attempt(username: string, password: string, desktop = fixture.desktops[0]!, remoteAddress = '10.0.0.1') {
  return fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...desktop, username, password }, remoteAddress });
}

describe('sign-in', () => {
  it('issues a token bound to the desktop, keeps only its hash, and reports where the desktop stands', async () => {
    const answer = await signIn(fixture, 'alice');
    expect(answer.token).toMatch(/^ocds_[A-Za-z0-9_-]{43}$/);
    expect(answer.operator).toMatchObject({ username: 'alice', role: 'agent' });
    expect(answer.overrideSettings).toEqual({ perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7 });
    expect(answer).toMatchObject({ lastAppliedSeq: 0, head: 0 });
    expect(Date.parse(answer.expiresAt) - fixture.clock.now().getTime()).toBe(SESSION_TOKEN_TTL_MS);

    const stored = await fixture.owner.query('SELECT token_hash, desktop_id FROM sessions');
    expect(stored.rows).toContainEqual({ token_hash: secretHash(answer.token), desktop_id: fixture.desktops[0]!.desktopId });
    expect(JSON.stringify(stored.rows)).not.toContain(answer.token);

    const session = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(answer.token) });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ desktopId: fixture.desktops[0]!.desktopId, operator: { username: 'alice' }, lastAppliedSeq: 0 });
  });

  it('refuses a wrong password and an unknown operator alike, and locks after five wrong passwords', async () => {
    const wrong = await attempt('bob', 'not-his-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'BAD_CREDENTIALS' } });
    const unknown = await attempt('nobody', 'whatever');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ error: { code: 'BAD_CREDENTIALS' } });

    for (let index = 0; index < 4; index++) await attempt('bob', 'still-wrong');
    const locked = await attempt('bob', 'bob-password-1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'OPERATOR_LOCKED', details: { lockedUntil: expect.any(String) } });
    fixture.clock.advance(15 * 60 * 1000 + 1);
    expect((await attempt('bob', 'bob-password-1')).statusCode).toBe(200);
  });

  it('refuses an unknown desktop or a wrong desktop secret before looking at the password', async () => {
    const desktop = fixture.desktops[0]!;
    const badSecret = await attempt('alice', 'alice-password-1', { ...desktop, desktopSecret: `ocdd_${'x'.repeat(43)}` });
    expect(badSecret.json()).toEqual({ error: { code: 'DESKTOP_UNKNOWN' } });
    const badId = await attempt('alice', 'alice-password-1', { ...desktop, desktopId: crypto.randomUUID() });
    expect(badId.statusCode).toBe(401);
    expect(badId.json()).toEqual({ error: { code: 'DESKTOP_UNKNOWN' } });
  });

  it('expires a token after its lifetime with TOKEN_EXPIRED', async () => {
    const { token } = await signIn(fixture, 'sam');
    fixture.clock.advance(SESSION_TOKEN_TTL_MS - 1000);
    expect((await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(token) })).statusCode).toBe(200);
    fixture.clock.advance(1000);
    const expired = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(token) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ error: { code: 'TOKEN_EXPIRED' } });
  });

  it('ends the session at sign-out', async () => {
    const { token } = await signIn(fixture, 'sam');
    const out = await fixture.hub.inject({ method: 'POST', url: '/v1/sign-out', headers: bearer(token), payload: {} });
    expect(out.statusCode).toBe(200);
    const after = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(token) });
    expect(after.json()).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refuses a malformed or unknown bearer token', async () => {
    for (const authorization of ['Bearer nope', `Bearer ocds_${'a'.repeat(43)}`, 'Basic abc', `bearer ocds_${'a'.repeat(43)}`]) {
      const response = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
    }
  });

  it('rate-limits sign-in per operator, whatever the address, with a retry-after', async () => {
    const answers = [];
    // An unknown name: rate-limited per name like any other (it also locks after five failures, as a real operator would).
    for (let index = 0; index < 9; index++) answers.push(await attempt('zoe', 'wrong', fixture.desktops[0], `10.1.0.${index}`));
    expect(answers.slice(0, 8).map((answer) => answer.statusCode)).not.toContain(429);
    const limited = answers[8]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('sue', 'sue-password-1')).statusCode).toBe(200);
    fixture.clock.advance(60_000);
    // A minute on, the rate limit has passed; the lock-out of its five failures has not.
    expect((await attempt('zoe', 'wrong')).json()).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
  });
});

describe('sign-in rate limit per address', () => {
  let limited: HubFixture;
  beforeAll(async () => {
    limited = await startHubFixture({ signInLimits: { perOperatorPerMinute: 100, perAddressPerMinute: 3 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('refuses the fourth attempt from one address across different operators, not another address', async () => {
    const from = (username: string, remoteAddress: string) =>
      limited.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...limited.desktops[0]!, username, password: 'x' }, remoteAddress });
    const codes = [];
    for (const username of ['alice', 'bob', 'sam', 'sue']) codes.push((await from(username, '10.9.9.9')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    expect((await from('ada', '10.9.9.10')).statusCode).toBe(401);
  });
});

describe('enrolment and desktops', () => {
  it('trades a one-time code for a desktop id and secret, storing only hashes; the code works once', async () => {
    const { token } = await signIn(fixture, 'ada');
    const created = await fixture.hub.inject({
      method: 'POST',
      url: '/v1/admin/enrolment-codes',
      headers: bearer(token),
      payload: { label: 'Floor 2, seat 14' },
    });
    expect(created.statusCode).toBe(200);
    const { code, expiresAt } = created.json();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(Date.parse(expiresAt) - fixture.clock.now().getTime()).toBe(60 * 60_000);

    const enrolled = await fixture.hub.inject({ method: 'POST', url: '/v1/enrol', payload: { code, name: 'Seat 14' } });
    expect(enrolled.statusCode).toBe(200);
    const desktop = enrolled.json();
    expect(desktop.desktopSecret).toMatch(/^ocdd_[A-Za-z0-9_-]{43}$/);
    const again = await fixture.hub.inject({ method: 'POST', url: '/v1/enrol', payload: { code, name: 'Seat 15' } });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toEqual({ error: { code: 'ENROLMENT_CODE_INVALID' } });

    const stored = await fixture.owner.query('SELECT d.secret_hash, c.code_hash FROM desktops d JOIN enrolment_codes c ON c.desktop_id = d.id');
    expect(stored.rows).toEqual([{ secret_hash: secretHash(desktop.desktopSecret), code_hash: secretHash(code) }]);

    const listed = await fixture.hub.inject({ method: 'GET', url: '/v1/admin/desktops', headers: bearer(token) });
    expect(listed.json()).toContainEqual(expect.objectContaining({ desktopId: desktop.desktopId, name: 'Seat 14', label: 'Floor 2, seat 14', revokedAt: null }));
    expect(JSON.stringify(listed.json())).not.toContain('secret');

    const aliceThere = await signIn(fixture, 'alice', { desktopId: desktop.desktopId, desktopSecret: desktop.desktopSecret });
    const revoked = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/desktops/revoke', headers: bearer(token), payload: { desktopId: desktop.desktopId } });
    expect(revoked.json()).toMatchObject({ desktopId: desktop.desktopId, revokedAt: fixture.clock.now().toISOString() });
    const signedOut = await fixture.hub.inject({ method: 'GET', url: '/v1/session', headers: bearer(aliceThere.token) });
    expect(signedOut.statusCode).toBe(403);
    expect(signedOut.json()).toEqual({ error: { code: 'DESKTOP_REVOKED' } });
    const refused = await attempt('alice', 'alice-password-1', { desktopId: desktop.desktopId, desktopSecret: desktop.desktopSecret });
    expect(refused.json()).toEqual({ error: { code: 'DESKTOP_REVOKED' } });
  });

  it('refuses an expired code', async () => {
    const { token } = await signIn(fixture, 'ada');
    const { code } = (
      await fixture.hub.inject({ method: 'POST', url: '/v1/admin/enrolment-codes', headers: bearer(token), payload: { label: 'x', validMinutes: 5 } })
    ).json();
    fixture.clock.advance(5 * 60_000);
    const late = await fixture.hub.inject({ method: 'POST', url: '/v1/enrol', payload: { code, name: 'Late' } });
    expect(late.json()).toEqual({ error: { code: 'ENROLMENT_CODE_INVALID' } });
  });
});

describe('strict input', () => {
  it('refuses an unknown field, a missing field and a wrong type with INVALID_INPUT and the paths', async () => {
    const desktop = fixture.desktops[0]!;
    const extra = await fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...desktop, username: 'alice', password: 'x', role: 'admin' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('INVALID_INPUT');
    const missing = await fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...desktop, username: 'alice' } });
    expect(missing.json().error.issues).toContainEqual(expect.objectContaining({ path: 'password' }));
    const { token } = await signIn(fixture, 'alice');
    const query = await fixture.hub.inject({ method: 'GET', url: '/v1/session?as=ada', headers: bearer(token) });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.code).toBe('INVALID_INPUT');
    const changes = await fixture.hub.inject({ method: 'GET', url: '/v1/changes?since=-1', headers: bearer(token) });
    expect(changes.json().error).toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'since' })] });
  });

  it('refuses a body that is not JSON, and one over 256 KiB before parsing it', async () => {
    const notJson = await fixture.hub.inject({ method: 'POST', url: '/v1/enrol', payload: 'code=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('INVALID_INPUT');
    const broken = await fixture.hub.inject({ method: 'POST', url: '/v1/enrol', payload: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(broken.json().error.code).toBe('INVALID_INPUT');
    const huge = await fixture.hub.inject({
      method: 'POST',
      url: '/v1/enrol',
      payload: JSON.stringify({ code: 'AAAA-AAAA-AAAA', name: 'x'.repeat(256 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers an unknown path with NOT_FOUND, and maps every error code to one status', async () => {
    const response = await fixture.hub.inject({ method: 'GET', url: '/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND' } });
    expect(Object.keys(hubErrorStatus).sort()).toEqual([...hubErrorCodes].sort());
  });
});

describe('over a real socket', () => {
  it('signs in and reads the session over HTTP on loopback', async () => {
    const address = await fixture.hub.listen({ host: '127.0.0.1', port: 0 });
    const signInAnswer = await fetch(`${address}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fixture.desktops[1]!, username: 'alice', password: 'alice-password-1' }),
    });
    expect(signInAnswer.status).toBe(200);
    const { token } = (await signInAnswer.json()) as { token: string };
    const session = await fetch(`${address}/v1/session`, { headers: bearer(token) });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ desktopId: fixture.desktops[1]!.desktopId, operator: { username: 'alice' } });
    const bad = await fetch(`${address}/v1/session`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
  });
});
