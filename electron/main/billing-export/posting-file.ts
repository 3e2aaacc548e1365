import { createHash } from 'node:crypto';
import { serialisePostingFile, type PostingRow } from '@shared/billing/posting-file';

export { postingFileName } from '@shared/billing/posting-file';

/**
 * The posting file of a batch (the shared format, shared/billing/posting-file.ts, which the
 * hub writes too): the rows in the order they come (the query orders them), and its sha256.
 */
export function buildPostingFile(batchNumber: number, rows: Iterable<PostingRow>): { content: string; count: number; sha256: string } {
  const { content, count } = serialisePostingFile(batchNumber, rows);
  return { content, count, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}
