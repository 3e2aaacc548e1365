import type { SessionInfo } from '@shared/ipc/auth-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';
import { useSessionStore } from '../../../stores/session-store';

export async function signIn(username: string, password: string): Promise<Result<SessionInfo>> {
  const result = await callDesk('authSignIn', { username, password });
  if (result.ok) useSessionStore.getState().signedIn(result.value);
  return result;
}
