import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { SNAPSHOT_END_OF_TABLE, SNAPSHOT_FORMAT, snapshotTableOrder, type CarrierBatchPage, type CarrierBatchQuery, type SnapshotHeader } from '@shared/hub/carrier';
import { readHead } from '../changes/change-log-repo';
import { inTransaction } from '../db/transaction';
import { batchSelect, countSelect, snapshotSelect } from './carrier-select';

/** Writes `text`, waiting for the socket to drain when it asks to. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Pipes one COPY ... TO STDOUT into `out` without ending it. */
async function copyInto(client: pg.PoolClient, sql: string, out: Writable): Promise<void> {
  const source = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/**
 * Streams every carrier row visible in one REPEATABLE READ transaction, with the change log's
 * head read in it: what the desktop loads, then follows the log from `head`. A batch committed
 * after the transaction began is not in it and has its log entry after `head` (the log lock
 * orders commits and positions alike), so the desktop reads it by batch. Throws after the
 * header when the copy fails: the caller cuts the response, and the desktop's count check fails.
 */
export async function streamCarrierSnapshot(pool: pg.Pool, out: Writable, now: Date, onHeader: () => void): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await readHead(client);
    const tables: SnapshotHeader['tables'] = [];
    for (const table of snapshotTableOrder) {
      const { rows } = await client.query<{ n: number }>(countSelect(table));
      tables.push({ table, rows: rows[0]!.n });
    }
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, head, takenAt: now.toISOString(), tables };
    onHeader();
    await write(out, `${JSON.stringify(header)}\n`);
    for (const table of snapshotTableOrder) {
      await write(out, `@${table}\n`);
      await copyInto(client, snapshotSelect(table), out);
      await write(out, `${SNAPSHOT_END_OF_TABLE}\n`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken ? true : undefined);
  }
}

/** One page of a batch's rows of one table, by key. */
export async function readCarrierBatchPage(pool: pg.Pool, query: CarrierBatchQuery): Promise<CarrierBatchPage> {
  return inTransaction(
    pool,
    async (tx) => {
      const { rows } = await tx.query<unknown[]>({
        text: batchSelect(query.table),
        values: [query.batch, query.afterId ?? null, query.limit + 1],
        rowMode: 'array',
      });
      const hasMore = rows.length > query.limit;
      const page = hasMore ? rows.slice(0, query.limit) : rows;
      const last = page[page.length - 1];
      return {
        batch: query.batch,
        table: query.table,
        rows: page.map((row) => row.slice(0, -1).map((value) => (typeof value === 'bigint' ? Number(value) : value)) as CarrierBatchPage['rows'][number]),
        nextAfterId: last ? String(last[last.length - 1]) : null,
        hasMore,
      };
    },
    { readOnly: true },
  );
}
