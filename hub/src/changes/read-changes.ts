import type pg from 'pg';
import type { ChangesPage, ChangesQuery } from '@shared/hub/changes';
import { inTransaction } from '../db/transaction';
import { readChanges, readHead, type Reader } from './change-log-repo';

/**
 * One page of the log for `reader`. Head and page come from one snapshot: every position up
 * to head that the snapshot cannot see is one that will never commit (the log lock orders
 * commits), so when the page is not full the cursor may jump to head, past entries the
 * reader may not see.
 */
export async function readChangesPage(pool: pg.Pool, reader: Reader, query: ChangesQuery): Promise<ChangesPage> {
  return inTransaction(
    pool,
    async (tx) => {
      const head = await readHead(tx);
      if (query.since >= head) return { changes: [], cursor: Math.max(query.since, head), hasMore: false, head };
      const changes = await readChanges(tx, reader, query.since, head, query.limit);
      const hasMore = changes.length === query.limit;
      const cursor = hasMore ? changes[changes.length - 1]!.position : head;
      return { changes, cursor, hasMore, head };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}
