import { csvRecord } from '../feeds/csv-format';

/**
 * The billing posting file, the one format the desktop (standalone export) and the hub
 * (site-wide export) both write: a header, then one CRLF record per line in the order given.
 * Pure: nothing in it depends on when or where it is written, so the same batch and the same
 * rows give the same bytes. The sha256 of the content is the caller's (shared/ has no node:crypto).
 */

/** One line of a posting file. */
export interface PostingRow {
  accountNumber: string;
  lineNumber: string | null;
  /** A reversal line carries the amount it takes back, negated. */
  amountMinor: number;
  currency: string;
  /** 'automatic', 'override' or 'reversal'. */
  source: string;
  overrideReason: string | null;
  outageSourceId: string;
  policyCode: string;
  policyVersion: number;
  idempotencyKey: string;
  billDate: string | null;
}

export const POSTING_HEADER = [
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

/** A reversal line's key is the key of the credit it takes back, plus `|reversal`. */
export function reversalLineKey(creditKey: string): string {
  return `${creditKey}|reversal`;
}

export function postingReason(row: Pick<PostingRow, 'source' | 'overrideReason'>): string {
  if (row.source === 'reversal') return 'reversal';
  if (row.source !== 'override') return 'outage_credit';
  return row.overrideReason ? `override:${row.overrideReason}` : 'override';
}

/** The file's first record. */
export const POSTING_HEADER_RECORD = csvRecord(POSTING_HEADER);

/** The records of `rows` for batch `batchNumber`, without the header: a file is the header then these, so a file may be sent in pages. */
export function postingRecords(batchNumber: number, rows: Iterable<PostingRow>): { content: string; count: number } {
  let content = '';
  let count = 0;
  for (const row of rows) {
    count += 1;
    content += csvRecord([
      batchNumber,
      row.accountNumber,
      row.lineNumber ?? '',
      row.amountMinor,
      row.currency,
      postingReason(row),
      row.outageSourceId,
      row.policyCode,
      row.policyVersion,
      row.idempotencyKey,
      row.billDate ?? '',
    ]);
  }
  return { content, count };
}

/** The posting file's text for batch `batchNumber` with `rows` in the order they come. */
export function serialisePostingFile(batchNumber: number, rows: Iterable<PostingRow>): { content: string; count: number } {
  const records = postingRecords(batchNumber, rows);
  return { content: POSTING_HEADER_RECORD + records.content, count: records.count };
}
