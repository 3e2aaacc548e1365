import { create } from 'zustand';
import type { RecoveryStatus } from '@shared/ipc/recovery-channels';
import type { ErrorCode } from '@shared/ipc/result';
import { fetchRecoveryStatus, restoreLatestBackup } from '../api/recovery-api';

export type RestoreState =
  | { readonly state: 'idle' }
  | { readonly state: 'restoring' }
  | { readonly state: 'restored'; readonly takenAt: string }
  | { readonly state: 'failed'; readonly code: ErrorCode };

interface RecoveryState {
  readonly mode: 'checking' | 'normal' | 'recovery';
  readonly status: RecoveryStatus | null;
  readonly restore: RestoreState;
  /**
   * Asks main at start whether the database passed its check. Any failure leaves the normal
   * screens up: main refuses every other channel in recovery mode anyway.
   */
  load(): Promise<void>;
  /** Restores the newest verified backup, once: a second click while it runs or after it is ignored. */
  restoreLatest(): Promise<void>;
  reset(): void;
}

const initial = { mode: 'checking', status: null, restore: { state: 'idle' } } as const;

export const useRecoveryStore = create<RecoveryState>()((set, get) => ({
  ...initial,
  load: async () => {
    const result = await fetchRecoveryStatus();
    if (result.ok && result.value.mode === 'recovery') set({ mode: 'recovery', status: result.value });
    else set({ mode: 'normal', status: null });
  },
  restoreLatest: async () => {
    const { restore } = get();
    if (restore.state === 'restoring' || restore.state === 'restored') return;
    set({ restore: { state: 'restoring' } });
    const result = await restoreLatestBackup();
    if (result.ok) set({ restore: { state: 'restored', takenAt: result.value.restoredBackupAt } });
    else set({ restore: { state: 'failed', code: result.error.code } });
  },
  reset: () => set(initial),
}));
