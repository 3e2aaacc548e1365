import type pg from 'pg';
import type { ScryptParams } from '@shared/auth/password-hash-format';
import type { ChangeOwnHubPassword } from '@shared/hub/operators';
import { appendAudit } from '../audit/audit-repo';
import type { Caller } from '../auth/caller';
import { recordFailedSignIn } from '../auth/operator-repo';
import { hashPassword, verifyPassword } from '../auth/password-hash';
import { MAX_FAILED_SIGN_INS, OPERATOR_LOCK_MS } from '../auth/sign-in';
import { HubFailure } from '../common/hub-failure';
import { inTransaction } from '../db/transaction';
import { endSessionsOf, findAdminOperator, lockAdminOperator, updatePassword } from './operator-admin-repo';
import { passwordRefusal, record } from './operator-admin';

/**
 * The caller replaces their own password, proving the current one; this ends a forced change
 * (a temporary password). A wrong current password counts as a failed sign-in, so this route
 * is no way round the lock-out; the lock that it reaches ends the caller's sessions.
 */
export async function changeOwnPassword(pool: pg.Pool, caller: Caller, input: ChangeOwnHubPassword, now: Date, cost: ScryptParams): Promise<{ mustChangePassword: false }> {
  const operatorId = caller.operator.operatorId;
  const row = await inTransaction(pool, (tx) => findAdminOperator(tx, operatorId), { readOnly: true });
  if (!row) throw new HubFailure('NOT_SIGNED_IN');
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    const lockUntil = new Date(now.getTime() + OPERATOR_LOCK_MS);
    const locked = await inTransaction(pool, async (tx) => {
      await recordFailedSignIn(tx, operatorId, MAX_FAILED_SIGN_INS, lockUntil);
      const { rows } = await tx.query<{ lockedUntil: Date | null }>('SELECT locked_until AS "lockedUntil" FROM operators WHERE id = $1', [operatorId]);
      const until = rows[0]?.lockedUntil ?? null;
      const nowLocked = until !== null && until.getTime() > now.getTime();
      await appendAudit(tx, {
        at: now,
        operatorId,
        desktopId: caller.desktopId,
        action: 'operator.password_change_failed',
        target: `operator:${row.username}`,
        before: null,
        after: { code: nowLocked ? 'OPERATOR_LOCKED' : 'BAD_CREDENTIALS' },
      });
      if (nowLocked) await endSessionsOf(tx, operatorId, now);
      return nowLocked ? until : null;
    });
    if (locked) throw new HubFailure('OPERATOR_LOCKED', { lockedUntil: locked.toISOString() });
    throw new HubFailure('BAD_CREDENTIALS');
  }
  const weak = passwordRefusal(input.newPassword, row.username, 'newPassword');
  if (weak) throw weak;
  if (await verifyPassword(input.newPassword, row.passwordHash)) {
    throw new HubFailure('INVALID_INPUT', { reason: 'same_as_current' }, [{ path: 'newPassword', message: 'same_as_current' }]);
  }
  // Hashed before the transaction: scrypt is slow and must hold no row lock.
  const hash = await hashPassword(input.newPassword, cost);
  await inTransaction(pool, async (tx) => {
    const fresh = await lockAdminOperator(tx, operatorId);
    // An admin's reset or deactivation in between wins.
    if (!fresh || !fresh.active || fresh.passwordHash !== row.passwordHash) throw new HubFailure('CONFLICT', { reason: 'password_changed_meanwhile' });
    await updatePassword(tx, operatorId, hash, false);
    // In the change log too: another desktop's verifier of the old password must not sign them in offline.
    await record(
      tx,
      {
        at: now,
        operatorId,
        desktopId: caller.desktopId,
        action: 'operator.password_changed',
        before: { mustChangePassword: fresh.mustChangePassword },
        after: { mustChangePassword: false },
      },
      operatorId,
      true,
    );
  });
  return { mustChangePassword: false };
}
