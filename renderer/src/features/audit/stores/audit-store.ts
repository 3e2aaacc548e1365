import { create } from 'zustand';
import type { AuditChainView, AuditCursor, AuditEventView, AuditListInput, AuditOperator } from '@shared/ipc/audit-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { fetchAuditEvents, verifyAuditChain } from '../api/audit-api';

/** Events per page; older ones come a page at a time. */
export const AUDIT_PAGE_SIZE = 50;

interface AuditState {
  status: AsyncStatus;
  /** Newest first; kept while a reload runs. */
  events: AuditEventView[];
  /** Where the next older page starts; null when every matching event is shown. */
  next: AuditCursor | null;
  operators: AuditOperator[];
  /** Why the last load of the events failed. */
  error: IpcError | null;
  olderStatus: AsyncStatus;
  olderError: IpcError | null;
  chain: AuditChainView | null;
  /** Why the last verification could not run. */
  chainError: IpcError | null;
  load: (query: AuditListInput) => Promise<void>;
  loadOlder: () => Promise<void>;
  verify: () => Promise<void>;
  reset: () => void;
}

const initial = {
  status: 'idle' as AsyncStatus,
  events: [],
  next: null,
  operators: [],
  error: null,
  olderStatus: 'idle' as AsyncStatus,
  olderError: null,
  chain: null,
  chainError: null,
};

/** Bumped by reset and by every new filter, so a reply for a screen or a filter that was left never writes. */
let generation = 0;
/** Bumped by reset only: a verification stays good whatever the filters. */
let screen = 0;
let currentQuery: AuditListInput = {};

export const useAuditStore = create<AuditState>()((set, get) => ({
  ...initial,
  load: async (query) => {
    generation += 1;
    const mine = generation;
    currentQuery = query;
    set({ status: 'loading', olderStatus: 'idle', olderError: null });
    const result = await fetchAuditEvents({ ...query, limit: AUDIT_PAGE_SIZE });
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', events: result.value.events, next: result.value.next, operators: result.value.operators, error: null });
    else set({ status: 'error', error: result.error });
  },
  loadOlder: async () => {
    const { next, olderStatus } = get();
    if (!next || olderStatus === 'loading') return;
    const mine = generation;
    set({ olderStatus: 'loading', olderError: null });
    const result = await fetchAuditEvents({ ...currentQuery, after: next, limit: AUDIT_PAGE_SIZE });
    if (mine !== generation) return;
    if (result.ok) set((s) => ({ olderStatus: 'loaded', events: [...s.events, ...result.value.events], next: result.value.next }));
    else set({ olderStatus: 'error', olderError: result.error });
  },
  verify: async () => {
    const mine = screen;
    const result = await verifyAuditChain();
    if (mine !== screen) return;
    if (result.ok) set({ chain: result.value, chainError: null });
    else set({ chainError: result.error });
  },
  reset: () => {
    generation += 1;
    screen += 1;
    currentQuery = {};
    set(initial);
  },
}));
