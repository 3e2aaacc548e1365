import { createCompactKeySet } from '@shared/feeds/compact-key-set';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { feedKeyField, feedRowKey } from '@shared/feeds/feed-row-schemas';
import { checkFeedRow, type RowProblem } from '@shared/feeds/row-problem';
import { readFeedRecords } from './feed-file-reader';
import { packFeedRow } from './packed-row';

/**
 * Consecutive data rows of a file, read, parsed and checked, ready to write: record `i` is
 * on `lines[i]`, and is either `rows[i]` (its packed form, see packed-row.ts) or rejected
 * by the problem whose `index` is `i` (problems are in record order). Plain data, so a
 * batch can cross from the parse thread to the writing one.
 */
export interface CheckedBatch {
  readonly lines: number[];
  readonly rows: unknown[];
  readonly problems: Array<{ index: number; problem: RowProblem }>;
}

/**
 * The rows of a feed file by batches of `batchRows`, each validated (unknown fields
 * refused) and checked against the keys before it in the file (the first row with a key
 * wins). File-level problems throw FeedFileError. Nothing here touches the database: the
 * references and the upsert are the writer's.
 */
export async function* checkedBatches(path: string, kind: FeedFileKind, batchRows: number): AsyncGenerator<CheckedBatch> {
  const { entity } = kind;
  const keyField = feedKeyField(entity);
  // Every key of the file so far: millions of them, so not a Set of strings.
  const seen = createCompactKeySet();
  let batch: CheckedBatch = { lines: [], rows: [], problems: [] };
  for await (const records of readFeedRecords(path, kind)) {
    for (const record of records) {
      const index = batch.lines.length;
      batch.lines.push(record.line);
      if (record.notJson) {
        batch.rows.push(null);
        batch.problems.push({ index, problem: { field: '', reason: 'not_json', detail: 'the line is not JSON' } });
      } else {
        const checked = checkFeedRow(entity, record.value);
        const key = checked.ok ? feedRowKey(entity, checked.row) : '';
        if (!checked.ok) {
          batch.rows.push(null);
          batch.problems.push({ index, problem: checked.problem });
        } else if (!seen.add(key)) {
          batch.rows.push(null);
          batch.problems.push({ index, problem: { field: keyField, reason: 'duplicate_key', detail: `${key} appears earlier in the file` } });
        } else {
          batch.rows.push(packFeedRow(entity, checked.row));
        }
      }
      if (batch.lines.length >= batchRows) {
        yield batch;
        batch = { lines: [], rows: [], problems: [] };
      }
    }
  }
  if (batch.lines.length > 0) yield batch;
}
