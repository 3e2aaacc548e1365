import type pg from 'pg';
import type { z } from 'zod';
import { IntegrationToken, type HubScreenPop, type ScreenPopRequest, type ScreenPopResponse } from '@shared/hub/screen-pop';
import { HubFailure } from '../common/hub-failure';
import { secretHash } from '../common/secrets';
import { findIntegrationTokenByHash, touchIntegrationToken } from '../integrations/integration-token-repo';
import type { ScreenPopRelay } from './screen-pop-relay';

export interface Integration {
  readonly tokenId: number;
  readonly label: string;
}

/** The integration behind an `Authorization: Bearer ocdi_...` header; a missing, unknown or revoked token is refused with its code. */
export async function authenticateIntegration(pool: pg.Pool, authorization: string | undefined): Promise<Integration> {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const token = match ? IntegrationToken.safeParse(match[1]) : null;
  if (!token?.success) throw new HubFailure('INTEGRATION_TOKEN_INVALID');
  const found = await findIntegrationTokenByHash(pool, secretHash(token.data));
  if (!found) throw new HubFailure('INTEGRATION_TOKEN_INVALID');
  if (found.revoked) throw new HubFailure('INTEGRATION_TOKEN_REVOKED');
  return { tokenId: found.id, label: found.label };
}

/**
 * Looks the agent up and pushes the pop to their connected desktops. Only a lookup: no
 * account, credit or audit row is read or written (the token's last-used time is the one
 * thing that moves, and only once the pop was delivered).
 */
export async function screenPop(
  pool: pg.Pool,
  relay: ScreenPopRelay,
  integration: Integration,
  request: z.output<typeof ScreenPopRequest>,
  now: Date,
): Promise<ScreenPopResponse> {
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM operators WHERE username = $1 AND active', [request.agent]);
  const agent = rows[0];
  if (!agent) throw new HubFailure('AGENT_UNKNOWN');
  const pop: HubScreenPop = { callerNumber: request.callerNumber, accountNumber: request.accountNumber ?? null, callId: request.callId ?? null };
  const delivered = await relay.publish(agent.id, pop);
  if (delivered === 0) throw new HubFailure('AGENT_NOT_CONNECTED');
  await touchIntegrationToken(pool, integration.tokenId, now);
  return { delivered };
}
