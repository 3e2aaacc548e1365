import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import { countCreditsReadyToExport } from '../billing-export/export-repo';
import { createExportBatch, listExportBatches, rewriteExportBatch } from '../billing-export/export-service';
import type { Handlers } from './handlers';

export type ExportHandlers = Pick<Handlers, 'exportCreateBatch' | 'exportListBatches' | 'exportWriteBatch'>;

/** `exportsDir` is the folder main writes posting files to; the renderer never names one. */
export function createExportHandlers(db: Database.Database, exportsDir: string): ExportHandlers {
  return {
    exportCreateBatch: (_input, ctx) => {
      const created = createExportBatch(db, { now: ctx.now, operatorId: ctx.actor?.operatorId ?? null, dir: exportsDir });
      return ok(created ? { batch: created.batch, path: created.path } : { batch: null, path: null });
    },
    exportListBatches: () => ok({ batches: listExportBatches(db), readyToExport: countCreditsReadyToExport(db) }),
    exportWriteBatch: (input) => {
      const written = rewriteExportBatch(db, input.batchNumber, exportsDir);
      if (written === 'NOT_FOUND') return err('NOT_FOUND');
      if (written === 'CHANGED') return err('CONFLICT', { details: { reason: 'batch_content_changed' } });
      return ok(written);
    },
  };
}
