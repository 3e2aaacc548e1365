import { create } from 'zustand';
import type { FaultReportRegisterItem } from '@shared/ipc/evidence-channels';
import type { IpcError } from '@shared/ipc/result';
import { listFaultReportRegister } from '../api/evidence-api';

interface FaultRegisterState {
  status: 'idle' | 'loading' | 'loaded' | 'error';
  rows: FaultReportRegisterItem[];
  error: IpcError | null;
  load: () => Promise<void>;
  reset: () => void;
}

const initial = { status: 'idle' as const, rows: [], error: null };
let latest = 0;

export const useFaultRegisterStore = create<FaultRegisterState>()((set) => ({
  ...initial,
  load: async () => {
    const call = ++latest;
    set({ status: 'loading', error: null });
    const result = await listFaultReportRegister();
    if (call !== latest) return;
    if (result.ok) set({ status: 'loaded', rows: result.value, error: null });
    else set({ status: 'error', error: result.error });
  },
  reset: () => {
    latest += 1;
    set(initial);
  },
}));
