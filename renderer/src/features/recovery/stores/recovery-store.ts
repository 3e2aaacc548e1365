import { create } from 'zustand';
import type { RecoveryStatus } from '@shared/ipc/recovery-channels';
import type { ErrorCode } from '@shared/ipc/result';

export type RestoreState =
  | { readonly state: 'idle' }
  | { readonly state: 'restoring' }
  | { readonly state: 'restored'; readonly takenAt: string }
  | { readonly state: 'failed'; readonly code: ErrorCode };

interface RecoveryState {
  readonly mode: 'checking' | 'normal' | 'recovery';
  readonly status: RecoveryStatus | null;
  readonly restore: RestoreState;
  healthy(): void;
  enteredRecovery(status: RecoveryStatus): void;
  restoreStarted(): void;
  restoreDone(takenAt: string): void;
  restoreFailed(code: ErrorCode): void;
  reset(): void;
}

const initial = { mode: 'checking', status: null, restore: { state: 'idle' } } as const;

export const useRecoveryStore = create<RecoveryState>()((set) => ({
  ...initial,
  healthy: () => set({ mode: 'normal', status: null }),
  enteredRecovery: (status) => set({ mode: 'recovery', status }),
  restoreStarted: () => set({ restore: { state: 'restoring' } }),
  restoreDone: (takenAt) => set({ restore: { state: 'restored', takenAt } }),
  restoreFailed: (code) => set({ restore: { state: 'failed', code } }),
  reset: () => set(initial),
}));
