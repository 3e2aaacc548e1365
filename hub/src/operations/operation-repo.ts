import type { OperationAnswer } from '@shared/hub/operations';
import type { Tx } from '../db/transaction';

export type StoredAnswer = Extract<OperationAnswer, { status: 'accepted' | 'refused' }>;

export async function findAnswer(tx: Tx, desktopId: string, seq: number): Promise<StoredAnswer | null> {
  const { rows } = await tx.query<{ answer: StoredAnswer }>('SELECT answer FROM operations WHERE desktop_id = $1 AND seq = $2', [desktopId, seq]);
  return rows[0]?.answer ?? null;
}

// Answers are written by the operation's LogBatch.commit (ocd_append_logs), in the message
// that commits the effect: the (desktop, seq) key makes a second apply impossible.
