import { create } from 'zustand';
import type { ExportBatch } from '@shared/ipc/export-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { createExportBatch, fetchExportBatches, writeExportBatch } from '../api/export-api';

export type ExportNotice =
  | { kind: 'created' | 'rewritten'; batchNumber: number; path: string }
  | { kind: 'nothing' }
  | { kind: 'changed'; batchNumber: number };

interface ExportState {
  status: AsyncStatus;
  batches: ExportBatch[];
  readyToExport: number;
  /** Why the last load of the batches failed. */
  loadError: IpcError | null;
  busy: boolean;
  notice: ExportNotice | null;
  /** Why the last create or rewrite failed. */
  error: IpcError | null;
  load: () => Promise<void>;
  createBatch: () => Promise<void>;
  rewrite: (batchNumber: number) => Promise<void>;
  reset: () => void;
}

const initialState = { status: 'idle' as AsyncStatus, batches: [], readyToExport: 0, loadError: null, busy: false, notice: null, error: null };

export const useExportStore = create<ExportState>()((set, get) => ({
  ...initialState,
  async load() {
    set({ status: 'loading' });
    const result = await fetchExportBatches();
    if (result.ok) set({ status: 'loaded', batches: result.value.batches, readyToExport: result.value.readyToExport, loadError: null });
    else set({ status: 'error', loadError: result.error });
  },
  async createBatch() {
    set({ busy: true, notice: null, error: null });
    const result = await createExportBatch();
    if (!result.ok) set({ busy: false, error: result.error });
    else {
      const { batch, path } = result.value;
      set({ busy: false, notice: batch && path ? { kind: 'created', batchNumber: batch.batchNumber, path } : { kind: 'nothing' } });
    }
    await get().load();
  },
  async rewrite(batchNumber) {
    set({ busy: true, notice: null, error: null });
    const result = await writeExportBatch(batchNumber);
    if (result.ok) set({ busy: false, notice: { kind: 'rewritten', batchNumber, path: result.value.path } });
    else if (result.error.code === 'CONFLICT') set({ busy: false, notice: { kind: 'changed', batchNumber } });
    else set({ busy: false, error: result.error });
  },
  reset: () => set(initialState),
}));
