import type { Actor } from '@shared/domain/operator';

/** Decides who is acting for a call; implemented by the auth service, consulted by the dispatcher. */
export interface SessionGate {
  /**
   * Returns the actor for a call, or an error code when the session is missing or locked.
   * Each successful call counts as activity for the idle lock. `mustChangePassword`: signed in
   * with a temporary password, so only the channels of shared/ipc/password-change.ts may run.
   */
  authorize(now: Date): { ok: true; actor: Actor; mustChangePassword?: boolean } | { ok: false; code: 'NOT_SIGNED_IN' | 'SESSION_LOCKED' };
  /** The actor if one is signed in and unlocked, without counting as activity. */
  current(now: Date): Actor | null;
}
