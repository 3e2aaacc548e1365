import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { bearer, DesktopClient, operators, signIn, startHubFixture, submitPayload, type HubFixture, type OperatorName } from './hub-fixture';

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture({ signInLimits: { perOperatorPerMinute: 10_000, perAddressPerMinute: 10_000 } });
});
afterAll(async () => {
  await fixture?.close();
});

const TEMPORARY = 'Harbour-lantern-42';

async function tokenOf(who: OperatorName): Promise<string> {
  return (await signIn(fixture, who)).token;
}

function post(token: string, url: string, payload: unknown) {
  return fixture.hub.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
}

function get(token: string, url: string) {
  return fixture.hub.inject({ method: 'GET', url, headers: bearer(token) });
}

function signInAs(username: string, password: string, desktop = fixture.desktops[0]!) {
  return fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...desktop, username, password } });
}

async function auditOf(action: string, target: string): Promise<Array<{ operator: string; before: unknown; after: unknown }>> {
  const { rows } = await fixture.owner.query<{ operator: string; before: unknown; after: unknown }>(
    `SELECT o.username AS operator, a.before_json::json AS before, a.after_json::json AS after
     FROM audit_events a JOIN operators o ON o.id = a.operator_id WHERE a.action = $1 AND a.target = $2 ORDER BY a.seq`,
    [action, target],
  );
  return rows;
}

async function operatorChanges(operatorId: number): Promise<Array<{ audience: string; data: Record<string, unknown> }>> {
  const { rows } = await fixture.owner.query<{ audience: string; data: Record<string, unknown> }>(
    "SELECT audience, data FROM change_log WHERE entity = 'operator' AND entity_id = $1 ORDER BY position",
    [String(operatorId)],
  );
  return rows;
}

async function create(admin: string, username: string, role = 'agent', password = TEMPORARY) {
  return post(admin, '/v1/admin/operators', { username, displayName: `${username} Person`, assignRole: role, temporaryPassword: password });
}

describe('who may manage operators', () => {
  const adminRoutes: Array<[method: 'GET' | 'POST', url: string, payload: Record<string, unknown>]> = [
    ['GET', '/v1/admin/operators', {}],
    ['POST', '/v1/admin/operators', { username: 'nobody', displayName: 'No Body', assignRole: 'agent', temporaryPassword: TEMPORARY }],
    ['POST', '/v1/admin/operators/role', { targetId: 1, assignRole: 'admin' }],
    ['POST', '/v1/admin/operators/active', { targetId: 1, active: false }],
    ['POST', '/v1/admin/operators/reset-password', { targetId: 1, temporaryPassword: TEMPORARY }],
    ['POST', '/v1/admin/operators/daily-limit', { targetId: 1, currency: 'USD', dailyTotalMinor: 1000 }],
  ];

  it.each(['alice', 'sam'] as const)('refuses every admin route to %s with FORBIDDEN_ROLE, and changes nothing', async (who) => {
    const token = await tokenOf(who);
    const before = (await fixture.owner.query('SELECT id, role, active, password_hash FROM operators ORDER BY id')).rows;
    for (const [method, url, payload] of adminRoutes) {
      const response = await fixture.hub.inject({ method, url, headers: bearer(token), ...(method === 'POST' ? { payload } : {}) });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN_ROLE');
    }
    expect((await fixture.owner.query('SELECT id, role, active, password_hash FROM operators ORDER BY id')).rows).toEqual(before);
  });

  it('refuses without a session token', async () => {
    const response = await fixture.hub.inject({ method: 'GET', url: '/v1/admin/operators' });
    expect(response.statusCode).toBe(401);
  });

  it('lists the operators with their state, never a credential', async () => {
    const response = await get(await tokenOf('ada'), '/v1/admin/operators');
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list.siteDailyTotalMinor).toEqual({ USD: 20000, EUR: 20000 });
    expect(list.operators.find((o: { username: string }) => o.username === 'alice')).toEqual({
      operatorId: operators.alice.id,
      username: 'alice',
      displayName: 'ALICE',
      role: 'agent',
      active: true,
      mustChangePassword: false,
      dailyLimits: {},
      createdAt: expect.any(String),
    });
    expect(response.body).not.toMatch(/scrypt|password_hash|passwordHash/);
  });
});

