import type { SessionInfo } from '@shared/ipc/auth-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { AuthService } from '../auth/auth-service';
import { hubFailure } from './hub-results';
import type { HubSync } from './hub-sync';

/**
 * On an enrolled desktop the hub checks the password and holds the operator; main then opens
 * its own session for the local stand-in, and the hub's token never leaves hub-sync. A desktop
 * not enrolled yet signs in locally, so that its admin can enrol it.
 */
export async function signInThroughHub(sync: HubSync, auth: AuthService, username: string, password: string, now: Date): Promise<Result<SessionInfo>> {
  if (!sync.state().enrolled) return auth.signIn(username, password, now);
  const answer = await sync.signIn(username, password);
  if (!answer.ok) return hubFailure(answer.error);
  // Offline: the cached verifier vouched for the password; the session says which.
  // A temporary password (new operator, an admin's reset): main allows nothing but choosing a new one.
  const mustChange = answer.value.response?.mustChangePassword ?? false;
  const info = auth.adoptVerifiedSession(answer.value.localOperatorId, answer.value.response ? 'hub' : 'hub_offline', now, mustChange);
  if (!info) return err('INTERNAL');
  void sync.syncNow();
  return ok(info);
}
