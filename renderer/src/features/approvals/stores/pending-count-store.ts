import { create } from 'zustand';
import { t, tCount } from '../../../i18n/translate';
import { fetchApprovalQueue, notifyDesktop } from '../api/approvals-api';

interface PendingCountState {
  /** Requests waiting for a decision; null until known (or when main refused to say). */
  count: number | null;
  load: () => Promise<void>;
  reset: () => void;
}

let latest = 0;

/** The window is behind others (or minimised): a new request must reach the supervisor another way. */
function windowInBack(): boolean {
  return typeof document !== 'undefined' && !document.hasFocus();
}

/**
 * The number on the queue's menu entry; main's data moving (a new request anywhere) reloads
 * it. When it grows while the window is not in front, main is asked to show a desktop
 * notification (the renderer asks, main shows it).
 */
export const usePendingCountStore = create<PendingCountState>()((set, get) => ({
  count: null,
  load: async () => {
    const call = ++latest;
    const result = await fetchApprovalQueue({ status: 'pending' });
    if (call !== latest) return;
    const before = get().count;
    const count = result.ok ? result.value.length : null;
    set({ count });
    if (before !== null && count !== null && count > before && windowInBack()) {
      void notifyDesktop(t('approvals.notifyTitle'), tCount('approvals.notifyBodyOne', 'approvals.notifyBodyOther', count));
    }
  },
  reset: () => {
    latest += 1;
    set({ count: null });
  },
}));