describe('creating an operator', () => {
  it('creates them with a temporary password they must change at the first sign-in; audited and in the change log for every desktop', async () => {
    const ada = await tokenOf('ada');
    const response = await create(ada, 'nina');
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({ username: 'nina', displayName: 'nina Person', role: 'agent', active: true, mustChangePassword: true, dailyLimits: {} });
    expect(await auditOf('operator.created', 'operator:nina')).toEqual([
      { operator: 'ada', before: null, after: { displayName: 'nina Person', role: 'agent', active: true, mustChangePassword: true } },
    ]);
    expect(await operatorChanges(view.operatorId)).toEqual([
      {
        audience: 'all',
        data: {
          operatorId: view.operatorId,
          username: 'nina',
          displayName: 'nina Person',
          role: 'agent',
          active: true,
          mustChangePassword: true,
          passwordSetAt: fixture.clock.now().toISOString(),
          dailyLimits: {},
        },
      },
    ]);

    const first = await signInAs('nina', TEMPORARY);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true, operator: { username: 'nina', role: 'agent', locale: 'en-US' } });

    // Until the change, the hub itself lets this session do nothing else.
    const blocked = await get(first.json().token, '/v1/changes?since=0');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await post(first.json().token, '/v1/me/locale', { locale: 'nl-NL' })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await get(first.json().token, '/v1/session')).statusCode).toBe(200);

    // The forced change: current (temporary) and a new one; the flag is cleared and the old one stops working.
    const changed = await post(first.json().token, '/v1/me/password', { currentPassword: TEMPORARY, newPassword: 'Quiet-river-stone-2026' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ mustChangePassword: false });
    // The same session goes on, now with every route of its role.
    expect((await get(first.json().token, '/v1/changes?since=0')).statusCode).toBe(200);
    expect((await signInAs('nina', TEMPORARY)).json().error.code).toBe('BAD_CREDENTIALS');
    const again = await signInAs('nina', 'Quiet-river-stone-2026');
    expect(again.json().mustChangePassword).toBe(false);
    expect(await auditOf('operator.password_changed', 'operator:nina')).toEqual([{ operator: 'nina', before: { mustChangePassword: true }, after: { mustChangePassword: false } }]);
  });

  it('refuses a username already taken, and writes nothing', async () => {
    const ada = await tokenOf('ada');
    const before = (await fixture.owner.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
    const response = await create(ada, 'alice');
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'CONFLICT', details: { reason: 'username_taken' } });
    expect((await fixture.owner.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(before);
  });

  it.each([
    ['short1', 'too_short'],
    ['123456789012', 'too_common'],
    ['xx-olga-1234567', 'contains_username'],
  ])('refuses the temporary password %s by the shared policy (%s)', async (password, reason) => {
    const response = await create(await tokenOf('ada'), 'olga', 'agent', password);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason }, issues: [{ path: 'temporaryPassword', message: reason }] });
    expect((await fixture.owner.query("SELECT 1 FROM operators WHERE username = 'olga'")).rowCount).toBe(0);
  });

  it('refuses a malformed username or an unknown field (the channel schema)', async () => {
    const ada = await tokenOf('ada');
    expect((await create(ada, 'Bad Name')).statusCode).toBe(400);
    const extra = await post(ada, '/v1/admin/operators', { username: 'pete', displayName: 'Pete', assignRole: 'agent', temporaryPassword: TEMPORARY, operatorId: 1 });
    expect(extra.statusCode).toBe(400);
  });
});

