import { callDesk } from '../../../lib/desk-client';
import { useSessionStore } from '../../../stores/session-store';

/**
 * Leaves the signed-in screens even if main cannot be reached: an agent who clicks
 * "Sign out" must never be left looking at a customer's account.
 */
export async function signOut(): Promise<void> {
  await callDesk('authSignOut', {});
  useSessionStore.getState().signedOut();
}
