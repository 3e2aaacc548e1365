import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { installFakeDesk } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { useIdleLockWatch } from './use-idle-lock-watch';

const START = new Date('2024-02-22T15:00:00.000Z');
const LOCK_AT = '2024-02-22T15:15:00.000Z';

function signedInUntil(idleLockAt: string) {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  useSessionStore.getState().signedIn(sessionFixture({ idleLockAt }));
}

describe('idle lock watch', () => {
  it('hides the signed-in screens once main reports the session gone at its lock time', async () => {
    signedInUntil(LOCK_AT);
    const desk = installFakeDesk({ authSession: async () => ok(null) });
    renderHook(() => useIdleLockWatch());

    await act(async () => vi.advanceTimersByTime(14 * 60_000));
    expect(desk.authSession).not.toHaveBeenCalled();
    expect(useSessionStore.getState().status).toBe('signed-in');

    await act(async () => vi.advanceTimersByTime(61_000 + 1_000));
    expect(desk.authSession).toHaveBeenCalledTimes(1);
    expect(useSessionStore.getState().status).toBe('locked');
    expect(useSessionStore.getState().endedBy).toBe('SESSION_LOCKED');
  });

  it('waits for the later deadline when the operator kept working', async () => {
    signedInUntil(LOCK_AT);
    const later = '2024-02-22T15:30:00.000Z';
    let sessionGone = false;
    const desk = installFakeDesk({
      authSession: async () => ok(sessionGone ? null : sessionFixture({ idleLockAt: later })),
    });
    renderHook(() => useIdleLockWatch());

    await act(async () => vi.advanceTimersByTime(16 * 60_000));
    expect(desk.authSession).toHaveBeenCalledTimes(1);
    expect(useSessionStore.getState().status).toBe('signed-in');
    expect(useSessionStore.getState().session?.idleLockAt).toBe(later);

    sessionGone = true;
    await act(async () => vi.advanceTimersByTime(15 * 60_000));
    expect(desk.authSession).toHaveBeenCalledTimes(2);
    expect(useSessionStore.getState().status).toBe('locked');
  });
});
