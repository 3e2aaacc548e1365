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

/** A batch with its posting file (CSV text, CRLF records); `content` hashes to `batch.sha256`. */
export const HubExportFile = z.object({ batch: HubExportBatch, content: z.string() });
export type HubExportFile = z.infer<typeof HubExportFile>;

const Empty = z.strictObject({});
const admins = ['admin'] as const;

/** The billing export's routes, spread into shared/hub/routes.ts. Admins only. */
export const billingExportRoutes = {
  /** Puts every credit ready for billing (and every reversal due) in the next batch; NOTHING_TO_EXPORT when there is none. */
  exportCreateBatch: { method: 'POST', path: '/v1/admin/export-batches', access: admins, input: Empty, output: HubExportFile },
  /** Newest first, with how many lines the next batch would hold. */
  exportListBatches: {
    method: 'GET',
    path: '/v1/admin/export-batches',
    access: admins,
    input: Empty,
    output: z.object({ batches: z.array(HubExportBatch), readyToExport: z.int().min(0) }),
  },
  /** Batch N's posting file again, byte for byte. */
  exportBatchFile: {
    method: 'GET',
    path: '/v1/admin/export-batches/file',
    access: admins,
    input: z.strictObject({ batchNumber: z.coerce.number().pipe(z.int().positive()) }),
    output: HubExportFile,
  },
} as const;
