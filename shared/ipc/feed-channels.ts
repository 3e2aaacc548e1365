import { z } from 'zod';
import { admins, defineChannel } from './define';
import { feedEntities, feedFormats } from '../feeds/feed-entities';
import { rowReasons } from '../feeds/row-problem';

export const fileProblemCodes = ['NOT_UTF8', 'TRUNCATED', 'BAD_HEADER', 'BAD_CSV', 'UNKNOWN_FILE', 'UNREADABLE'] as const;

export const FeedFileProblem = z.object({
  code: z.enum(fileProblemCodes),
  line: z.int().positive().nullable(),
  detail: z.string(),
});
export type FeedFileProblem = z.infer<typeof FeedFileProblem>;

export const FeedFileSummary = z.object({
  fileName: z.string(),
  entity: z.enum(feedEntities).nullable(),
  format: z.enum(feedFormats).nullable(),
  rows: z.int().min(0),
  problem: FeedFileProblem.nullable(),
});
export type FeedFileSummary = z.infer<typeof FeedFileSummary>;

export const FeedScanResult = z.object({
  /** Null when the operator closed the file chooser without choosing. */
  scanId: z.string().nullable(),
  files: z.array(FeedFileSummary),
});
export type FeedScanResult = z.infer<typeof FeedScanResult>;

export const importStates = ['checking', 'importing', 'done', 'cancelled', 'refused', 'failed', 'interrupted'] as const;

export const ImportFileResult = z.object({
  fileName: z.string(),
  entity: z.enum(feedEntities),
  format: z.enum(feedFormats),
  rowsTotal: z.int().min(0),
  rowsDone: z.int().min(0),
  inserted: z.int().min(0),
  updated: z.int().min(0),
  unchanged: z.int().min(0),
  rejected: z.int().min(0),
  problem: FeedFileProblem.nullable(),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const ImportRejection = z.object({
  fileName: z.string(),
  line: z.int().positive(),
  field: z.string(),
  reason: z.enum(rowReasons),
  detail: z.string(),
});
export type ImportRejection = z.infer<typeof ImportRejection>;

export const ImportStatus = z.object({
  runId: z.string(),
  state: z.enum(importStates),
  rowsTotal: z.int().min(0),
  rowsDone: z.int().min(0),
  /** Null until there is a rate to speak of. */
  rowsPerSecond: z.number().min(0).nullable(),
  secondsLeft: z.number().min(0).nullable(),
  files: z.array(ImportFileResult),
  /** The first rejected rows; the report file holds them all. */
  rejections: z.array(ImportRejection),
  rejectedTotal: z.int().min(0),
  /** Where main wrote the report of rejected rows (a folder main chose), once the run ended. */
  reportPath: z.string().nullable(),
  /**
   * A run at the hub with rejected rows: the hub keeps them all, and feedImportSaveReport saves
   * them as a CSV file where the admin chooses. Absent for a run of this desktop.
   */
  reportAtHub: z.boolean().optional(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/** A local run id (a ULID) or, on a desktop enrolled at a hub, the hub's run id (a UUID). */
export const RunId = z.union([z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/), z.uuid()]);

/** Admin channels of the feed import. Files are chosen in main (a dialog); the renderer never names a path. */
export const feedChannels = {
  feedScan: defineChannel({
    input: z.strictObject({ mode: z.enum(['files', 'folder']) }),
    output: FeedScanResult,
    access: admins,
    auditRefusals: false,
  }),
  feedImportStart: defineChannel({
    input: z.strictObject({ scanId: RunId }),
    output: z.object({ runId: RunId }),
    access: admins,
    auditRefusals: false,
  }),
  feedImportStatus: defineChannel({ input: z.strictObject({ runId: RunId }), output: ImportStatus, access: admins, auditRefusals: false }),
  feedImportCancel: defineChannel({
    input: z.strictObject({ runId: RunId }),
    output: z.object({ cancelling: z.boolean() }),
    access: admins,
    auditRefusals: false,
  }),
  /**
   * Opens a finished run's report of rejected rows in the system's viewer. The renderer names
   * the run, never a path: main opens the file it wrote itself and recorded with the run.
   */
  feedImportOpenReport: defineChannel({ input: z.strictObject({ runId: RunId }), output: z.object({}), access: admins, auditRefusals: false }),
  /**
   * Saves every rejected row of a hub run (read page by page from the hub) as a CSV file, where
   * the admin chooses in main's save dialog; `saved` false when the dialog was cancelled. The
   * renderer names the run, never a path.
   */
  feedImportSaveReport: defineChannel({
    input: z.strictObject({ runId: RunId }),
    output: z.object({ saved: z.boolean(), rows: z.int().min(0) }),
    access: admins,
    auditRefusals: false,
  }),
} as const;
