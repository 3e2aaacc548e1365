import type pg from 'pg';
import type { HubHandlers } from '../http/register-routes';
import { createExportBatch, listExportBatches, readExportBatchFile } from './export-service';

/** The billing export's routes (shared/hub/billing-export.ts), spread into the hub's handlers. */
export function billingExportHandlers(pool: pg.Pool): Pick<HubHandlers, 'exportCreateBatch' | 'exportListBatches' | 'exportBatchFile'> {
  return {
    exportCreateBatch: (input, { caller, now }) => createExportBatch(pool, caller, now, input.requestId ?? null),
    exportListBatches: () => listExportBatches(pool),
    exportBatchFile: (input) => readExportBatchFile(pool, input.batchNumber, input.fromLine),
  };
}
