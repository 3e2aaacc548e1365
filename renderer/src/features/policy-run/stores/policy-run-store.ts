import { create } from 'zustand';
import type { PolicyRunOutage, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import type { IpcError, Result } from '@shared/ipc/result';
import { cancelPolicyRun, fetchPolicyRunStatus, fetchRunnableOutages, startPolicyRun, startPolicyRunPreview } from '../api/policy-run-api';

export const POLL_MS = 250;

interface PolicyRunState {
  outages: PolicyRunOutage[] | null;
  selectedOutageId: number | null;
  /** The preview or run in progress, or the last one. */
  run: PolicyRunStatus | null;
  /** `run` is the outage's last stored run, read back (after a restart, or on choosing the outage), not one started here now. */
  runFromHistory: boolean;
  /** A finished preview that would write credits, waiting for the admin to confirm or go back. */
  confirmation: PolicyRunStatus | null;
  /** Accounts a second, from the last two progress reports. */
  rate: number;
  error: IpcError | null;
  loadOutages: () => Promise<void>;
  select: (outageId: number) => void;
  /** Step one: work out what the run would write. A preview that writes nothing needs no confirmation. */
  preview: () => Promise<void>;
  /** Step two, after the preview: write the credits. */
  confirm: () => Promise<void>;
  /** Leaves the confirmation without writing anything. */
  back: () => void;
  cancel: () => Promise<void>;
  reset: () => void;
}

const initialState = { outages: null, selectedOutageId: null, run: null, runFromHistory: false, confirmation: null, rate: 0, error: null };

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
    const confirmation = status.preview && status.state === 'done' && status.creditsWritten > 0 ? status : null;
    set({ run: status, rate, error: null, confirmation, runFromHistory: false });
    stopPolling();
    if (status.state === 'running') timer = setTimeout(() => void poll(status.runId), POLL_MS);
  }

  async function poll(runId: string): Promise<void> {
    const result = await fetchPolicyRunStatus(runId);
    if (get().run?.runId !== runId) return;
    if (result.ok) track(result.value);
    else set({ error: result.error });
  }

  /** Shows the selected outage's last stored run, when there is one and nothing was started since. */
  async function showLastRun(): Promise<void> {
    const { outages, selectedOutageId, run } = get();
    const lastRunId = outages?.find((o) => o.id === selectedOutageId)?.lastRunId ?? null;
    if (lastRunId === null || run !== null) return;
    const result = await fetchPolicyRunStatus(lastRunId);
    if (!result.ok || get().run !== null || get().selectedOutageId !== selectedOutageId) return;
    if (result.value.state === 'running') track(result.value);
    else set({ run: result.value, runFromHistory: true });
  }

  async function begin(call: (outageId: number) => Promise<Result<PolicyRunStatus>>): Promise<void> {
    const outageId = get().selectedOutageId;
    if (outageId === null) return;
    lastSample = null;
    set({ rate: 0, confirmation: null });
    const result = await call(outageId);
    if (result.ok) track(result.value);
    else set({ error: result.error });
  }

  return {
    ...initialState,
    loadOutages: async () => {
      const result = await fetchRunnableOutages();
      if (result.ok) {
        const { outages, defaultOutageId } = result.value;
        set({ outages, selectedOutageId: get().selectedOutageId ?? defaultOutageId ?? outages[0]?.id ?? null, error: null });
        await showLastRun();
      } else set({ outages: [], error: result.error });
    },
    select: (outageId) => {
      stopPolling();
      set({ selectedOutageId: outageId, confirmation: null, run: null, runFromHistory: false });
      void showLastRun();
    },
    preview: () => begin(startPolicyRunPreview),
    confirm: async () => {
      const confirmation = get().confirmation;
      if (!confirmation) return;
      await begin(startPolicyRun);
    },
    back: () => set({ confirmation: null, run: null }),
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
