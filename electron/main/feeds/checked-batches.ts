import { createCompactKeySet } from '@shared/feeds/compact-key-set';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { feedKeyField, feedRowKey } from '@shared/feeds/feed-row-schemas';
import { checkFeedRow, type RowProblem } from '@shared/feeds/row-problem';
import { readFeedRecords } from './feed-file-reader';
import { isHashedEntity, packFeedRow, packedRowHash, type HashedEntity, type PackedRows } from './packed-row';

/**
 * Consecutive data rows of a file, read, parsed and checked, ready to write: record `i` is
 * on `lines[i]`, and is either row `i` (its packed form, see packed-row.ts) or rejected
 * by the problem whose `index` is `i` (problems are in record order). Plain data, so a
 * batch can cross from the parse thread to the writing one.
 */
export interface CheckedBatch {
  readonly lines: number[];
  readonly problems: Array<{ index: number; problem: RowProblem }>;
  /** The rows (null for a rejected record); null when they come as `rowsJson`. */
  readonly rows: unknown[] | null;
  /**
   * For accounts, lines and impacts, whose rows carry a feed hash:
   * - `hashes[i]`: the feed hash of row `i` (0 for a rejected record).
   * - when the writer compares hashes (a table with rows in it), `hashesJson`, the JSON
   *   object of each accepted row's source id to its hash, which the writer gives SQLite in
   *   one piece to find the rows that changed; and `rowsJson` in place of `rows`, the rows
   *   as one JSON array, which the writer parses only when some row of the batch changed
   *   (a re-import of unchanged rows never builds them). Into an empty table every row is
   *   written, and the rows come as `rows` (a structured clone costs less than the JSON).
   */
  rowsJson: string | null;
  readonly hashes: number[] | null;
  hashesJson: string | null;
}

function emptyBatch(hashed: boolean, compare: boolean): CheckedBatch {
  return { lines: [], problems: [], rows: compare ? null : [], rowsJson: null, hashes: hashed ? [] : null, hashesJson: null };
}

/** The rows of a batch, parsed from their JSON when they came as one (rowsJson). */
export function batchRows(batch: CheckedBatch): unknown[] {
  return batch.rows ?? (JSON.parse(batch.rowsJson ?? '[]') as unknown[]);
}

/**
 * The rows of a feed file by batches of `batchRows`, each validated (unknown fields
 * refused) and checked against the keys before it in the file (the first row with a key
 * wins). File-level problems throw FeedFileError. Nothing here touches the database: the
 * references and the upsert are the writer's.
 */
export async function* checkedBatches(path: string, kind: FeedFileKind, batchRows: number, compareHashes = false): AsyncGenerator<CheckedBatch> {
  const { entity } = kind;
  const keyField = feedKeyField(entity);
  // Every key of the file so far: millions of them, so not a Set of strings.
  const seen = createCompactKeySet();
  const hashed = isHashedEntity(entity);
  const compare = hashed && compareHashes;
  let batch = emptyBatch(hashed, compare);
  // The parts of hashesJson (one per accepted row) and of rowsJson (one per record).
  let entries: string[] = [];
  let rowTexts: string[] = [];
  const finish = (done: CheckedBatch): CheckedBatch => {
    if (compare) {
      done.hashesJson = `{${entries.join(',')}}`;
      done.rowsJson = `[${rowTexts.join(',')}]`;
    }
    entries = [];
    rowTexts = [];
    return done;
  };
  const rejected = (): void => {
    batch.hashes?.push(0);
    if (compare) rowTexts.push('null');
    else batch.rows?.push(null);
  };
  for await (const records of readFeedRecords(path, kind)) {
    for (const record of records) {
      const index = batch.lines.length;
      batch.lines.push(record.line);
      if (record.notJson) {
        rejected();
        batch.problems.push({ index, problem: { field: '', reason: 'not_json', detail: 'the line is not JSON' } });
      } else {
        const checked = checkFeedRow(entity, record.value);
        const key = checked.ok ? feedRowKey(entity, checked.row) : '';
        if (!checked.ok) {
          rejected();
          batch.problems.push({ index, problem: checked.problem });
        } else if (!seen.add(key)) {
          rejected();
          batch.problems.push({ index, problem: { field: keyField, reason: 'duplicate_key', detail: `${key} appears earlier in the file` } });
        } else {
          const packed = packFeedRow(entity, checked.row);
          if (batch.hashes) batch.hashes.push(packedRowHash(packed as PackedRows[HashedEntity]));
          if (compare) {
            entries.push(`${JSON.stringify(key)}:${batch.hashes?.[index] as number}`);
            rowTexts.push(JSON.stringify(packed));
          } else {
            batch.rows?.push(packed);
          }
        }
      }
      if (batch.lines.length >= batchRows) {
        yield finish(batch);
        batch = emptyBatch(hashed, compare);
      }
    }
  }
  if (batch.lines.length > 0) yield finish(batch);
}
