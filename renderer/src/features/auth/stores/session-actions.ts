import type { SessionInfo } from '@shared/ipc/auth-channels';
import type { InterfaceLocale } from '@shared/domain/operator';
import type { Result } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { fetchSession, requestPasswordChange, requestSignIn, requestSignOut } from '../api/auth-api';
import { requestSetLocale } from '../api/locale-api';

// The session store is shared (the desk client moves it when a call finds the session gone), so
// it cannot import this feature; the actions that ask main about the session live here instead.

/** At start (or after a reload) main may already hold a session for this window. */
export async function restoreSession(): Promise<void> {
  const result = await fetchSession();
  const store = useSessionStore.getState();
  if (store.status !== 'checking') return;
  if (result.ok && result.value) store.signedIn(result.value);
  else store.signedOut();
}

export async function signIn(username: string, password: string): Promise<Result<SessionInfo>> {
  const result = await requestSignIn(username, password);
  if (result.ok) useSessionStore.getState().signedIn(result.value);
  return result;
}

/**
 * Leaves the signed-in screens even if main cannot be reached: an agent who clicks
 * "Sign out" must never be left looking at a customer's account.
 */
export async function signOut(): Promise<void> {
  await requestSignOut();
  useSessionStore.getState().signedOut();
}

/** Keeps the operator's choice of interface language on their operator row and switches the UI to it. */
export async function setInterfaceLanguage(locale: InterfaceLocale): Promise<Result<SessionInfo>> {
  const result = await requestSetLocale(locale);
  const store = useSessionStore.getState();
  if (result.ok && store.status === 'signed-in') store.signedIn(result.value);
  return result;
}

/** Replaces the operator's own password; a forced change ends here and the app opens its screens. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<Result<SessionInfo>> {
  const result = await requestPasswordChange(currentPassword, newPassword);
  const store = useSessionStore.getState();
  if (result.ok && store.status === 'signed-in') store.signedIn(result.value);
  return result;
}
