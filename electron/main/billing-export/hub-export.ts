import { createHash, randomUUID } from 'node:crypto';
import { err, ok, type Err, type Result } from '@shared/ipc/result';
import type { ExportBatch } from '@shared/ipc/export-channels';
import type { HubExportFile } from '@shared/hub/billing-export';
import type { HubSync } from '../hub-sync/hub-sync';
import { hubFailure } from '../hub-sync/hub-results';
import { writeAtomically } from './export-service';

/**
 * The billing export of a desktop enrolled at a hub: the hub numbers the site's batches and
 * makes their files (hub/src/billing-export); the desktop asks for them as the signed-in
 * admin, page by page, and saves the file where a standalone desktop saves its own (`dir`).
 * A file whose bytes do not hash to the batch's sha256 is not saved.
 */
export interface HubExport {
  create(): Promise<Result<{ batch: ExportBatch | null; path: string | null }>>;
  list(): Promise<Result<{ batches: ExportBatch[]; readyToExport: number }>>;
  write(batchNumber: number): Promise<Result<{ batch: ExportBatch; path: string }>>;
}

/** A batch of a million credits takes the hub minutes to make: the create waits that long, not the client's usual 15 s. */
const CREATE_TIMEOUT_MS = 15 * 60_000;

/**
 * What a create can end in without the desktop knowing whether the hub committed: the
 * connection was cut or timed out, the answer came damaged, or the hub failed. The request is
 * sent again under the same id (the hub answers a known id with its batch, byte for byte).
 */
const ANSWER_UNKNOWN: ReadonlySet<string> = new Set(['HUB_UNREACHABLE', 'HUB_BAD_ANSWER', 'UNAVAILABLE', 'INTERNAL']);

export interface HubExportOptions {
  /** The waits before each automatic retry of a create whose answer was lost. */
  readonly retryDelaysMs?: readonly number[];
  /** The id of a new "Export" request (a UUID). */
  readonly newRequestId?: () => string;
}

const RETRY_DELAYS_MS = [500, 1_000, 2_000];

export function createHubExport(sync: HubSync, dir: string, options: HubExportOptions = {}): HubExport {
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const newRequestId = options.newRequestId ?? randomUUID;
  /**
   * The id of a create whose answer never came (after its retries): the admin's next "Export"
   * sends it again, so a batch the hub made meanwhile is saved, not lost to NOTHING_TO_EXPORT.
   * Held in memory: after a restart the batch is in the list, to be written from there.
   */
  let unanswered: string | null = null;

  /** The rest of the file after its first page, then the whole checked and saved. */
  async function save(first: HubExportFile): Promise<Result<{ batch: ExportBatch; path: string }>> {
    const pages = [first.content];
    for (let next = first.nextLine; next !== null; ) {
      const answer = await sync.callAsOperator('exportBatchFile', { batchNumber: first.batch.batchNumber, fromLine: next });
      if (!answer.ok) return hubFailure(answer.error);
      pages.push(answer.value.content);
      next = answer.value.nextLine;
    }
    const content = pages.join('');
    const sha256 = createHash('sha256').update(content, 'utf8').digest('hex');
    if (sha256 !== first.batch.sha256) return err('CONFLICT', { details: { reason: 'batch_content_changed' } });
    return ok({ batch: first.batch, path: writeAtomically(dir, first.batch.fileName, content) });
  }

  const notFound = (): Err => err('NOT_FOUND');

  return {
    async create() {
      const requestId = unanswered ?? newRequestId();
      unanswered = requestId;
      let answer = await sync.callAsOperator('exportCreateBatch', { requestId }, { timeoutMs: CREATE_TIMEOUT_MS });
      for (const wait of retryDelays) {
        if (answer.ok || !ANSWER_UNKNOWN.has(answer.error.code)) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
        answer = await sync.callAsOperator('exportCreateBatch', { requestId }, { timeoutMs: CREATE_TIMEOUT_MS });
      }
      if (answer.ok || !ANSWER_UNKNOWN.has(answer.error.code)) unanswered = null;
      if (!answer.ok) return answer.error.code === 'NOTHING_TO_EXPORT' ? ok({ batch: null, path: null }) : hubFailure(answer.error);
      return save(answer.value);
    },
    async list() {
      const answer = await sync.callAsOperator('exportListBatches', {});
      return answer.ok ? ok(answer.value) : hubFailure(answer.error);
    },
    async write(batchNumber) {
      const answer = await sync.callAsOperator('exportBatchFile', { batchNumber });
      if (!answer.ok) return answer.error.code === 'NOT_FOUND' ? notFound() : hubFailure(answer.error);
      return save(answer.value);
    },
  };
}
