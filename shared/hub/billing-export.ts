import { z } from 'zod';
import { Currency } from '../domain/account';

/**
 * The billing export at the hub: one numbered series of batches for the whole site. The
 * posting file is the desktop's format (shared/billing/posting-file.ts), made from lines the
 * hub froze when it made the batch, so fetching a batch again gives the same bytes.
 */
export const HubExportBatch = z.object({
  batchNumber: z.int().positive(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  /** Lines in the file: credits and reversal lines. */
  creditCount: z.int().positive(),
  /** Per currency, in minor units; reversal lines count negative. */
  totals: z.array(z.object({ currency: Currency, amountMinor: z.int() })),
  fileName: z.string(),
  /** Hex sha256 of the file's UTF-8 bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HubExportBatch = z.infer<typeof HubExportBatch>;

/** Lines per page of a file: about 4.5 MB of CSV, well under the desktop client's answer limit. */
export const EXPORT_FILE_PAGE_LINES = 50_000;

/**
 * A batch with a page of its posting file (CSV text, CRLF records): the first page holds the
 * header and lines 1 to `EXPORT_FILE_PAGE_LINES`, each next page the lines from `fromLine`.
 * The pages one after the other are the file, which hashes to `batch.sha256`. `nextLine` is
 * the `fromLine` of the next page, null on the last.
 */
export const HubExportFile = z.object({ batch: HubExportBatch, content: z.string(), nextLine: z.int().positive().nullable() });
export type HubExportFile = z.infer<typeof HubExportFile>;

const Empty = z.strictObject({});

/**
 * The desktop's name for one "Export" (a UUID or ULID it makes): the batch that request made
 * keeps it, and the same id sent again (a retry after the answer was lost) is answered with
 * that batch's file, byte for byte, instead of NOTHING_TO_EXPORT or a second batch.
 */
export const ExportRequestId = z.string().regex(/^[0-9A-Za-z_-]{16,64}$/);
const admins = ['admin'] as const;

/** The billing export's routes, spread into shared/hub/routes.ts. Admins only. */
export const billingExportRoutes = {
  /**
   * Puts every credit ready for billing (and every reversal due) in the next batch, with its
   * file's first page; NOTHING_TO_EXPORT when there is none. With `requestId`, idempotent: a
   * request id that already made a batch gets that batch's first page again, nothing written.
   */
  exportCreateBatch: {
    method: 'POST',
    path: '/v1/admin/export-batches',
    access: admins,
    input: z.strictObject({ requestId: ExportRequestId.optional() }),
    output: HubExportFile,
  },
  /** Newest first, with how many lines the next batch would hold. */
  exportListBatches: {
    method: 'GET',
    path: '/v1/admin/export-batches',
    access: admins,
    input: Empty,
    output: z.object({ batches: z.array(HubExportBatch), readyToExport: z.int().min(0) }),
  },
  /** Batch N's posting file again, byte for byte, a page from line `fromLine` (1 by default). */
  exportBatchFile: {
    method: 'GET',
    path: '/v1/admin/export-batches/file',
    access: admins,
    input: z.strictObject({
      batchNumber: z.coerce.number().pipe(z.int().positive()),
      fromLine: z.coerce.number().pipe(z.int().positive()).default(1),
    }),
    output: HubExportFile,
  },
} as const;
