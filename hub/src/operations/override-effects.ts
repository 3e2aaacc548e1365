import { nextOverrideStatus, overdueFiledCutoff } from '@shared/domain/override';
import type { PendingPosition } from '../logs/log-batch';
import { readCreditChange } from '../overrides/credit-repo';
import { decideOverride, findOverride, hubOverrideView, listOverdue, type OverrideRow } from '../overrides/override-repo';
import type { OperationContext } from './operation-context';

/** Publishes the request's new state to the change log: its requester and the overseers see it. */
export async function publishRequest(context: OperationContext, requestId: string): Promise<{ row: OverrideRow; position: PendingPosition }> {
  const row = (await findOverride(context.tx, requestId))!;
  const view = hubOverrideView(row, context.settings);
  const position = context.logs.change({
    entity: 'override_request',
    entityId: row.id,
    audience: { kind: 'owner', ownerId: row.requestedById },
    data: view,
  });
  return { row, position };
}

/** Credits are seen by everyone: an agent must see that an account was paid, whoever filed it. */
export async function publishCredit(context: OperationContext, creditId: string): Promise<PendingPosition> {
  return context.logs.change({ entity: 'credit', entityId: creditId, audience: { kind: 'all' }, data: await readCreditChange(context.tx, creditId) });
}

/**
 * Expires the pending requests in `scope` whose time is up, each with its audit event (by
 * nobody: time did it) and change. Runs before the operation's own savepoint, so a refusal
 * that follows does not undo what time did.
 */
export async function expireOverdue(context: OperationContext, scope: Parameters<typeof listOverdue>[1]): Promise<void> {
  const cutoff = overdueFiledCutoff(context.now, context.settings.expiryDays);
  for (const row of await listOverdue(context.tx, scope, cutoff)) {
    const status = nextOverrideStatus(row.status, 'expire');
    if (!status) continue;
    const changed = await decideOverride(context.tx, { id: row.id, version: row.version, status, decidedBy: null, note: null, decidedAt: context.now, creditId: null });
    if (!changed) continue;
    context.logs.audit({
      at: context.now,
      operatorId: null,
      desktopId: null,
      action: 'override.expired',
      target: `override_request:${row.id}`,
      before: { status: row.status, version: row.version },
      after: { status, version: row.version + 1, expiryDays: context.settings.expiryDays },
    });
    await publishRequest(context, row.id);
  }
}
