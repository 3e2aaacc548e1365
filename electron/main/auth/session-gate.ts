import type { Actor } from '@shared/domain/operator';

/** Decides who is acting for a call; implemented by the auth service, consulted by the dispatcher. */
export interface SessionGate {
  /**
   * Returns the actor for a call, or an error code when the session is missing or locked.
   * Each successful call counts as activity for the idle lock.
   */
  authorize(now: Date): { ok: true; actor: Actor } | { ok: false; code: 'NOT_SIGNED_IN' | 'SESSION_LOCKED' };
  /** The actor if one is signed in and unlocked, without counting as activity. */
  current(now: Date): Actor | null;
}
