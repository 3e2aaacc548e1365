import { createHash } from 'node:crypto';
import { csvRecord } from '@shared/feeds/csv-format';
import type { PostingRow } from './export-repo';

const POSTING_HEADER = [
  'batch_number',
  'account_number',
  'line_number',
  'amount_minor',
  'currency',
  'reason',
  'outage_source_id',
  'policy_code',
  'policy_version',
  'idempotency_key',
  'bill_date',
] as const;

export function postingFileName(batchNumber: number): string {
  return `billing-credits-batch-${String(batchNumber).padStart(6, '0')}.csv`;
}

function reasonOf(row: PostingRow): string {
  // A reversal line's key is the key of the credit it takes back, plus `|reversal`.
  if (row.source === 'reversal') return 'reversal';
  if (row.source !== 'override') return 'outage_credit';
  return row.overrideReason ? `override:${row.overrideReason}` : 'override';
}

/**
 * The posting file of a batch: a header, then one CRLF record per credit in the order the
 * rows come (the query orders them), with nothing in it that depends on when it is written,
 * so writing the same batch again gives the same bytes.
 */
export function buildPostingFile(batchNumber: number, rows: Iterable<PostingRow>): { content: string; count: number; sha256: string } {
  let content = csvRecord(POSTING_HEADER);
  let count = 0;
  for (const row of rows) {
    count += 1;
    content += csvRecord([
      batchNumber,
      row.accountNumber,
      row.lineNumber ?? '',
      row.amountMinor,
      row.currency,
      reasonOf(row),
      row.outageSourceId,
      row.policyCode,
      row.policyVersion,
      row.idempotencyKey,
      row.billDate ?? '',
    ]);
  }
  return { content, count, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}
