import { create } from 'zustand';
import type { SessionInfo } from '@shared/ipc/auth-channels';
import { deviceLocale, deviceTimeZone } from '../lib/format';

/**
 * - `checking`: asking main whether a session already exists (app start).
 * - `signed-out`: nobody signed in; `endedBy` says why if main ended the session.
 * - `locked`: main locked the session for inactivity; the operator must sign in again.
 */
export type SessionStatus = 'checking' | 'signed-out' | 'signed-in' | 'locked';

export type SessionEndCode = 'SESSION_LOCKED' | 'NOT_SIGNED_IN';

interface SessionState {
  status: SessionStatus;
  session: SessionInfo | null;
  /** Why main ended the last session, so the sign-in screen can say so. */
  endedBy: SessionEndCode | null;
  /** Username of the session that ended, to prefill the sign-in form. */
  lastUsername: string;
  /** Used to format times before anyone is signed in (e.g. a lockout's end). */
  deviceLocale: string;
  deviceTimeZone: string;
  signedIn: (session: SessionInfo) => void;
  signedOut: () => void;
  sessionEnded: (code: SessionEndCode) => void;
  reset: () => void;
}

function initialState() {
  return {
    status: 'checking' as SessionStatus,
    session: null,
    endedBy: null,
    lastUsername: '',
    deviceLocale: deviceLocale(),
    deviceTimeZone: deviceTimeZone(),
  };
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  ...initialState(),
  signedIn: (session) => set({ status: 'signed-in', session, endedBy: null, lastUsername: session.username }),
  signedOut: () => set({ status: 'signed-out', session: null, endedBy: null }),
  sessionEnded: (code) => {
    const { session, lastUsername } = get();
    set({
      status: code === 'SESSION_LOCKED' ? 'locked' : 'signed-out',
      session: null,
      endedBy: code,
      lastUsername: session?.username ?? lastUsername,
    });
  },
  reset: () => set(initialState()),
}));

/** The operator's locale when signed in, else this desktop's. */
export function useDisplayLocale(): string {
  return useSessionStore((s) => s.session?.locale ?? s.deviceLocale);
}

/** The operator's time zone when signed in, else this desktop's. */
export function useDisplayTimeZone(): string {
  return useSessionStore((s) => s.session?.timeZone ?? s.deviceTimeZone);
}
