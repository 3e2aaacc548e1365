import type pg from 'pg';
import type { CarrierTable } from '@shared/hub/changes';
import { appendChange } from '../src/changes/change-log-repo';
import { inTransaction } from '../src/db/transaction';

export interface BatchAccount {
  readonly sourceId: string;
  readonly accountNumber: string;
  readonly holderName: string;
  /** Lines of the account: [source id, number]. */
  readonly lines?: readonly (readonly [string, string])[];
}

/**
 * An import-like job as migration 004's contract has it, in SQL: takes a batch number, writes
 * (or rewrites) accounts and their lines stamped with it, and appends ONE `carrier_batch`
 * change-log entry in the same transaction. Returns the batch and the entry's position.
 */
export async function writeCarrierBatch(
  pool: pg.Pool,
  accounts: readonly BatchAccount[],
  between?: (tx: pg.PoolClient) => Promise<void>,
): Promise<{ batch: number; position: number }> {
  return inTransaction(pool, async (tx) => {
    const batch = Number((await tx.query<{ n: string }>("SELECT nextval('carrier_batch_seq') AS n")).rows[0]!.n);
    const tables = new Set<CarrierTable>(['accounts']);
    for (const account of accounts) {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO accounts (source_id, account_number, holder_name, currency, region, bill_cycle_day, email, postal_code, carrier_batch, updated_at)
         VALUES ($1, $2, $3, 'USD', 'north', 12, lower($1) || '@example.com', '10001', $4, now())
         ON CONFLICT (source_id) DO UPDATE SET holder_name = excluded.holder_name, carrier_batch = excluded.carrier_batch, updated_at = now()
         RETURNING id`,
        [account.sourceId, account.accountNumber, account.holderName, batch],
      );
      for (const [sourceId, number] of account.lines ?? []) {
        tables.add('lines');
        await tx.query(
          `INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status, carrier_batch)
           VALUES ($1, $2, $3, 'wireless_voice', 2500, 'active', $4)
           ON CONFLICT (source_id) DO UPDATE SET number_e164 = excluded.number_e164, carrier_batch = excluded.carrier_batch`,
          [sourceId, rows[0]!.id, number, batch],
        );
      }
    }
    await between?.(tx);
    const position = await appendChange(tx, {
      entity: 'carrier_batch',
      entityId: String(batch),
      audience: { kind: 'all' },
      data: { batch, source: 'import', runId: crypto.randomUUID(), tables: [...tables] },
    });
    return { batch, position };
  });
}
