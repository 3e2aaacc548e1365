import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { csvRecord } from '@shared/feeds/csv-format';
import { IMPORT_UPLOAD_PATH, ImportUploadResponse } from '@shared/hub/imports';
import type { ImportStatus } from '@shared/ipc/feed-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { HubClientError } from './hub-client';
import { hubFailure } from './hub-results';
import type { HubSync } from './hub-sync';

/*
 * The feed import of a desktop enrolled at a hub: the files the admin picked are streamed to
 * the hub (shared/hub/imports.ts), which imports them once for the whole site; their rows
 * reach this cache by sync like every desktop's. The hub's status is the desktop's own shape,
 * so the import screen shows the hub's progress unchanged. The start answers as soon as the
 * hub has made the run; the files go up behind it (the status says `checking` meanwhile), and
 * a failed upload makes the run `failed` here (and cancels it at the hub).
 */

export interface HubFeedImportClient {
  start(paths: readonly string[]): Promise<Result<{ runId: string }>>;
  status(runId: string): Promise<Result<ImportStatus>>;
  cancel(runId: string): Promise<Result<{ cancelling: boolean }>>;
  /**
   * Writes every rejected row of the hub run to `path` as CSV (the desktop's report format:
   * file,line,field,reason,detail), read from the hub page by page; written beside and renamed
   * into place, so a reader never sees half a report. Answers the rows written.
   */
  saveReport(runId: string, path: string): Promise<Result<{ rows: number }>>;
  /** Resolves when the files of a run started here have gone up and the hub started it (or it failed); tests. */
  uploaded(runId: string): Promise<void>;
}

/** The desktop's own report columns (electron/main/feeds/rejection-report.ts), so both files read alike. */
const REPORT_HEADER = ['file', 'line', 'field', 'reason', 'detail'];
/** The most the hub's importRejections gives in one page. */
const REPORT_PAGE_ROWS = 1_000;

function failed(error: HubClientError) {
  if (error.code === 'NOT_FOUND') return err('NOT_FOUND');
  if (error.code === 'CONFLICT') return err('CONFLICT', error.details ? { details: error.details } : {});
  return hubFailure(error);
}

interface Upload {
  done: Promise<void>;
  failure: HubClientError | null;
  /** The admin cancelled: the run shows as cancelled, whatever the uploads then met. */
  cancelled: boolean;
}

export function createHubFeedImportClient(sync: HubSync): HubFeedImportClient {
  const uploads = new Map<string, Upload>();

  async function send(runId: string, files: readonly { path: string; bytes: number }[], entry: Upload): Promise<void> {
    for (const [position, file] of files.entries()) {
      if (entry.cancelled) return;
      const stored = await sync.uploadAsOperator(`${IMPORT_UPLOAD_PATH}?runId=${runId}&position=${position}`, file.path, file.bytes, ImportUploadResponse);
      if (!stored.ok) {
        entry.failure = stored.error;
        await sync.callAsOperator('importCancel', { runId });
        return;
      }
    }
    if (entry.cancelled) return;
    const started = await sync.callAsOperator('importStart', { runId });
    if (!started.ok) entry.failure = started.error;
  }

  return {
    async start(paths) {
      let files: { path: string; name: string; bytes: number }[];
      try {
        files = paths.map((path) => ({ path, name: basename(path), bytes: statSync(path).size }));
      } catch {
        return err('NOT_FOUND', { details: { what: 'file' } });
      }
      const created = await sync.callAsOperator('importCreate', { files: files.map(({ name, bytes }) => ({ name, bytes })) });
      if (!created.ok) return failed(created.error);
      const runId = created.value.runId;
      const entry: Upload = { done: Promise.resolve(), failure: null, cancelled: false };
      entry.done = send(runId, files, entry).catch((error: unknown) => {
        entry.failure = { code: 'HUB_UNREACHABLE', cause: (error as Error).message };
      });
      uploads.set(runId, entry);
      return ok({ runId });
    },
    async status(runId) {
      const answer = await sync.callAsOperator('importStatus', { runId });
      if (!answer.ok) return failed(answer.error);
      const status: ImportStatus = answer.value;
      // A run whose files did not all reach the hub never starts there: it failed, here.
      const local = uploads.get(runId);
      if (local?.failure && !local.cancelled && (status.state === 'checking' || status.state === 'cancelled')) return ok({ ...status, state: 'failed' });
      // The hub keeps every rejected row: once the run has ended they can be saved as a file.
      const ended = status.state !== 'checking' && status.state !== 'importing';
      return ok(ended && status.rejectedTotal > 0 ? { ...status, reportAtHub: true } : status);
    },
    async cancel(runId) {
      const local = uploads.get(runId);
      if (local) local.cancelled = true;
      const answer = await sync.callAsOperator('importCancel', { runId });
      return answer.ok ? ok(answer.value) : failed(answer.error);
    },
    async saveReport(runId, path) {
      const partial = `${path}.partial`;
      const fd = openSync(partial, 'w', 0o600);
      let rows = 0;
      let done = false;
      try {
        writeSync(fd, csvRecord(REPORT_HEADER));
        for (;;) {
          const page = await sync.callAsOperator('importRejections', { runId, offset: rows, limit: REPORT_PAGE_ROWS });
          if (!page.ok) return failed(page.error);
          let buffer = '';
          for (const row of page.value.rejections) buffer += csvRecord([row.fileName, row.line, row.field, row.reason, row.detail]);
          writeSync(fd, buffer);
          rows += page.value.rejections.length;
          if (page.value.rejections.length === 0 || rows >= page.value.total) break;
        }
        fsyncSync(fd);
        done = true;
      } finally {
        closeSync(fd);
        if (!done) rmSync(partial, { force: true });
      }
      renameSync(partial, path);
      return ok({ rows });
    },
    async uploaded(runId) {
      await uploads.get(runId)?.done;
    },
  };
}
