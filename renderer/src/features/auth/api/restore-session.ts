import { callDesk } from '../../../lib/desk-client';
import { useSessionStore } from '../../../stores/session-store';

/** At start (or after a reload) main may already hold a session for this window. */
export async function restoreSession(): Promise<void> {
  const result = await callDesk('authSession', {});
  const store = useSessionStore.getState();
  if (store.status !== 'checking') return;
  if (result.ok && result.value) store.signedIn(result.value);
  else store.signedOut();
}
