import { create } from 'zustand';
import type { FeedScanResult, ImportStatus } from '@shared/ipc/feed-channels';
import type { IpcError } from '@shared/ipc/result';
import { cancelFeedImport, fetchFeedImportStatus, openFeedImportReport, saveFeedImportReport, scanFeeds, startFeedImport } from '../api/import-api';

/**
 * - `idle`: nothing chosen; `choosing`: main's file chooser is open;
 * - `chosen`: files found and checked, waiting for the admin to import;
 * - `running`: main is importing (polled for progress); `finished`: the run ended.
 */
export type ImportPhase = 'idle' | 'choosing' | 'chosen' | 'running' | 'finished';

/** How often the screen asks main for progress. */
export const IMPORT_POLL_MS = 400;

interface ImportState {
  phase: ImportPhase;
  scan: FeedScanResult | null;
  status: ImportStatus | null;
  error: IpcError | null;
  cancelling: boolean;
  /** Why the report could not be opened, after the admin asked. */
  reportError: IpcError | null;
  /** Rows of the hub run's report saved to a file, once saved. */
  reportSaved: number | null;
  choose: (mode: 'files' | 'folder') => Promise<void>;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  /** Main opens the finished run's report in the system's viewer. */
  openReport: () => Promise<void>;
  /** Main saves a hub run's rejected rows as a CSV file where the admin chooses. */
  saveReport: () => Promise<void>;
  reset: () => void;
}

const initialState = { phase: 'idle' as ImportPhase, scan: null, status: null, error: null, cancelling: false, reportError: null, reportSaved: null };

function isRunning(status: ImportStatus): boolean {
  return status.state === 'checking' || status.state === 'importing';
}

/** Bumped by reset, so a poll of a forgotten run never writes. */
let generation = 0;

export const useImportStore = create<ImportState>()((set, get) => {
  async function poll(runId: string, mine: number): Promise<void> {
    const result = await fetchFeedImportStatus(runId);
    if (mine !== generation) return;
    if (!result.ok) {
      set({ phase: 'finished', error: result.error });
      return;
    }
    const running = isRunning(result.value);
    set({ status: result.value, phase: running ? 'running' : 'finished', cancelling: running && get().cancelling });
    if (running) setTimeout(() => void poll(runId, mine), IMPORT_POLL_MS);
  }

  return {
    ...initialState,
    async choose(mode) {
      const mine = ++generation;
      set({ ...initialState, phase: 'choosing' });
      const result = await scanFeeds(mode);
      if (mine !== generation) return;
      if (!result.ok) set({ phase: 'idle', error: result.error });
      else if (result.value.scanId === null) set({ phase: 'idle', scan: null });
      else set({ phase: 'chosen', scan: result.value });
    },
    async start() {
      const { scan } = get();
      if (!scan?.scanId) return;
      const mine = generation;
      set({ phase: 'running', status: null, error: null });
      const result = await startFeedImport(scan.scanId);
      if (mine !== generation) return;
      if (!result.ok) {
        set({ phase: 'chosen', error: result.error });
        return;
      }
      await poll(result.value.runId, mine);
    },
    async cancel() {
      const runId = get().status?.runId;
      if (!runId) return;
      set({ cancelling: true });
      await cancelFeedImport(runId);
    },
    async openReport() {
      const runId = get().status?.runId;
      if (!runId) return;
      set({ reportError: null });
      const result = await openFeedImportReport(runId);
      if (!result.ok) set({ reportError: result.error });
    },
    async saveReport() {
      const runId = get().status?.runId;
      if (!runId) return;
      set({ reportError: null, reportSaved: null });
      const result = await saveFeedImportReport(runId);
      if (!result.ok) set({ reportError: result.error });
      else if (result.value.saved) set({ reportSaved: result.value.rows });
    },
    reset() {
      generation += 1;
      set(initialState);
    },
  };
});
