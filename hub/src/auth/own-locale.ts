import type pg from 'pg';
import type { InterfaceLocale } from '@shared/domain/operator';
import { appendAudit } from '../audit/audit-repo';
import { HubFailure } from '../common/hub-failure';
import { inTransaction } from '../db/transaction';
import type { Caller } from './caller';
import { lockOperatorLocale, updateOperatorLocale } from './operator-repo';

/**
 * Keeps the caller's choice of interface language on their operator row, so every desktop
 * they sign in on opens in it. Audited when it changes; choosing the current one writes nothing.
 */
export async function setOwnLocale(pool: pg.Pool, caller: Caller, input: { locale: InterfaceLocale }, now: Date): Promise<{ locale: InterfaceLocale }> {
  return inTransaction(pool, async (tx) => {
    const operatorId = caller.operator.operatorId;
    const before = await lockOperatorLocale(tx, operatorId);
    if (before === null) throw new HubFailure('NOT_SIGNED_IN');
    if (before !== input.locale) {
      await updateOperatorLocale(tx, operatorId, input.locale);
      await appendAudit(tx, {
        at: now,
        operatorId,
        desktopId: caller.desktopId,
        action: 'operator.locale_changed',
        target: `operator:${operatorId}`,
        before: { locale: before },
        after: { locale: input.locale },
      });
    }
    return { locale: input.locale };
  });
}
