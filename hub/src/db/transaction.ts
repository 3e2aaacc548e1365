import type pg from 'pg';

/** A client inside an open transaction; repositories take this, never the pool. */
export type Tx = pg.PoolClient;

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  readonly isolation?: Isolation;
  readonly readOnly?: boolean;
}

// serialization_failure and deadlock_detected: the transaction did nothing; running it again is safe.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: string }).code ?? '');
}

// Transactions whose last statement was sent together with their COMMIT (commitWith).
const committedByWork = new WeakSet<Tx>();

/**
 * Sends `leading` statements, `statement` and COMMIT in one message (the simple query
 * protocol, so values must be inlined as literals: `tx.escapeLiteral`), and returns the
 * rows of `statement`. Nothing waits on the hub between them: a lock the statement takes is
 * held for the statement and the commit's WAL flush only. Use it as the last thing `work` does.
 */
export async function commitWith<R extends pg.QueryResultRow>(tx: Tx, statement: string, leading: readonly string[] = []): Promise<R[]> {
  const results = (await tx.query([...leading, statement, 'COMMIT'].join('; '))) as unknown as pg.QueryResult<R>[];
  committedByWork.add(tx);
  return results[leading.length]!.rows;
}

/**
 * Runs `work` in one transaction on a pooled connection: commit when it returns, roll back
 * when it throws. A serialization failure or deadlock runs it again from the start, so
 * `work` must do nothing outside the database it would regret doing twice.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const begin = `BEGIN ISOLATION LEVEL ${options.isolation ?? 'READ COMMITTED'}${options.readOnly ? ' READ ONLY' : ''}`;
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    // pg-pool drops its own 'error' listener while a client is checked out: a connection cut
    // between queries (PostgreSQL restarting, pg_terminate_backend) would otherwise be an
    // unhandled 'error' event and end the process. The query in flight fails on its own.
    const onConnectionError = () => {
      broken = true;
    };
    client.on('error', onConnectionError);
    try {
      await client.query(begin);
      const result = await work(client);
      if (!committedByWork.delete(client)) await client.query('COMMIT');
      return result;
    } catch (error) {
      committedByWork.delete(client);
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    } finally {
      client.removeListener('error', onConnectionError);
      client.release(broken ? true : undefined);
    }
  }
}

/** Runs `work` inside a savepoint of `tx`; when it throws, only its own writes are undone. */
export async function inSavepoint<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT use_case');
  try {
    const result = await work();
    await tx.query('RELEASE SAVEPOINT use_case');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT use_case');
    throw error;
  }
}
