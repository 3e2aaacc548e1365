import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

async function localeChanges(username: string): Promise<Array<{ before: unknown; after: unknown }>> {
  const { rows } = await fixture.owner.query<{ before: unknown; after: unknown }>(
    `SELECT a.before_json::json AS before, a.after_json::json AS after FROM audit_events a JOIN operators o ON o.id = a.operator_id
     WHERE a.action = 'operator.locale_changed' AND o.username = $1 ORDER BY a.seq`,
    [username],
  );
  return rows;
}

describe('POST /v1/me/locale', () => {
  it("keeps the operator's language at the hub, so the next sign-in on any desktop opens in it, audited once per change", async () => {
    const before = (await signIn(fixture, 'alice')).operator.locale;
    const { token } = await signIn(fixture, 'alice', fixture.desktops[0]!);
    const chosen = before === 'nl-NL' ? 'en-US' : 'nl-NL';
    const response = await fixture.hub.inject({ method: 'POST', url: '/v1/me/locale', headers: bearer(token), payload: { locale: chosen } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ locale: chosen });
    // Another desktop, another sign-in: the language followed the operator.
    expect((await signIn(fixture, 'alice', fixture.desktops[1]!)).operator.locale).toBe(chosen);
    expect(await localeChanges('alice')).toEqual([{ before: { locale: before }, after: { locale: chosen } }]);

    // Choosing the language already kept writes nothing.
    await fixture.hub.inject({ method: 'POST', url: '/v1/me/locale', headers: bearer(token), payload: { locale: chosen } });
    expect(await localeChanges('alice')).toHaveLength(1);
  });

  it("changes only the caller's own row: the operator comes from the token, and the body cannot name another", async () => {
    const bobBefore = (await signIn(fixture, 'bob')).operator.locale;
    const { token } = await signIn(fixture, 'sam');
    const response = await fixture.hub.inject({
      method: 'POST',
      url: '/v1/me/locale',
      headers: bearer(token),
      payload: { locale: 'nl-NL', username: 'bob' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_INPUT');
    expect((await signIn(fixture, 'bob')).operator.locale).toBe(bobBefore);
  });

  it('refuses a language the interface does not have, and changes nothing', async () => {
    const { token, operator } = await signIn(fixture, 'ada');
    const response = await fixture.hub.inject({ method: 'POST', url: '/v1/me/locale', headers: bearer(token), payload: { locale: 'xx-XX' } });
    expect(response.statusCode).toBe(400);
    expect((await signIn(fixture, 'ada')).operator.locale).toBe(operator.locale);
    expect(await localeChanges('ada')).toEqual([]);
  });
});
