import type { Tx } from '../db/transaction';

export async function insertEnrolmentCode(
  tx: Tx,
  code: { codeHash: string; label: string; createdBy: number; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    code.codeHash,
    code.label,
    code.createdBy,
    code.createdAt,
    code.expiresAt,
  ]);
}

/** The unused, unexpired code with this hash, locked so that two desktops cannot both use it. */
export async function takeEnrolmentCode(tx: Tx, codeHash: string, now: Date): Promise<{ label: string } | null> {
  const { rows } = await tx.query<{ label: string }>(
    'SELECT label FROM enrolment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
    [codeHash, now],
  );
  return rows[0] ?? null;
}

export async function markEnrolmentCodeUsed(tx: Tx, codeHash: string, desktopId: string, at: Date): Promise<void> {
  await tx.query('UPDATE enrolment_codes SET used_at = $3, desktop_id = $2 WHERE code_hash = $1', [codeHash, desktopId, at]);
}
