import { createHash } from 'node:crypto';
import { err, ok, type Result } from '@shared/ipc/result';
import type { ExportBatch } from '@shared/ipc/export-channels';
import type { HubExportFile } from '@shared/hub/billing-export';
import type { HubSync } from '../hub-sync/hub-sync';
import { hubFailure } from '../hub-sync/hub-results';
import { writeAtomically } from './export-service';

/**
 * The billing export of a desktop enrolled at a hub: the hub numbers the site's batches and
 * makes their files (hub/src/billing-export); the desktop asks for them as the signed-in
 * admin and saves the file where a standalone desktop saves its own (`dir`). A file whose
 * bytes do not hash to the batch's sha256 is not saved.
 */
export interface HubExport {
  create(): Promise<Result<{ batch: ExportBatch | null; path: string | null }>>;
  list(): Promise<Result<{ batches: ExportBatch[]; readyToExport: number }>>;
  write(batchNumber: number): Promise<Result<{ batch: ExportBatch; path: string }>>;
}

function save(file: HubExportFile, dir: string): Result<{ batch: ExportBatch; path: string }> {
  const sha256 = createHash('sha256').update(file.content, 'utf8').digest('hex');
  if (sha256 !== file.batch.sha256) return err('CONFLICT', { details: { reason: 'batch_content_changed' } });
  return ok({ batch: file.batch, path: writeAtomically(dir, file.batch.fileName, file.content) });
}

export function createHubExport(sync: HubSync, dir: string): HubExport {
  return {
    async create() {
      const answer = await sync.callAsOperator('exportCreateBatch', {});
      if (!answer.ok) return answer.error.code === 'NOTHING_TO_EXPORT' ? ok({ batch: null, path: null }) : hubFailure(answer.error);
      return save(answer.value, dir);
    },
    async list() {
      const answer = await sync.callAsOperator('exportListBatches', {});
      return answer.ok ? ok(answer.value) : hubFailure(answer.error);
    },
    async write(batchNumber) {
      const answer = await sync.callAsOperator('exportBatchFile', { batchNumber });
      if (!answer.ok) return answer.error.code === 'NOT_FOUND' ? err('NOT_FOUND') : hubFailure(answer.error);
      return save(answer.value, dir);
    },
  };
}
