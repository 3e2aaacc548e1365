import type pg from 'pg';
import { SESSION_TOKEN_TTL_MS, type SessionState, type SignInRequest, type SignInResponse } from '@shared/hub/auth';
import { HubFailure } from '../common/hub-failure';
import { newSecret, sameHash, secretHash } from '../common/secrets';
import { readHead } from '../changes/change-log-repo';
import { inTransaction } from '../db/transaction';
import { findDesktop, touchDesktop } from '../desktops/desktop-repo';
import { readOverrideSettings, readSiteTimeZone } from '../overrides/settings-repo';
import { readPatternThresholds } from '../overrides/site-settings';
import type { Caller } from './caller';
import { CURRENT_SCRYPT_PARAMS, type ScryptParams } from '@shared/auth/password-hash-format';
import { appendAudit, readAuditMarks } from '../audit/audit-repo';
import { clearFailedSignIns, findOperatorByUsername, recordFailedSignIn, replacePasswordHash } from './operator-repo';
import { decoyPasswordHash, strongerPasswordHash, verifyPassword } from './password-hash';
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

interface UnknownFailures {
  count: number;
  lockedUntil: Date | null;
}

/** Unknown names tracked for their lockout at most; the oldest is forgotten first. */
const MAX_TRACKED_UNKNOWN = 10_000;

/**
 * The sign-in state of one hub process: the rate limits, the scrypt cost new hashes get (and
 * weaker stored ones are raised to at the next successful sign-in), and the failures of names
 * that are no active operator, counted and locked exactly as a real operator's are, so that
 * neither the answer nor its timing tells whether an operator by that name exists.
 */
export class SignInGuard {
  private readonly perOperator: RateLimiter;
  private readonly perAddress: RateLimiter;
  private readonly unknown = new Map<string, UnknownFailures>();
  readonly decoyHash: string;

  constructor(
    limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    readonly passwordCost: ScryptParams = CURRENT_SCRYPT_PARAMS,
  ) {
    this.perOperator = new RateLimiter(limits.perOperatorPerMinute, 60_000);
    this.perAddress = new RateLimiter(limits.perAddressPerMinute, 60_000);
    this.decoyHash = decoyPasswordHash(passwordCost);
  }

  /** Counts the attempt against both budgets before any password work is done. */
  check(username: string, address: string, now: Date): void {
    const byAddress = this.perAddress.hit(address, now.getTime());
    const byOperator = this.perOperator.hit(username.toLowerCase(), now.getTime());
    const wait = Math.max(byAddress ?? 0, byOperator ?? 0);
    if (wait > 0) throw new HubFailure('RATE_LIMITED', { retryAfterSeconds: wait });
  }

  /** The answer for a name that is no active operator, after the decoy hash: as a real operator's would be. */
  failUnknown(username: string, now: Date): HubFailure {
    const key = username.normalize('NFC').toLowerCase();
    const entry = this.unknown.get(key) ?? { count: 0, lockedUntil: null };
    this.unknown.delete(key);
    if (entry.lockedUntil && entry.lockedUntil.getTime() > now.getTime()) {
      this.unknown.set(key, entry);
      return new HubFailure('OPERATOR_LOCKED', { lockedUntil: entry.lockedUntil.toISOString() });
    }
    // As recordFailedSignIn: the failure that reaches the limit locks and starts the count again.
    const count = entry.count + 1;
    const locks = count >= MAX_FAILED_SIGN_INS;
    this.unknown.set(key, { count: locks ? 0 : count, lockedUntil: locks ? new Date(now.getTime() + OPERATOR_LOCK_MS) : entry.lockedUntil });
    if (this.unknown.size > MAX_TRACKED_UNKNOWN) this.unknown.delete(this.unknown.keys().next().value!);
    return new HubFailure('BAD_CREDENTIALS');
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
  const found = await findOperatorByUsername(pool, request.username);
  const operator = found?.active ? found : null;
  // Every answer, a lock included, comes after one full hash at the current cost: a locked
  // operator, a wrong password and an unknown name cost the same time.
  const matches = await verifyPassword(request.password, operator?.passwordHash ?? guard.decoyHash);
  if (!operator) throw guard.failUnknown(request.username, now);
  if (operator.lockedUntil && operator.lockedUntil.getTime() > now.getTime()) {
    throw new HubFailure('OPERATOR_LOCKED', { lockedUntil: operator.lockedUntil.toISOString() });
  }
  if (!matches) {
    await recordFailedSignIn(pool, operator.operatorId, MAX_FAILED_SIGN_INS, new Date(now.getTime() + OPERATOR_LOCK_MS));
    throw new HubFailure('BAD_CREDENTIALS');
  }
  // Hashed before the transaction: scrypt is slow and must hold no row lock.
  const rehash = await strongerPasswordHash(request.password, operator.passwordHash, guard.passwordCost);
  const token = newSecret('ocds_');
  const expiresAt = new Date(now.getTime() + SESSION_TOKEN_TTL_MS);
  return inTransaction(pool, async (tx) => {
    await clearFailedSignIns(tx, operator.operatorId);
    if (rehash && (await replacePasswordHash(tx, operator.operatorId, operator.passwordHash, rehash.hash))) {
      await appendAudit(tx, {
        at: now,
        operatorId: operator.operatorId,
        desktopId: desktop.desktopId,
        action: 'auth.password_rehashed',
        target: `operator:${operator.username}`,
        before: { ...rehash.from },
        after: { ...guard.passwordCost },
      });
    }
    await insertSession(tx, { tokenHash: secretHash(token), operatorId: operator.operatorId, desktopId: desktop.desktopId, createdAt: now, expiresAt });
    await touchDesktop(tx, desktop.desktopId, now);
    const { passwordHash: _hash, active: _active, failedSignIns: _failed, lockedUntil: _locked, mustChangePassword, ...identity } = operator;
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      operator: identity,
      mustChangePassword,
      overrideSettings: await readOverrideSettings(tx),
      siteTimeZone: await readSiteTimeZone(tx),
      patternThresholds: await readPatternThresholds(tx),
      lastAppliedSeq: desktop.lastAppliedSeq,
      head: await readHead(tx),
      audit: await readAuditMarks(tx, request.knownAuditSeq),
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
