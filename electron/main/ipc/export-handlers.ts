import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import { countCreditsReadyToExport } from '../billing-export/export-repo';
import { createExportBatch, listExportBatches, rewriteExportBatch } from '../billing-export/export-service';
import { createHubExport } from '../billing-export/hub-export';
import type { HubSync } from '../hub-sync/hub-sync';
import type { Handlers } from './handlers';

export type ExportHandlers = Pick<Handlers, 'exportCreateBatch' | 'exportListBatches' | 'exportWriteBatch'>;

/**
 * `exportsDir` is the folder main writes posting files to; the renderer never names one.
 * A desktop enrolled at a hub (`sync`) exports at the hub, the site's one numbered series;
 * a standalone desktop exports its own database, as it always did.
 */
export function createExportHandlers(db: Database.Database, exportsDir: string, sync: HubSync | null = null): ExportHandlers {
  const hub = sync ? createHubExport(sync, exportsDir) : null;
  const atHub = () => hub !== null && sync !== null && sync.state().enrolled;
  return {
    exportCreateBatch: (_input, ctx) => {
      if (atHub()) return hub!.create();
      const created = createExportBatch(db, { now: ctx.now, operatorId: ctx.actor?.operatorId ?? null, dir: exportsDir });
      return ok(created ? { batch: created.batch, path: created.path } : { batch: null, path: null });
    },
    exportListBatches: () => (atHub() ? hub!.list() : ok({ batches: listExportBatches(db), readyToExport: countCreditsReadyToExport(db) })),
    exportWriteBatch: (input) => {
      if (atHub()) return hub!.write(input.batchNumber);
      const written = rewriteExportBatch(db, input.batchNumber, exportsDir);
      if (written === 'NOT_FOUND') return err('NOT_FOUND');
      if (written === 'CHANGED') return err('CONFLICT', { details: { reason: 'batch_content_changed' } });
      return ok(written);
    },
  };
}
