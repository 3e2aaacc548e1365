import type { SessionInfo } from '@shared/ipc/auth-channels';
import type { InterfaceLocale } from '@shared/domain/operator';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

/** Sets the signed-in operator's own interface language; main answers the updated session. */
export function requestSetLocale(locale: InterfaceLocale): Promise<Result<SessionInfo>> {
  return callDesk('operatorSetLocale', { locale });
}
