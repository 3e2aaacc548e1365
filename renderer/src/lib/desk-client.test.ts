import { describe, expect, it } from 'vitest';
import { DESK_GLOBAL } from '@shared/ipc/api';
import { ok } from '@shared/ipc/result';
import { useSessionStore } from '../stores/session-store';
import { fail, installFakeDesk } from '../test/fake-desk';
import { sessionFixture } from '../test/fixtures';
import { callDesk } from './desk-client';

describe('callDesk', () => {
  it('returns an INTERNAL result instead of throwing when there is no bridge', async () => {
    const result = await callDesk('authSession', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', details: { reason: 'bridge_missing' } } });
  });

  it('turns a rejected bridge call into an INTERNAL result', async () => {
    installFakeDesk({ searchAccounts: () => Promise.reject(new Error('IPC channel closed')) });
    const result = await callDesk('searchAccounts', { query: 'ellis' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });

  it('turns a reply that is not a Result into an INTERNAL result', async () => {
    (globalThis as Record<string, unknown>)[DESK_GLOBAL] = { authSession: async () => 'surprise' };
    const result = await callDesk('authSession', {});
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });

  it('passes values and business errors through unchanged', async () => {
    const desk = installFakeDesk({ authSignIn: () => fail('BAD_CREDENTIALS') });
    expect(await callDesk('authSignIn', { username: 'a', password: 'b' })).toEqual({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    expect(await callDesk('authSignOut', {})).toEqual(ok({}));
    expect(desk.authSignIn).toHaveBeenCalledWith({ username: 'a', password: 'b' });
  });

  it('moves the session to locked when any call finds it locked', async () => {
    useSessionStore.getState().signedIn(sessionFixture({ username: 'adiaz' }));
    installFakeDesk({ accountsGet: () => fail('SESSION_LOCKED') });
    await callDesk('accountsGet', { accountNumber: '100000001' });
    const state = useSessionStore.getState();
    expect(state.status).toBe('locked');
    expect(state.session).toBeNull();
    expect(state.endedBy).toBe('SESSION_LOCKED');
    expect(state.lastUsername).toBe('adiaz');
  });

  it('moves the session to signed out when main no longer knows it', async () => {
    useSessionStore.getState().signedIn(sessionFixture());
    installFakeDesk({ searchAccounts: () => fail('NOT_SIGNED_IN') });
    await callDesk('searchAccounts', { query: 'ellis' });
    expect(useSessionStore.getState().status).toBe('signed-out');
    expect(useSessionStore.getState().endedBy).toBe('NOT_SIGNED_IN');
  });

  it('does not let a late NOT_SIGNED_IN reply overwrite a locked session', async () => {
    useSessionStore.getState().signedIn(sessionFixture());
    useSessionStore.getState().sessionEnded('SESSION_LOCKED');
    installFakeDesk({ searchAccounts: () => fail('NOT_SIGNED_IN') });
    await callDesk('searchAccounts', { query: 'ellis' });
    expect(useSessionStore.getState().status).toBe('locked');
  });
});
