import type { OperationAnswer } from '@shared/hub/operations';
import type { Tx } from '../db/transaction';

export type StoredAnswer = Extract<OperationAnswer, { status: 'accepted' | 'refused' }>;

export async function findAnswer(tx: Tx, desktopId: string, seq: number): Promise<StoredAnswer | null> {
  const { rows } = await tx.query<{ answer: StoredAnswer }>('SELECT answer FROM operations WHERE desktop_id = $1 AND seq = $2', [desktopId, seq]);
  return rows[0]?.answer ?? null;
}

/** The answer, stored in the transaction of the effect: the (desktop, seq) key makes a second apply impossible. */
export async function insertAnswer(tx: Tx, row: { desktopId: string; seq: number; op: string; operatorId: number; answer: StoredAnswer; at: Date }): Promise<void> {
  await tx.query(
    'INSERT INTO operations (desktop_id, seq, op, operator_id, status, answer, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [row.desktopId, row.seq, row.op, row.operatorId, row.answer.status, JSON.stringify(row.answer), row.at],
  );
}
