import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionInfo } from '@shared/ipc/auth-channels';
import { err, ok, type Err, type Result } from '@shared/ipc/result';
import type { AuditJson } from '../audit/audit-event';
import { appendAudit } from '../audit/audit-log';
import type { SessionGate } from './session-gate';
import type { Actor, InterfaceLocale } from '@shared/domain/operator';
import { MAX_FAILED_SIGN_INS, OPERATOR_LOCK_MS, SESSION_IDLE_LOCK_MS } from './auth-policy';
import {
  findOperatorById,
  findOperatorByUsername,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  replacePasswordHash,
  updateOperatorLocale,
  type OperatorRecord,
} from './operator-repo';
import { CURRENT_SCRYPT_PARAMS, isWeakerScrypt } from '@shared/auth/password-hash-format';
import { hashPassword, parsePasswordHash, verifyPassword, type ScryptParams } from './password-hash';

export interface AuthService extends SessionGate {
  signIn(username: string, password: string, now?: Date): Promise<Result<SessionInfo>>;
  signOut(): void;
  /**
   * Starts a session for a local operator whose password another authority checked (the hub,
   * on a desktop that syncs with one). Null when there is no such operator.
   */
  adoptVerifiedSession(operatorId: number, via: string, now?: Date): SessionInfo | null;
  /** The signed-in operator, or null when nobody is signed in or the session is idle-locked. */
  sessionInfo(now?: Date): SessionInfo | null;
  /**
   * Sets the signed-in operator's own interface language on their row (audited) and in the
   * running session. Null when `operatorId` is not the one signed in (or the row is gone).
   */
  setOwnLocale(operatorId: number, locale: InterfaceLocale, now?: Date): SessionInfo | null;
}

interface Session {
  readonly actor: Actor;
  readonly displayName: string;
  locale: string;
  readonly timeZone: string;
  lastActivityMs: number;
  /** The same instant on a clock that setting the system time cannot move. */
  lastActivityMonotonicMs: number;
  /** Once idle-locked, locked until the operator signs in again, whatever the clock says later. */
  locked: boolean;
}

export interface AuthServiceOptions {
  readonly clock?: () => Date;
  readonly monotonic?: () => number;
  /**
   * The scrypt cost new hashes get, and below which a stored hash is redone at the next
   * successful sign-in. OWASP's setting by default; tests pass a cheap one here, never
   * another hashing function.
   */
  readonly passwordCost?: ScryptParams;
}

/** Unknown usernames tracked for the decoy lockout; the oldest is forgotten beyond this. */
const MAX_TRACKED_UNKNOWN = 10_000;

interface UnknownFailures {
  count: number;
  lockedUntil: string | null;
}

function isLockedAt(operator: OperatorRecord, now: Date): boolean {
  return operator.lockedUntil !== null && Date.parse(operator.lockedUntil) > now.getTime();
}

function lockedError(lockedUntil: string): Err {
  return err('OPERATOR_LOCKED', { details: { lockedUntil } });
}

/**
 * The only holder of "who is signed in". The renderer never names the operator:
 * every call's actor comes from here.
 */
