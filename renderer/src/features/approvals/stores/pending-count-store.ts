import { create } from 'zustand';
import { fetchApprovalQueue } from '../api/approvals-api';

interface PendingCountState {
  /** Requests waiting for a decision; null until known (or when main refused to say). */
  count: number | null;
  load: () => Promise<void>;
  reset: () => void;
}

let latest = 0;

/** The number on the queue's menu entry; main's data moving (a new request anywhere) reloads it. */
export const usePendingCountStore = create<PendingCountState>()((set) => ({
  count: null,
  load: async () => {
    const call = ++latest;
    const result = await fetchApprovalQueue({ status: 'pending' });
    if (call !== latest) return;
    set({ count: result.ok ? result.value.length : null });
  },
  reset: () => {
    latest += 1;
    set({ count: null });
  },
}));
