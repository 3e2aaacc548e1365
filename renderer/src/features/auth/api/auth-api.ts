import type { SessionInfo } from '@shared/ipc/auth-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function requestSignIn(username: string, password: string): Promise<Result<SessionInfo>> {
  return callDesk('authSignIn', { username, password });
}

export function requestSignOut(): Promise<Result<Record<string, never>>> {
  return callDesk('authSignOut', {});
}

/** The session main holds for this window, or null; asking does not count as activity. */
export function fetchSession(): Promise<Result<SessionInfo | null>> {
  return callDesk('authSession', {});
}

/** The signed-in operator replaces their own password; main answers the session as it is afterwards. */
export function requestPasswordChange(currentPassword: string, newPassword: string): Promise<Result<SessionInfo>> {
  return callDesk('operatorChangeOwnPassword', { currentPassword, newPassword });
}
