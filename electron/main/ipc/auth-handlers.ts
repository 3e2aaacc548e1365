import { err, ok } from '@shared/ipc/result';
import type { AuthService } from '../auth/auth-service';
import { hubFailure } from '../hub-sync/hub-results';
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
    operatorSetLocale: async (input, { actor, now }) => {
      if (!actor) return err('NOT_SIGNED_IN');
      // With a hub, operators are the hub's: the choice is kept there first, so it follows the
      // operator to every desktop (a sign-in there brings the hub's language to the cache).
      if (hub?.state().enrolled) {
        const answer = await hub.setOwnLocale(input.locale);
        if (!answer.ok) {
          return answer.error.code === 'HUB_UNREACHABLE' || answer.error.code === 'UNAVAILABLE'
            ? err('HUB_UNAVAILABLE', { details: { reason: 'needs_hub' } })
            : hubFailure(answer.error);
        }
      }
      const session = auth.setOwnLocale(actor.operatorId, input.locale, now);
      return session ? ok(session) : err('NOT_SIGNED_IN');
    },
  };
}
