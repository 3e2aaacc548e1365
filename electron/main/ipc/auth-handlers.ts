import { err, ok } from '@shared/ipc/result';
import type { AuthService } from '../auth/auth-service';
import { signInThroughHub } from '../hub-sync/hub-sign-in';
import type { HubSync } from '../hub-sync/hub-sync';
import type { Handlers } from './handlers';

export type AuthHandlers = Pick<Handlers, 'authSignIn' | 'authSignOut' | 'authSession' | 'operatorSetLocale'>;

/** With `hub`, sign-in goes through the hub (once the desktop is enrolled) and sign-out ends both sessions. */
export function createAuthHandlers(auth: AuthService, hub: HubSync | null = null): AuthHandlers {
  return {
    authSignIn: (input, { now }) =>
      hub ? signInThroughHub(hub, auth, input.username, input.password, now) : auth.signIn(input.username, input.password, now),
    authSignOut: () => {
      auth.signOut();
      hub?.signOut();
      return ok({});
    },
    authSession: (_input, { now }) => ok(auth.sessionInfo(now)),
    operatorSetLocale: (input, { actor, now }) => {
      const session = actor ? auth.setOwnLocale(actor.operatorId, input.locale, now) : null;
      return session ? ok(session) : err('NOT_SIGNED_IN');
    },
  };
}
