import { create } from 'zustand';
import type { AuditChainView, AuditEventView } from '@shared/ipc/audit-channels';
import type { IpcError } from '@shared/ipc/result';
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
  /** Newest first; null until main first answers. */
  events: AuditEventView[] | null;
  chain: AuditChainView | null;
  error: IpcError | null;
  load: (filters: AuditFilters) => Promise<void>;
  verify: () => Promise<void>;
  reset: () => void;
}

const initial = { events: null, chain: null, error: null };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useAuditStore = create<AuditState>()((set) => ({
  ...initial,
  load: async (filters) => {
    const mine = generation;
    set({ error: null });
    const result = await fetchAuditEvents({
      ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
      ...(filters.operator.trim() ? { operator: filters.operator.trim() } : {}),
      ...(filters.target.trim() ? { target: filters.target.trim() } : {}),
      limit: PAGE_SIZE,
    });
    if (mine !== generation) return;
    if (result.ok) set({ events: result.value });
    else set({ error: result.error });
  },
  verify: async () => {
    const mine = generation;
    const result = await verifyAuditChain();
    if (mine !== generation) return;
    if (result.ok) set({ chain: result.value });
    else set({ error: result.error });
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
