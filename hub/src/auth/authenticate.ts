import type pg from 'pg';
import { SessionToken } from '@shared/hub/auth';
import { HubFailure } from '../common/hub-failure';
import { secretHash } from '../common/secrets';
import type { Caller } from './caller';
import { findSession } from './session-repo';

/**
 * The caller behind an `Authorization` header. No or malformed token, an unknown or ended
 * session, an inactive operator: NOT_SIGNED_IN; past its expiry: TOKEN_EXPIRED; a revoked
 * desktop: DESKTOP_REVOKED.
 */
export async function authenticate(pool: pg.Pool, authorization: string | undefined, now: Date): Promise<Caller> {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const token = match ? SessionToken.safeParse(match[1]) : null;
  if (!token?.success) throw new HubFailure('NOT_SIGNED_IN');
  const tokenHash = secretHash(token.data);
  const session = await findSession(pool, tokenHash);
  if (!session || session.endedAt || !session.operatorActive) throw new HubFailure('NOT_SIGNED_IN');
  if (session.desktopRevokedAt) throw new HubFailure('DESKTOP_REVOKED');
  if (session.expiresAt.getTime() <= now.getTime()) throw new HubFailure('TOKEN_EXPIRED');
  return { operator: session.operator, desktopId: session.desktopId, expiresAt: session.expiresAt, tokenHash, mustChangePassword: session.mustChangePassword };
}