describe('roles, deactivation and the last admin', () => {
  it('refuses the last active admin giving up the role or the account', async () => {
    const ada = await tokenOf('ada');
    const role = await post(ada, '/v1/admin/operators/role', { targetId: operators.ada.id, assignRole: 'agent' });
    expect(role.json().error).toEqual({ code: 'CONFLICT', details: { reason: 'last_admin' } });
    const active = await post(ada, '/v1/admin/operators/active', { targetId: operators.ada.id, active: false });
    expect(active.json().error).toEqual({ code: 'CONFLICT', details: { reason: 'last_admin' } });
    expect((await fixture.owner.query('SELECT role, active FROM operators WHERE id = $1', [operators.ada.id])).rows).toEqual([{ role: 'admin', active: true }]);
  });

  it("refuses an admin's own role, own deactivation and own reset once another admin exists", async () => {
    const ada = await tokenOf('ada');
    const zed = (await create(ada, 'zed', 'admin')).json();
    expect(zed.role).toBe('admin');
    for (const [url, payload] of [
      ['/v1/admin/operators/role', { targetId: operators.ada.id, assignRole: 'supervisor' }],
      ['/v1/admin/operators/active', { targetId: operators.ada.id, active: false }],
      ['/v1/admin/operators/reset-password', { targetId: operators.ada.id, temporaryPassword: TEMPORARY }],
    ] as const) {
      const response = await post(ada, url, payload);
      expect(response.statusCode, url).toBe(409);
      expect(response.json().error.details).toEqual({ reason: 'own_account' });
    }
    // The other admin may take the role away from ada; then zed is the last admin.
    const zedToken = (await signInAs('zed', TEMPORARY)).json().token;
    expect(zedToken).toBeTruthy();
  });

  it("changes a role: the operator's sessions end, and the next sign-in has the new role; unchanged is refused", async () => {
    const ada = await tokenOf('ada');
    const bob = await tokenOf('bob');
    const response = await post(ada, '/v1/admin/operators/role', { targetId: operators.bob.id, assignRole: 'supervisor' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ username: 'bob', role: 'supervisor' });
    expect((await get(bob, '/v1/session')).statusCode).toBe(401);
    expect((await signIn(fixture, 'bob')).operator.role).toBe('supervisor');
    expect((await post(ada, '/v1/admin/operators/role', { targetId: operators.bob.id, assignRole: 'supervisor' })).json().error.details).toEqual({ reason: 'unchanged' });
    expect(await auditOf('operator.role_changed', 'operator:bob')).toEqual([{ operator: 'ada', before: { role: 'agent' }, after: { role: 'supervisor' } }]);
    await post(ada, '/v1/admin/operators/role', { targetId: operators.bob.id, assignRole: 'agent' });
  });

  it('deactivating ends their session at once (the next call with that token is refused) and stops their sign-in; reactivating lets them back', async () => {
    const ada = await tokenOf('ada');
    const sueOnOne = await tokenOf('sue');
    const sueOnTwo = (await signIn(fixture, 'sue', fixture.desktops[1]!)).token;
    expect((await get(sueOnOne, '/v1/session')).statusCode).toBe(200);
    const off = await post(ada, '/v1/admin/operators/active', { targetId: operators.sue.id, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ username: 'sue', active: false });
    for (const token of [sueOnOne, sueOnTwo]) {
      const next = await get(token, '/v1/changes?since=0');
      expect(next.statusCode).toBe(401);
      expect(next.json().error.code).toBe('NOT_SIGNED_IN');
    }
    const ended = await fixture.owner.query('SELECT count(*)::int AS n FROM sessions WHERE operator_id = $1 AND ended_at IS NULL', [operators.sue.id]);
    expect(ended.rows[0].n).toBe(0);
    expect((await signInAs('sue', operators.sue.password)).json().error.code).toBe('BAD_CREDENTIALS');
    expect(await auditOf('operator.deactivated', 'operator:sue')).toEqual([{ operator: 'ada', before: { active: true }, after: { active: false, sessionsEnded: 2 } }]);
    expect((await operatorChanges(operators.sue.id)).at(-1)).toMatchObject({ audience: 'all', data: { username: 'sue', active: false } });
    // An agent's desktop hears of it too: the change is for every audience.
    const alicesChanges = (await get(await tokenOf('alice'), '/v1/changes?since=0&limit=1000')).json().changes as Array<{ entity: string; data: { username: string; active: boolean } }>;
    expect(alicesChanges.filter((c) => c.entity === 'operator' && c.data.username === 'sue').at(-1)?.data.active).toBe(false);

    expect((await post(ada, '/v1/admin/operators/active', { targetId: operators.sue.id, active: false })).json().error.details).toEqual({ reason: 'unchanged' });
    const on = await post(ada, '/v1/admin/operators/active', { targetId: operators.sue.id, active: true });
    expect(on.json().active).toBe(true);
    expect((await signInAs('sue', operators.sue.password)).statusCode).toBe(200);
  });

  it('answers NOT_FOUND for an operator the hub does not have', async () => {
    const response = await post(await tokenOf('ada'), '/v1/admin/operators/active', { targetId: 999_999, active: false });
    expect(response.statusCode).toBe(404);
  });
});

