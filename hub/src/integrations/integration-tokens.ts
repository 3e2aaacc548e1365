import type pg from 'pg';
import type {
  CreateIntegrationTokenRequest,
  CreateIntegrationTokenResponse,
  IntegrationTokenView,
  RevokeIntegrationTokenRequest,
} from '@shared/hub/screen-pop';
import { appendAudit } from '../audit/audit-repo';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { newSecret, secretHash } from '../common/secrets';
import { inTransaction } from '../db/transaction';
import { findIntegrationToken, insertIntegrationToken, listIntegrationTokens, revokeIntegrationToken } from './integration-token-repo';

/** An admin makes a token for one integration (the phone system); the hub keeps only its hash. */
export async function createIntegrationToken(
  pool: pg.Pool,
  caller: Caller,
  request: CreateIntegrationTokenRequest,
  now: Date,
): Promise<CreateIntegrationTokenResponse> {
  const token = newSecret('ocdi_');
  const integration = await inTransaction(pool, async (tx) => {
    const id = await insertIntegrationToken(tx, { label: request.label, tokenHash: secretHash(token), createdBy: caller.operator.operatorId, createdAt: now });
    await appendAudit(tx, {
      at: now,
      operatorId: caller.operator.operatorId,
      desktopId: caller.desktopId,
      action: 'integration_token.created',
      target: `integration_token:${id}`,
      before: null,
      after: { label: request.label },
    });
    return (await findIntegrationToken(tx, id))!;
  });
  return { token, integration };
}

export function listTokens(pool: pg.Pool): Promise<IntegrationTokenView[]> {
  return listIntegrationTokens(pool);
}

/** Revoking takes effect on the next screen-pop: each one checks the token's row. Revoking twice changes nothing more. */
export async function revokeToken(pool: pg.Pool, caller: Caller, request: RevokeIntegrationTokenRequest, now: Date): Promise<IntegrationTokenView> {
  return inTransaction(pool, async (tx) => {
    const before = await findIntegrationToken(tx, request.id, true);
    if (!before) throw new HubFailure('NOT_FOUND');
    if (before.revokedAt) return before;
    await revokeIntegrationToken(tx, request.id, caller.operator.operatorId, now);
    const after = (await findIntegrationToken(tx, request.id))!;
    await appendAudit(tx, {
      at: now,
      operatorId: caller.operator.operatorId,
      desktopId: caller.desktopId,
      action: 'integration_token.revoked',
      target: `integration_token:${request.id}`,
      before: { label: before.label, revokedAt: null },
      after: { label: after.label, revokedAt: after.revokedAt },
    });
    return after;
  });
}
