import type pg from 'pg';
import type { ChangesPage, ChangesQuery, RequestViews, RequestViewsQuery } from '@shared/hub/changes';
import { inTransaction } from '../db/transaction';
import { readChanges, readHead, readLatestRequestChanges, type Reader } from './change-log-repo';

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

/** The latest change of each named override request that `reader` may see, one statement. */
export async function readRequestViews(pool: pg.Pool, reader: Reader, query: RequestViewsQuery): Promise<RequestViews> {
  return inTransaction(pool, async (tx) => ({ changes: (await readLatestRequestChanges(tx, reader, query.ids)) as RequestViews['changes'] }), {
    isolation: 'REPEATABLE READ',
    readOnly: true,
  });
}