export function createAuthService(db: Database.Database, options: AuthServiceOptions = {}): AuthService {
  const clock = options.clock ?? (() => new Date());
  const monotonic = options.monotonic ?? (() => performance.now());
  const passwordCost = options.passwordCost ?? CURRENT_SCRYPT_PARAMS;
  let session: Session | null = null;
  // An unknown username fails and locks exactly as a real one would, so neither the answer
  // nor its timing tells whether an operator by that name exists.
  const unknownFailures = new Map<string, UnknownFailures>();
  // Verified against when the username is unknown, so that a miss costs the same scrypt
  // time as a wrong password and response times do not reveal which usernames exist.
  const decoyHash = hashPassword(randomBytes(16).toString('hex'), passwordCost);

  function isIdle(current: Session, now: Date): boolean {
    if (current.locked) return true;
    const idle =
      now.getTime() - current.lastActivityMs >= SESSION_IDLE_LOCK_MS ||
      monotonic() - current.lastActivityMonotonicMs >= SESSION_IDLE_LOCK_MS;
    if (idle) current.locked = true;
    return idle;
  }

  function audit(action: string, operatorId: number | null, username: string, after: AuditJson, now: Date): void {
    db.transaction(() => {
      appendAudit(db, { operatorId, action, target: `operator:${username.slice(0, 64)}`, before: null, after, at: now });
    }).immediate();
  }

  /** Records a failed attempt (and the lockout it caused, if it did) and gives its answer back. */
  function failed(operatorId: number | null, username: string, answer: Err, now: Date, newlyLocked = false): Err {
    audit('auth.sign_in_failed', operatorId, username, { code: answer.error.code }, now);
    if (newlyLocked) audit('auth.locked', operatorId, username, { lockedUntil: answer.error.details?.lockedUntil ?? null }, now);
    return answer;
  }

  function failUnknown(username: string, now: Date): Err {
    const key = username.normalize('NFC').toLowerCase();
    const entry = unknownFailures.get(key) ?? { count: 0, lockedUntil: null };
    unknownFailures.delete(key);
    if (entry.lockedUntil !== null && Date.parse(entry.lockedUntil) > now.getTime()) {
      unknownFailures.set(key, entry);
      return lockedError(entry.lockedUntil);
    }
    const count = entry.lockedUntil !== null ? 1 : entry.count + 1;
    const lockedUntil = count >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + OPERATOR_LOCK_MS).toISOString() : null;
    unknownFailures.set(key, { count: lockedUntil ? 0 : count, lockedUntil });
    if (unknownFailures.size > MAX_TRACKED_UNKNOWN) unknownFailures.delete(unknownFailures.keys().next().value!);
    return lockedUntil ? lockedError(lockedUntil) : err('BAD_CREDENTIALS');
  }

  /** A new hash at the current cost when the stored one is weaker; null when it is good enough. */
  async function strongerHash(password: string, stored: string): Promise<{ hash: string; from: ScryptParams } | null> {
    const parsed = parsePasswordHash(stored);
    if (!parsed || !isWeakerScrypt(parsed.params, passwordCost)) return null;
    return { hash: await hashPassword(password, passwordCost), from: parsed.params };
  }

  function toInfo(current: Session): SessionInfo {
    return {
      operatorId: current.actor.operatorId,
      username: current.actor.username,
      displayName: current.displayName,
      role: current.actor.role,
      locale: current.locale,
      timeZone: current.timeZone,
      idleLockAt: new Date(current.lastActivityMs + SESSION_IDLE_LOCK_MS).toISOString(),
    };
  }

  async function signIn(username: string, password: string, now: Date = clock()): Promise<Result<SessionInfo>> {
    const operator = findOperatorByUsername(db, username);
    if (!operator) {
      await verifyPassword(password, await decoyHash);
      return failed(null, username, failUnknown(username, now), now);
    }
    // A locked operator's attempt costs the same full hash as any other before it is answered.
    const matches = await verifyPassword(password, operator.passwordHash);
    if (isLockedAt(operator, now)) return failed(operator.id, username, lockedError(operator.lockedUntil as string), now);
    if (!matches) {
      const lockUntil = new Date(now.getTime() + OPERATOR_LOCK_MS).toISOString();
      const after = recordFailedSignIn(db, operator.id, MAX_FAILED_SIGN_INS, lockUntil);
      if (after.lockedUntil !== null && Date.parse(after.lockedUntil) > now.getTime()) {
        return failed(operator.id, username, lockedError(after.lockedUntil), now, true);
      }
      return failed(operator.id, username, err('BAD_CREDENTIALS'), now);
    }

    // Hashed before the transaction: scrypt is slow and must not hold the write lock.
    const rehash = await strongerHash(password, operator.passwordHash);
    // Re-read inside the transaction: a racing attempt may have locked the operator while scrypt ran.
    const signedIn = db.transaction((): OperatorRecord | Err => {
      const fresh = findOperatorById(db, operator.id);
      if (!fresh) return err('BAD_CREDENTIALS');
      if (isLockedAt(fresh, now)) return lockedError(fresh.lockedUntil as string);
      recordSuccessfulSignIn(db, fresh.id);
      appendAudit(db, { operatorId: fresh.id, action: 'auth.signed_in', target: `operator:${fresh.username}`, before: null, after: { role: fresh.role }, at: now });
      if (rehash && replacePasswordHash(db, fresh.id, operator.passwordHash, rehash.hash)) {
        appendAudit(db, {
          operatorId: fresh.id,
          action: 'auth.password_rehashed',
          target: `operator:${fresh.username}`,
          before: { ...rehash.from },
          after: { ...passwordCost },
          at: now,
        });
      }
      return fresh;
    }).immediate();
    if ('ok' in signedIn) return signedIn.error.code === 'OPERATOR_LOCKED' ? failed(operator.id, username, signedIn, now) : signedIn;
    const fresh = signedIn;
    session = {
      actor: { operatorId: fresh.id, username: fresh.username, role: fresh.role },
      displayName: fresh.displayName,
      locale: fresh.locale,
      timeZone: fresh.timeZone,
      lastActivityMs: now.getTime(),
      lastActivityMonotonicMs: monotonic(),
      locked: false,
    };
    return ok(toInfo(session));
  }

  function adoptVerifiedSession(operatorId: number, via: string, now: Date = clock()): SessionInfo | null {
    const operator = findOperatorById(db, operatorId);
    if (!operator) return null;
    audit('auth.signed_in', operator.id, operator.username, { role: operator.role, via }, now);
    session = {
      actor: { operatorId: operator.id, username: operator.username, role: operator.role },
      displayName: operator.displayName,
      locale: operator.locale,
      timeZone: operator.timeZone,
      lastActivityMs: now.getTime(),
      lastActivityMonotonicMs: monotonic(),
      locked: false,
    };
    return toInfo(session);
  }

  function setOwnLocale(operatorId: number, locale: InterfaceLocale, now: Date = clock()): SessionInfo | null {
    const current = session;
    if (!current || current.locked || current.actor.operatorId !== operatorId) return null;
    const changed = db.transaction((): boolean => {
      const operator = findOperatorById(db, operatorId);
      if (!operator) return false;
      if (operator.locale === locale) return true;
      updateOperatorLocale(db, operatorId, locale);
      appendAudit(db, {
        operatorId,
        action: 'operator.locale_changed',
        target: `operator:${operator.username}`,
        before: { locale: operator.locale },
        after: { locale },
        at: now,
      });
      return true;
    }).immediate();
    if (!changed) return null;
    current.locale = locale;
    return toInfo(current);
  }

  return {
    signIn,
    adoptVerifiedSession,
    setOwnLocale,
    signOut() {
      session = null;
    },
    sessionInfo(now = clock()) {
      return session && !isIdle(session, now) ? toInfo(session) : null;
    },
    authorize(now) {
      if (!session) return { ok: false, code: 'NOT_SIGNED_IN' };
      if (isIdle(session, now)) return { ok: false, code: 'SESSION_LOCKED' };
      session.lastActivityMs = Math.max(session.lastActivityMs, now.getTime());
      session.lastActivityMonotonicMs = monotonic();
      return { ok: true, actor: session.actor };
    },
    current(now) {
      return session && !isIdle(session, now) ? session.actor : null;
    },
  };
}
