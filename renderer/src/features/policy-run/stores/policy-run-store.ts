import { create } from 'zustand';
import type { PolicyRunOutage, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import type { IpcError } from '@shared/ipc/result';
import { cancelPolicyRun, fetchPolicyRunStatus, fetchRunnableOutages, startPolicyRun } from '../api/policy-run-api';

export const POLL_MS = 250;

interface PolicyRunState {
  outages: PolicyRunOutage[] | null;
  selectedOutageId: number | null;
  run: PolicyRunStatus | null;
  /** Accounts a second, from the last two progress reports. */
  rate: number;
  error: IpcError | null;
  loadOutages: () => Promise<void>;
  select: (outageId: number) => void;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  reset: () => void;
}

const initialState = { outages: null, selectedOutageId: null, run: null, rate: 0, error: null };

let timer: ReturnType<typeof setTimeout> | null = null;
let lastSample: { done: number; at: number } | null = null;

function stopPolling(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

export const usePolicyRunStore = create<PolicyRunState>()((set, get) => {
  function track(status: PolicyRunStatus): void {
    const at = performance.now();
    let rate = get().rate;
    if (lastSample && at > lastSample.at && status.done >= lastSample.done) {
      rate = ((status.done - lastSample.done) * 1000) / (at - lastSample.at);
    }
    lastSample = { done: status.done, at };
    set({ run: status, rate, error: null });
    stopPolling();
    if (status.state === 'running') timer = setTimeout(() => void poll(status.runId), POLL_MS);
  }

  async function poll(runId: string): Promise<void> {
    const result = await fetchPolicyRunStatus(runId);
    if (get().run?.runId !== runId) return;
    if (result.ok) track(result.value);
    else set({ error: result.error });
  }

  return {
    ...initialState,
    loadOutages: async () => {
      const result = await fetchRunnableOutages();
      if (result.ok) {
        const first = result.value[0];
        set({ outages: result.value, selectedOutageId: get().selectedOutageId ?? first?.id ?? null, error: null });
      } else set({ outages: [], error: result.error });
    },
    select: (outageId) => set({ selectedOutageId: outageId }),
    start: async () => {
      const outageId = get().selectedOutageId;
      if (outageId === null) return;
      lastSample = null;
      set({ rate: 0 });
      const result = await startPolicyRun(outageId);
      if (result.ok) track(result.value);
      else set({ error: result.error });
    },
    cancel: async () => {
      const run = get().run;
      if (!run) return;
      const result = await cancelPolicyRun(run.runId);
      if (!result.ok) set({ error: result.error });
    },
    reset: () => {
      stopPolling();
      lastSample = null;
      set(initialState);
    },
  };
});
