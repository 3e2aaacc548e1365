import { createCompactKeySet } from '@shared/feeds/compact-key-set';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { feedKeyField, feedRowKey } from '@shared/feeds/feed-row-schemas';
import { checkFeedRow, type RowProblem } from '@shared/feeds/row-problem';
import { readFeedRecords } from './feed-file-reader';
import { isHashedEntity, packFeedRow, packedRowHash, type HashedEntity, type PackedRows } from './packed-row';

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
  /**
   * For accounts, lines and impacts: `hashes[i]` is the feed hash of `rows[i]` (0 for a
   * rejected record), and `hashesJson` the JSON object of each accepted row's source id to
   * its hash, which the writer gives SQLite in one piece to find the rows that changed.
   * Null for the other feeds.
   */
  readonly hashes: number[] | null;
  hashesJson: string | null;
}

function emptyBatch(hashed: boolean): CheckedBatch {
  return { lines: [], rows: [], problems: [], hashes: hashed ? [] : null, hashesJson: null };
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
  const hashed = isHashedEntity(entity);
  let batch = emptyBatch(hashed);
  // The parts of hashesJson, one per accepted row.
  let entries: string[] = [];
  const finish = (done: CheckedBatch): CheckedBatch => {
    if (hashed) done.hashesJson = `{${entries.join(',')}}`;
    entries = [];
    return done;
  };
  for await (const records of readFeedRecords(path, kind)) {
    for (const record of records) {
      const index = batch.lines.length;
      batch.lines.push(record.line);
      if (record.notJson) {
        batch.hashes?.push(0);
        batch.rows.push(null);
        batch.problems.push({ index, problem: { field: '', reason: 'not_json', detail: 'the line is not JSON' } });
      } else {
        const checked = checkFeedRow(entity, record.value);
        const key = checked.ok ? feedRowKey(entity, checked.row) : '';
        if (!checked.ok) {
          batch.hashes?.push(0);
          batch.rows.push(null);
          batch.problems.push({ index, problem: checked.problem });
        } else if (!seen.add(key)) {
          batch.hashes?.push(0);
          batch.rows.push(null);
          batch.problems.push({ index, problem: { field: keyField, reason: 'duplicate_key', detail: `${key} appears earlier in the file` } });
        } else {
          const packed = packFeedRow(entity, checked.row);
          batch.rows.push(packed);
          if (batch.hashes) {
            const hash = packedRowHash(packed as PackedRows[HashedEntity]);
            batch.hashes.push(hash);
            entries.push(`${JSON.stringify(key)}:${hash}`);
          }
        }
      }
      if (batch.lines.length >= batchRows) {
        yield finish(batch);
        batch = emptyBatch(hashed);
      }
    }
  }
  if (batch.lines.length > 0) yield finish(batch);
}
