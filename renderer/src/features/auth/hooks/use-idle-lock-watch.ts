import { useEffect } from 'react';
import { useSessionStore } from '../../../stores/session-store';
import { fetchSession } from '../api/auth-api';

/** Main may lock a moment after its own deadline; asking just after avoids a needless recheck. */
const GRACE_MS = 1_000;
const RECHECK_MS = 15_000;
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Main locks an idle session, but only tells us on the next call. An agent who walked away
 * would leave a customer's account on screen until then, so when the lock time comes we ask
 * main (without counting as activity) and hide everything if the session is gone. Calls made
 * meanwhile pushed main's deadline later; the answer carries the new one and we wait again.
 */
export function useIdleLockWatch(): void {
  const idleLockAt = useSessionStore((s) => (s.status === 'signed-in' ? (s.session?.idleLockAt ?? null) : null));

  useEffect(() => {
    if (!idleLockAt) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function check() {
      const result = await fetchSession();
      if (!active) return;
      const store = useSessionStore.getState();
      if (store.status !== 'signed-in') return;
      const session = result.ok ? result.value : undefined;
      if (session === null) {
        store.sessionEnded('SESSION_LOCKED');
      } else if (session && session.idleLockAt !== idleLockAt) {
        store.signedIn(session); // a new deadline re-runs this effect
      } else {
        timer = setTimeout(check, RECHECK_MS);
      }
    }

    const due = Date.parse(idleLockAt);
    const delay = Number.isNaN(due) ? RECHECK_MS : Math.max(due - Date.now(), 0) + GRACE_MS;
    timer = setTimeout(check, Math.min(delay, MAX_TIMER_MS));
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [idleLockAt]);
}
