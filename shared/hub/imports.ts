import { z } from 'zod';
import { ImportRejection, ImportStatus } from '../ipc/feed-channels';

/**
 * Feed import at the hub from the desktop's import screen (issue 12): the admin's picked files
 * are streamed to the hub, which imports them into PostgreSQL once for the whole site (hub
 * docs: docs/HUB.md, "Carrier data at the hub: import"). The status is the desktop's own
 * import status, so the screen shows the hub's run unchanged (`reportPath` is always null:
 * the rejected rows are read page by page with importRejections).
 *
 * 1. importCreate `{files: [{name, bytes}]}`: a run in `checking`, waiting for its files.
 * 2. PUT IMPORT_UPLOAD_PATH?runId=&position= with each file's bytes as
 *    `application/octet-stream` (streamed, exactly `bytes` long, at most IMPORT_FILE_LIMIT_BYTES).
 * 3. importStart `{runId}`: the hub checks and imports the files in the background.
 * 4. importStatus / importCancel / importRejections.
 */

/** One file of a run, as the desktop names it; the hub reads entity and format from the name. */
export const ImportFileDeclaration = z.strictObject({
  name: z.string().min(1).max(200).regex(/^[^/\\\0]+$/).refine((name) => name !== '.' && name !== '..', 'not a file name'),
  bytes: z.int().min(0),
});

/** 2 GiB a file: a million-account feed is a few hundred MB. */
export const IMPORT_FILE_LIMIT_BYTES = 2 * 1024 ** 3;
export const IMPORT_MAX_FILES = 20;

export const CreateImportRequest = z.strictObject({
  files: z.array(ImportFileDeclaration.extend({ bytes: z.int().min(0).max(IMPORT_FILE_LIMIT_BYTES) })).min(1).max(IMPORT_MAX_FILES),
});
export type CreateImportRequest = z.infer<typeof CreateImportRequest>;

const RunId = z.uuid();
export const ImportRunRef = z.strictObject({ runId: RunId });
export const CreateImportResponse = z.object({ runId: RunId });

export const ImportUploadQuery = z.strictObject({
  runId: RunId,
  position: z.coerce.number().pipe(z.int().min(0).max(IMPORT_MAX_FILES - 1)),
});
export const ImportUploadResponse = z.object({ position: z.int().min(0), bytes: z.int().min(0) });
export const IMPORT_UPLOAD_PATH = '/v1/admin/imports/upload';

export const ImportRejectionsQuery = z.strictObject({
  runId: RunId,
  offset: z.coerce.number().pipe(z.int().min(0)).default(0),
  limit: z.coerce.number().pipe(z.int().min(1).max(1_000)).default(500),
});
export const ImportRejectionsPage = z.object({ rejections: z.array(ImportRejection), total: z.int().min(0) });

export const HubImportStatus = ImportStatus.extend({ runId: RunId });
export type HubImportStatus = z.infer<typeof HubImportStatus>;

const admin = ['admin'] as const;

/** The JSON routes of the hub's feed import (spread into hubRoutes); the upload is its own route (IMPORT_UPLOAD_PATH). */
export const importRoutes = {
  importCreate: { method: 'POST', path: '/v1/admin/imports', access: admin, input: CreateImportRequest, output: CreateImportResponse },
  importStart: { method: 'POST', path: '/v1/admin/imports/start', access: admin, input: ImportRunRef, output: HubImportStatus },
  importStatus: { method: 'GET', path: '/v1/admin/imports/status', access: admin, input: ImportRunRef, output: HubImportStatus },
  importCancel: { method: 'POST', path: '/v1/admin/imports/cancel', access: admin, input: ImportRunRef, output: z.object({ cancelling: z.boolean() }) },
  importRejections: { method: 'GET', path: '/v1/admin/imports/rejections', access: admin, input: ImportRejectionsQuery, output: ImportRejectionsPage },
} as const;