describe('resetting a password', () => {
  it('sets a temporary password: their sessions end, the old password stops, and the sign-in forces a change', async () => {
    const ada = await tokenOf('ada');
    const sam = await tokenOf('sam');
    const stored = (await fixture.owner.query('SELECT password_hash FROM operators WHERE id = $1', [operators.sam.id])).rows[0].password_hash;
    const response = await post(ada, '/v1/admin/operators/reset-password', { targetId: operators.sam.id, temporaryPassword: TEMPORARY });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ username: 'sam', mustChangePassword: true });
    expect((await get(sam, '/v1/session')).statusCode).toBe(401);
    expect((await signInAs('sam', operators.sam.password)).json().error.code).toBe('BAD_CREDENTIALS');
    const signedIn = (await signInAs('sam', TEMPORARY)).json();
    expect(signedIn.mustChangePassword).toBe(true);
    expect(await auditOf('operator.password_reset', 'operator:sam')).toEqual([{ operator: 'ada', before: { mustChangePassword: false }, after: { mustChangePassword: true } }]);
    expect((await operatorChanges(operators.sam.id)).at(-1)).toMatchObject({ data: { username: 'sam', mustChangePassword: true, passwordSetAt: fixture.clock.now().toISOString() } });
    // The operator's own change ends it.
    expect((await post(signedIn.token, '/v1/me/password', { currentPassword: TEMPORARY, newPassword: 'Amber-forest-path-77' })).statusCode).toBe(200);
    // Back to the fixture's password (which the policy would refuse: it holds the name) behind the hub's back.
    await fixture.owner.query('UPDATE operators SET password_hash = $2 WHERE id = $1', [operators.sam.id, stored]);
  });

  it('refuses a weak temporary password with the shared policy, and changes nothing', async () => {
    const response = await post(await tokenOf('ada'), '/v1/admin/operators/reset-password', { targetId: operators.bob.id, temporaryPassword: '123456789012' });
    expect(response.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'too_common' } });
    expect((await signInAs('bob', operators.bob.password)).statusCode).toBe(200);
  });
});

describe("an operator's own password", () => {
  it('is open to every role, refuses a wrong current password (audited), a weak one and the same one', async () => {
    const bob = await tokenOf('bob');
    const wrong = await post(bob, '/v1/me/password', { currentPassword: 'not-the-password', newPassword: 'Bob-new-choice-2026' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('BAD_CREDENTIALS');
    expect(await auditOf('operator.password_change_failed', 'operator:bob')).toEqual([{ operator: 'bob', before: null, after: { code: 'BAD_CREDENTIALS' } }]);
    const weak = await post(bob, '/v1/me/password', { currentPassword: operators.bob.password, newPassword: 'password1234' });
    expect(weak.json().error).toMatchObject({ code: 'INVALID_INPUT' });
    const nina = (await signInAs('nina', 'Quiet-river-stone-2026')).json().token;
    const same = await post(nina, '/v1/me/password', { currentPassword: 'Quiet-river-stone-2026', newPassword: 'Quiet-river-stone-2026' });
    expect(same.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'same_as_current' } });
    // Nothing changed: the old password still signs in.
    expect((await signInAs('bob', operators.bob.password)).statusCode).toBe(200);
  });

  it('counts wrong current passwords as failed sign-ins: the lock ends the session', async () => {
    const own = await signIn(fixture, 'alice', fixture.desktops[1]!);
    let last = null as null | { statusCode: number; json(): { error: { code: string } } };
    for (let attempt = 0; attempt < 5; attempt++) last = await post(own.token, '/v1/me/password', { currentPassword: 'wrong-wrong-wrong', newPassword: 'Alice-new-choice-2026' });
    expect(last!.json().error.code).toBe('OPERATOR_LOCKED');
    expect((await get(own.token, '/v1/session')).statusCode).toBe(401);
    await fixture.owner.query('UPDATE operators SET locked_until = NULL, failed_sign_ins = 0 WHERE id = $1', [operators.alice.id]);
  });
});

