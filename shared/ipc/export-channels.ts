import { z } from 'zod';
import { Currency } from '../domain/account';
import { admins, defineChannel, Empty } from './define';

export const ExportBatch = z.object({
  batchNumber: z.int().positive(),
  createdAt: z.string(),
  creditCount: z.int().positive(),
  // A batch of reversal lines alone adds up to less than nothing.
  totals: z.array(z.object({ currency: Currency, amountMinor: z.int() })),
  fileName: z.string(),
  sha256: z.string(),
});
export type ExportBatch = z.infer<typeof ExportBatch>;

/** Admin channels of the billing export. Files go to a folder main chooses; the path comes back. */
export const exportChannels = {
  exportCreateBatch: defineChannel({
    input: Empty,
    output: z.object({ batch: ExportBatch.nullable(), path: z.string().nullable() }),
    access: admins,
    auditRefusals: false,
  }),
  exportListBatches: defineChannel({
    input: Empty,
    output: z.object({ batches: z.array(ExportBatch), readyToExport: z.int().min(0) }),
    access: admins,
    auditRefusals: false,
  }),
  exportWriteBatch: defineChannel({
    input: z.strictObject({ batchNumber: z.int().positive() }),
    output: z.object({ batch: ExportBatch, path: z.string() }),
    access: admins,
    auditRefusals: false,
  }),
} as const;
