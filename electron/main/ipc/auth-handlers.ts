import { ok } from '@shared/ipc/result';
import type { AuthService } from '../auth/auth-service';
import type { Handlers } from './handlers';

export type AuthHandlers = Pick<Handlers, 'authSignIn' | 'authSignOut' | 'authSession'>;

export function createAuthHandlers(auth: AuthService): AuthHandlers {
  return {
    authSignIn: (input, { now }) => auth.signIn(input.username, input.password, now),
    authSignOut: () => {
      auth.signOut();
      return ok({});
    },
    authSession: (_input, { now }) => ok(auth.sessionInfo(now)),
  };
}