describe("an agent's own daily limit", () => {
  it("replaces the site's daily total in that currency in the hub's override rules, until it is removed", async () => {
    const ada = await tokenOf('ada');
    const set = await post(ada, '/v1/admin/operators/daily-limit', { targetId: operators.alice.id, currency: 'USD', dailyTotalMinor: 3000 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().dailyLimits).toEqual({ USD: 3000 });
    // Every desktop learns it by the change log, for its own checks when it files offline.
    expect((await operatorChanges(operators.alice.id)).at(-1)).toMatchObject({ audience: 'all', data: { username: 'alice', dailyLimits: { USD: 3000 } } });
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    // 3500 is under the site's 20000 and the 5000 cap, but over Alice's own 3000.
    expect(await alice.one('override.submit', submitPayload('287100000001', 1, 3500))).toMatchObject({
      status: 'refused',
      reason: 'over_daily_total',
      details: { agentDailyTotalMinor: 3000 },
    });
    expect((await post(ada, '/v1/admin/operators/daily-limit', { targetId: operators.alice.id, currency: 'USD', dailyTotalMinor: 3000 })).json().error.details).toEqual({ reason: 'unchanged' });
    const removed = await post(ada, '/v1/admin/operators/daily-limit', { targetId: operators.alice.id, currency: 'USD', dailyTotalMinor: null });
    expect(removed.json().dailyLimits).toEqual({});
    expect(await alice.one('override.submit', submitPayload('287100000001', 1, 3500))).toMatchObject({ status: 'accepted' });
    expect(await auditOf('operator.daily_limit_changed', 'operator:alice')).toEqual([
      { operator: 'ada', before: { currency: 'USD', dailyTotalMinor: null }, after: { currency: 'USD', dailyTotalMinor: 3000 } },
      { operator: 'ada', before: { currency: 'USD', dailyTotalMinor: 3000 }, after: { currency: 'USD', dailyTotalMinor: null } },
    ]);
  });

  it("is used when a supervisor approves: over the agent's own limit is refused", async () => {
    const ada = await tokenOf('ada');
    const bob = await DesktopClient.signIn(fixture, 'bob', fixture.desktops[0]!);
    const filed = await bob.one('override.submit', submitPayload('287100000002', 1, 2500));
    expect(filed).toMatchObject({ status: 'accepted' });
    await post(ada, '/v1/admin/operators/daily-limit', { targetId: operators.bob.id, currency: 'USD', dailyTotalMinor: 2000 });
    const sam = await DesktopClient.signIn(fixture, 'sam', fixture.desktops[1]!);
    const request = filed.request as { id: string; version: number };
    expect(await sam.one('override.decide', { requestId: request.id, version: request.version, decision: 'approve', note: 'ok' })).toMatchObject({
      status: 'refused',
      reason: 'over_daily_total',
      details: { agentDailyTotalMinor: 2000 },
    });
  });
});

describe('two admins at once', () => {
  it('never leaves the site without an active admin when two admins deactivate each other at the same moment', async () => {
    const zedId = (await fixture.owner.query<{ id: number }>("SELECT id FROM operators WHERE username = 'zed'")).rows[0]!.id;
    // Zed's temporary password counts as chosen, so his session may act.
    await fixture.owner.query("UPDATE operators SET must_change_password = false WHERE username = 'zed'");
    for (let round = 0; round < 5; round++) {
      await fixture.owner.query("UPDATE operators SET active = true WHERE username IN ('ada', 'zed')");
      const ada = await tokenOf('ada');
      const zed = (await signInAs('zed', TEMPORARY)).json().token as string;
      const [first, second] = await Promise.all([
        post(ada, '/v1/admin/operators/active', { targetId: zedId, active: false }),
        post(zed, '/v1/admin/operators/active', { targetId: operators.ada.id, active: false }),
      ]);
      // One wins; the other is refused (the last admin, or a session the winner just ended).
      expect([first.statusCode, second.statusCode].filter((code) => code === 200)).toHaveLength(1);
      expect([401, 409]).toContain([first, second].find((answer) => answer.statusCode !== 200)!.statusCode);
      const active = await fixture.owner.query("SELECT count(*)::int AS n FROM operators WHERE role = 'admin' AND active");
      expect(active.rows[0].n).toBe(1);
    }
    await fixture.owner.query("UPDATE operators SET active = true WHERE username IN ('ada', 'zed')");
  });
});

it('keeps the audit chain whole after all of it', async () => {
  expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });
});
