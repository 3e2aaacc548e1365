import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { SESSION_IDLE_LOCK_MS } from '../../electron/main/auth/auth-policy';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };

let dir: string;
let backend: Backend;
let nowMs: number;

function open(): Backend {
  return createBackend({
    passwordCost: TEST_PASSWORD_COST,
    screenPopWaitMs: 5,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: true,
    clock: () => new Date(nowMs),
    isTrustedSender: () => true,
  });
}

async function signIn(username: string, password: string) {
  const result = await backend.dispatch('authSignIn', { username, password }, APP);
  expect(result.ok).toBe(true);
  return result;
}

function localeOf(username: string): string {
  return backend.db.prepare('SELECT locale FROM operators WHERE username = ?').pluck().get(username) as string;
}

function localeEvents(): Array<{ operator_id: number; target: string; before_json: string; after_json: string }> {
  return backend.db
    .prepare(`SELECT operator_id, target, before_json, after_json FROM audit_events WHERE action = 'operator.locale_changed' ORDER BY seq`)
    .all() as Array<{ operator_id: number; target: string; before_json: string; after_json: string }>;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-locale-'));
  nowMs = Date.parse('2024-03-04T15:00:00.000Z');
  backend = open();
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operatorSetLocale: the signed-in operator chooses their interface language', () => {
  it('stores the language on the operator, answers the updated session and keeps it across sign-out, sign-in and a restart', async () => {
    await signIn('alice', 'agent-demo-2024');
    const set = await backend.dispatch('operatorSetLocale', { locale: 'nl-NL' }, APP);
    expect(set).toMatchObject({ ok: true, value: { username: 'alice', locale: 'nl-NL' } });
    expect(await backend.dispatch('authSession', {}, APP)).toMatchObject({ ok: true, value: { locale: 'nl-NL' } });
    expect(localeOf('alice')).toBe('nl-NL');
    // Only her row changed.
    expect(localeOf('bob')).toBe('en-US');

    await backend.dispatch('authSignOut', {}, APP);
    expect(await signIn('alice', 'agent-demo-2024')).toMatchObject({ value: { locale: 'nl-NL' } });

    backend.close();
    backend = open();
    expect(await signIn('alice', 'agent-demo-2024')).toMatchObject({ value: { locale: 'nl-NL' } });
    expect(await signIn('bob', 'agent-demo-2024')).toMatchObject({ value: { locale: 'en-US' } });
  });

  it('writes one audit event per change with the language before and after, and none when nothing changes', async () => {
    await signIn('sam', 'supervisor-demo-2024');
    await backend.dispatch('operatorSetLocale', { locale: 'nl-NL' }, APP);
    await backend.dispatch('operatorSetLocale', { locale: 'nl-NL' }, APP);
    await backend.dispatch('operatorSetLocale', { locale: 'en-US' }, APP);
    const events = localeEvents();
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.target)).toEqual(['operator:sam', 'operator:sam']);
    expect(events.map((e) => [JSON.parse(e.before_json), JSON.parse(e.after_json)])).toEqual([
      [{ locale: 'en-US' }, { locale: 'nl-NL' }],
      [{ locale: 'nl-NL' }, { locale: 'en-US' }],
    ]);
    const samId = backend.db.prepare(`SELECT id FROM operators WHERE username = 'sam'`).pluck().get();
    expect(events.every((e) => e.operator_id === samId)).toBe(true);
    expect((await backend.dispatch('auditVerify', {}, APP)).ok).toBe(true);
  });

  it.each([
    [{ locale: 'de-DE' }],
    [{ locale: 'nl' }],
    [{ locale: 'NL-nl' }],
    [{ locale: '' }],
    [{}],
    [{ locale: 'nl-NL', operatorId: 2 }],
    [{ locale: 'nl-NL', username: 'bob' }],
  ])('refuses %j as INVALID_INPUT and changes nothing', async (input) => {
    await signIn('alice', 'agent-demo-2024');
    expect(await backend.dispatch('operatorSetLocale', input, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(localeOf('alice')).toBe('en-US');
    expect(localeOf('bob')).toBe('en-US');
    expect(localeEvents()).toEqual([]);
  });

  it('refuses a caller who is not signed in or whose session locked, and changes nothing', async () => {
    expect(await backend.dispatch('operatorSetLocale', { locale: 'nl-NL' }, APP)).toMatchObject({ error: { code: 'NOT_SIGNED_IN' } });
    await signIn('alice', 'agent-demo-2024');
    nowMs += SESSION_IDLE_LOCK_MS;
    expect(await backend.dispatch('operatorSetLocale', { locale: 'nl-NL' }, APP)).toMatchObject({ error: { code: 'SESSION_LOCKED' } });
    expect(localeOf('alice')).toBe('en-US');
    expect(localeEvents()).toEqual([]);
  });
});
