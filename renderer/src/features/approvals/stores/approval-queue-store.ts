import { create } from 'zustand';
import type { OverrideRequestView, OverrideStatus } from '@shared/domain/override';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import type { IpcError, Result } from '@shared/ipc/result';
import { decideOverride, fetchApprovalQueue, type OverrideDecisionInput } from '../api/approvals-api';
import type { QueueSort } from '../lib/queue-order';

export interface QueueFilters {
  status: OverrideStatus | '';
  agent: string;
  /** Chosen among the outages of the loaded requests, applied on screen; '' for all. */
  outageId: string;
  sort: QueueSort;
  minAmount: string;
  maxAmount: string;
}

interface ApprovalQueueState {
  filters: QueueFilters;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  items: OverrideQueueItem[];
  error: IpcError | null;
  setFilter: <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => void;
  load: () => Promise<void>;
  /** Reloads a queue on screen without the loading state: main said the data moved. */
  refresh: () => Promise<void>;
  /** Sends a decision; once main records it the queue reloads, since the request left it or changed. */
  decide: (input: OverrideDecisionInput) => Promise<Result<OverrideRequestView>>;
  reset: () => void;
}

const initialFilters: QueueFilters = { status: 'pending', agent: '', outageId: '', sort: 'age', minAmount: '', maxAmount: '' };

function toMinor(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
}

let latest = 0;

export const useApprovalQueueStore = create<ApprovalQueueState>()((set, get) => {
  /** Only the newest fetch may write; `showLoading` is off for a refresh of a queue on screen. */
  async function fetchQueue(showLoading: boolean): Promise<void> {
    const call = ++latest;
    const { filters } = get();
    if (showLoading) set({ status: 'loading', error: null });
    const result = await fetchApprovalQueue({
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.agent.trim() ? { agent: filters.agent.trim() } : {}),
      ...(toMinor(filters.minAmount) !== undefined ? { minAmountMinor: toMinor(filters.minAmount) } : {}),
      ...(toMinor(filters.maxAmount) !== undefined ? { maxAmountMinor: toMinor(filters.maxAmount) } : {}),
    });
    if (call !== latest) return;
    if (result.ok) set({ status: 'loaded', items: result.value, error: null });
    else set({ status: 'error', error: result.error, items: [] });
  }

  return {
    filters: initialFilters,
    status: 'idle',
    items: [],
    error: null,
    setFilter: (key, value) => set({ filters: { ...get().filters, [key]: value } }),
    load: () => fetchQueue(true),
    refresh: async () => {
      if (get().status === 'loaded') await fetchQueue(false);
    },
    decide: async (input) => {
      const result = await decideOverride(input);
      if (result.ok) void get().load();
      return result;
    },
    reset: () => {
      latest += 1;
      set({ filters: initialFilters, status: 'idle', items: [], error: null });
    },
  };
});
