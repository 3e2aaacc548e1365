import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '@shared/domain/operator';
import { CHANGE_STREAM_PATH, changeStreamAccess, hubRoutes, type HubRoute } from '@shared/hub/routes';
import { bearer, signIn, startHubFixture, type HubFixture, type OperatorName } from './hub-fixture';

let fixture: HubFixture;
const tokens = new Map<string, string>();
const roleOperator: Record<(typeof roles)[number], OperatorName> = { agent: 'alice', supervisor: 'sam', admin: 'ada' };

beforeAll(async () => {
  fixture = await startHubFixture({ changeFeed: { head: () => 0, subscribe: () => () => undefined } });
  for (const role of roles) tokens.set(role, (await signIn(fixture, roleOperator[role])).token);
});
afterAll(async () => {
  await fixture?.close();
});

const guarded = [
  ...Object.entries(hubRoutes as Record<string, HubRoute>)
    .filter(([, route]) => typeof route.access !== 'string')
    .map(([name, route]) => ({ name, method: route.method, path: route.path, access: route.access as readonly string[] })),
  { name: 'changeStream', method: 'GET' as const, path: CHANGE_STREAM_PATH, access: changeStreamAccess as readonly string[] },
];

describe('every authenticated route', () => {
  it('is every route but enrol and sign-in', () => {
    const open = Object.entries(hubRoutes as Record<string, HubRoute>).filter(([, route]) => typeof route.access === 'string').map(([name]) => name);
    expect(open.sort()).toEqual(['enrol', 'signIn']);
  });

  it.each(guarded)('$name refuses a call without a token with NOT_SIGNED_IN', async ({ method, path }) => {
    const response = await fixture.hub.inject({ method, url: path, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
  });

  const refusals = guarded.flatMap((route) => roles.filter((role) => !route.access.includes(role)).map((role) => ({ ...route, role })));
  it.each(refusals)('$name refuses the $role role with FORBIDDEN_ROLE', async ({ method, path, role }) => {
    const response = await fixture.hub.inject({ method, url: path, headers: bearer(tokens.get(role)!), ...(method === 'POST' ? { payload: {} } : {}) });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN_ROLE');
  });

  const allowed = guarded.flatMap((route) => roles.filter((role) => route.access.includes(role)).map((role) => ({ ...route, role })));
  // Sign-out would end the shared sessions; it has its own test. The stream never ends by itself.
  it.each(allowed.filter((route) => route.name !== 'changeStream' && route.name !== 'signOut'))('$name lets the $role role past the role check', async ({ method, path, role }) => {
    const response = await fixture.hub.inject({ method, url: path, headers: bearer(tokens.get(role)!), ...(method === 'POST' ? { payload: {} } : {}) });
    expect(response.statusCode).not.toBe(401);
    expect(response.statusCode).not.toBe(403);
  });
});
