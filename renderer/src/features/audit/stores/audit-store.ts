import { create } from 'zustand';
import type { AuditChainView, AuditEventView } from '@shared/ipc/audit-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { fetchAuditEvents, verifyAuditChain } from '../api/audit-api';

export interface AuditFilters {
  action: string;
  operator: string;
  target: string;
}

export const noAuditFilters: AuditFilters = { action: '', operator: '', target: '' };

/** The newest events the screen shows; older ones are for a later page. */
const PAGE_SIZE = 200;

interface AuditState {
  status: AsyncStatus;
  /** Newest first; kept while a reload runs. */
  events: AuditEventView[];
  /** Why the last load of the events failed. */
  error: IpcError | null;
  chain: AuditChainView | null;
  /** Why the last verification could not run. */
  chainError: IpcError | null;
  load: (filters: AuditFilters) => Promise<void>;
  verify: () => Promise<void>;
  reset: () => void;
}

const initial = { status: 'idle' as AsyncStatus, events: [], error: null, chain: null, chainError: null };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useAuditStore = create<AuditState>()((set) => ({
  ...initial,
  load: async (filters) => {
    const mine = generation;
    set({ status: 'loading' });
    const result = await fetchAuditEvents({
      ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
      ...(filters.operator.trim() ? { operator: filters.operator.trim() } : {}),
      ...(filters.target.trim() ? { target: filters.target.trim() } : {}),
      limit: PAGE_SIZE,
    });
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', events: result.value, error: null });
    else set({ status: 'error', error: result.error });
  },
  verify: async () => {
    const mine = generation;
    const result = await verifyAuditChain();
    if (mine !== generation) return;
    if (result.ok) set({ chain: result.value, chainError: null });
    else set({ chainError: result.error });
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
