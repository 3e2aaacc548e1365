import { create } from 'zustand';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import { DASHBOARD_CSV_MAX } from '@shared/ipc/dashboard-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { fetchDashboardSummary, saveCsv } from '../api/dashboard-api';

/** What became of the last "Save as CSV": which figure, and whether (and as what) it was saved. A cancelled dialog leaves none. */
export interface SaveOutcome {
  figure: string;
  outcome: 'saved' | 'too_long' | 'failed';
  /** With `saved`: the file's name (not its folder). */
  fileName?: string;
  /** With `failed`: the coded error, worded from the catalog. */
  error?: IpcError;
}

interface DashboardState {
  status: AsyncStatus;
  summary: DashboardSummary | null;
  error: IpcError | null;
  saved: SaveOutcome | null;
  load: () => Promise<void>;
  /** Fetches again only when the dashboard was loaded (live refresh). */
  refresh: () => Promise<void>;
  saveCsv: (figure: string, csv: string) => Promise<void>;
  reset: () => void;
}

let generation = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  status: 'idle',
  summary: null,
  error: null,
  saved: null,
  load: async () => {
    const mine = ++generation;
    set({ status: 'loading' });
    const result = await fetchDashboardSummary();
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', summary: result.value, error: null });
    else set({ status: 'error', error: result.error });
  },
  refresh: async () => {
    if (get().summary === null) return;
    const mine = ++generation;
    const result = await fetchDashboardSummary();
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', summary: result.value, error: null });
  },
  saveCsv: async (figure, csv) => {
    if (csv.length > DASHBOARD_CSV_MAX) {
      set({ saved: { figure, outcome: 'too_long' } });
      return;
    }
    set({ saved: null });
    const result = await saveCsv(figure, csv);
    if (!result.ok) set({ saved: { figure, outcome: 'failed', error: result.error } });
    else if (result.value.saved) set({ saved: { figure, outcome: 'saved', fileName: result.value.fileName } });
  },
  reset: () => {
    generation += 1;
    set({ status: 'idle', summary: null, error: null, saved: null });
  },
}));
