import type pg from 'pg';
import { SESSION_TOKEN_TTL_MS, type SessionState, type SignInRequest, type SignInResponse } from '@shared/hub/auth';
import { HubFailure } from '../common/hub-failure';
import { newSecret, sameHash, secretHash } from '../common/secrets';
import { readHead } from '../changes/change-log-repo';
import { inTransaction } from '../db/transaction';
import { findDesktop, touchDesktop } from '../desktops/desktop-repo';
import { readOverrideSettings } from '../overrides/settings-repo';
import type { Caller } from './caller';
import { clearFailedSignIns, findOperatorByUsername, recordFailedSignIn } from './operator-repo';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hash';
import { RateLimiter } from './rate-limiter';
import { endSession, insertSession } from './session-repo';

/** Consecutive wrong passwords that lock an operator, and for how long (as on the desktop). */
export const MAX_FAILED_SIGN_INS = 5;
export const OPERATOR_LOCK_MS = 15 * 60 * 1000;

export interface SignInLimits {
  /** Attempts per operator name per minute, and per client address per minute. */
  readonly perOperatorPerMinute: number;
  readonly perAddressPerMinute: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perOperatorPerMinute: 10, perAddressPerMinute: 30 };

export class SignInGuard {
  private readonly perOperator: RateLimiter;
  private readonly perAddress: RateLimiter;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.perOperator = new RateLimiter(limits.perOperatorPerMinute, 60_000);
    this.perAddress = new RateLimiter(limits.perAddressPerMinute, 60_000);
  }

  /** Counts the attempt against both budgets before any password work is done. */
  check(username: string, address: string, now: Date): void {
    const byAddress = this.perAddress.hit(address, now.getTime());
    const byOperator = this.perOperator.hit(username.toLowerCase(), now.getTime());
    const wait = Math.max(byAddress ?? 0, byOperator ?? 0);
    if (wait > 0) throw new HubFailure('RATE_LIMITED', { retryAfterSeconds: wait });
  }
}

async function verifyDesktop(pool: pg.Pool, desktopId: string, desktopSecret: string) {
  const desktop = await findDesktop(pool, desktopId);
  if (!desktop || !sameHash(desktop.secretHash, secretHash(desktopSecret))) throw new HubFailure('DESKTOP_UNKNOWN');
  if (desktop.revokedAt) throw new HubFailure('DESKTOP_REVOKED');
  return desktop;
}

/**
 * An operator signs in on an enrolled desktop. The desktop proves itself with its secret,
 * the operator with a password; the answer's token is bound to both and only its hash is kept.
 */
export async function signIn(pool: pg.Pool, guard: SignInGuard, request: SignInRequest, address: string, now: Date): Promise<SignInResponse> {
  guard.check(request.username, address, now);
  const desktop = await verifyDesktop(pool, request.desktopId, request.desktopSecret);
  const operator = await findOperatorByUsername(pool, request.username);
  if (operator?.lockedUntil && operator.lockedUntil.getTime() > now.getTime()) {
    throw new HubFailure('OPERATOR_LOCKED', { lockedUntil: operator.lockedUntil.toISOString() });
  }
  const matches = await verifyPassword(request.password, operator?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!operator || !operator.active || !matches) {
    if (operator?.active) await recordFailedSignIn(pool, operator.operatorId, MAX_FAILED_SIGN_INS, new Date(now.getTime() + OPERATOR_LOCK_MS));
    throw new HubFailure('BAD_CREDENTIALS');
  }
  const token = newSecret('ocds_');
  const expiresAt = new Date(now.getTime() + SESSION_TOKEN_TTL_MS);
  return inTransaction(pool, async (tx) => {
    await clearFailedSignIns(tx, operator.operatorId);
    await insertSession(tx, { tokenHash: secretHash(token), operatorId: operator.operatorId, desktopId: desktop.desktopId, createdAt: now, expiresAt });
    await touchDesktop(tx, desktop.desktopId, now);
    const { passwordHash: _hash, active: _active, failedSignIns: _failed, lockedUntil: _locked, ...identity } = operator;
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      operator: identity,
      overrideSettings: await readOverrideSettings(tx),
      lastAppliedSeq: desktop.lastAppliedSeq,
      head: await readHead(tx),
    };
  });
}

export async function sessionState(pool: pg.Pool, caller: Caller): Promise<SessionState> {
  return inTransaction(
    pool,
    async (tx) => {
      const desktop = await findDesktop(tx, caller.desktopId);
      return {
        desktopId: caller.desktopId,
        operator: caller.operator,
        expiresAt: caller.expiresAt.toISOString(),
        lastAppliedSeq: desktop?.lastAppliedSeq ?? 0,
        head: await readHead(tx),
      };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

export async function signOut(pool: pg.Pool, caller: Caller, now: Date): Promise<Record<string, never>> {
  await endSession(pool, caller.tokenHash, now);
  return {};
}
