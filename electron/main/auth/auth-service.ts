import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionInfo } from '@shared/ipc/auth-channels';
import { err, ok, type Err, type Result } from '@shared/ipc/result';
import type { AuditJson } from '../audit/audit-event';
import { appendAudit } from '../audit/audit-log';
import type { SessionGate } from './session-gate';
import type { Actor, InterfaceLocale } from '@shared/domain/operator';
import { MAX_FAILED_SIGN_INS, OPERATOR_LOCK_MS, SESSION_IDLE_LOCK_MS } from './auth-policy';
import { readSessionFacts, updateOperatorPassword } from './operator-admin-repo';
import { checkNewPassword } from '@shared/auth/password-policy';
import { commonPasswords } from './common-passwords';
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
  adoptVerifiedSession(operatorId: number, via: string, now?: Date, mustChangePassword?: boolean): SessionInfo | null;
  /**
   * The signed-in operator changed their own password where it is kept (the hub): the forced
   * change, if any, is over. Null when `operatorId` is not the one signed in.
   */
  ownPasswordChangedElsewhere(operatorId: number, now?: Date): SessionInfo | null;
  /** The signed-in operator, or null when nobody is signed in or the session is idle-locked. */
  sessionInfo(now?: Date): SessionInfo | null;
  /**
   * Sets the signed-in operator's own interface language on their row (audited) and in the
   * running session. Null when `operatorId` is not the one signed in (or the row is gone).
   */
  setOwnLocale(operatorId: number, locale: InterfaceLocale, now?: Date): SessionInfo | null;
  /**
   * The signed-in operator replaces their own password (checked against the current one and the
   * password policy); this also ends a forced change. Answers the session as it is afterwards.
   */
  changeOwnPassword(operatorId: number, currentPassword: string, newPassword: string, now?: Date): Promise<Result<SessionInfo>>;
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
  /** The operator row's session epoch at sign-in: an admin change moves it and ends this session. */
  readonly sessionEpoch: number;
  /** Signed in with a temporary password: nothing but choosing a new one is allowed. */
  mustChangePassword: boolean;
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

  /**
   * Ends the session when an admin deactivated its operator, reset their password or changed
   * their role since it started (read on every call: one primary-key lookup). True when ended.
   */
  function endedByAdmin(current: Session): boolean {
    const facts = readSessionFacts(db, current.actor.operatorId);
    const over = !facts || !facts.active || facts.sessionEpoch !== current.sessionEpoch || facts.role !== current.actor.role;
    if (over && session === current) session = null;
    return over;
  }

  function live(now: Date): Session | null {
    if (!session || endedByAdmin(session)) return null;
    return isIdle(session, now) ? null : session;
  }

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
      mustChangePassword: current.mustChangePassword,
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
    // A deactivated operator is told no more than a wrong password would tell them.
    if (!operator.active) return failed(operator.id, username, err('BAD_CREDENTIALS'), now);
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
      if (!fresh || !fresh.active) return err('BAD_CREDENTIALS');
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
      sessionEpoch: fresh.sessionEpoch,
      mustChangePassword: fresh.mustChangePassword,
    };
    return ok(toInfo(session));
  }

  function adoptVerifiedSession(operatorId: number, via: string, now: Date = clock(), mustChangePassword = false): SessionInfo | null {
    const operator = findOperatorById(db, operatorId);
    if (!operator || !operator.active) return null;
    audit('auth.signed_in', operator.id, operator.username, { role: operator.role, via }, now);
    session = {
      actor: { operatorId: operator.id, username: operator.username, role: operator.role },
      displayName: operator.displayName,
      locale: operator.locale,
      timeZone: operator.timeZone,
      lastActivityMs: now.getTime(),
      lastActivityMonotonicMs: monotonic(),
      locked: false,
      sessionEpoch: operator.sessionEpoch,
      // The hub holds the credential and its rules; it says when the password is a temporary one.
      mustChangePassword,
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

  async function changeOwnPassword(operatorId: number, currentPassword: string, newPassword: string, now: Date = clock()): Promise<Result<SessionInfo>> {
    const current = live(now);
    if (!current || current.actor.operatorId !== operatorId) return err('NOT_SIGNED_IN');
    const operator = findOperatorById(db, operatorId);
    if (!operator) return err('NOT_SIGNED_IN');
    const username = operator.username;
    if (!(await verifyPassword(currentPassword, operator.passwordHash))) {
      // Counted like a failed sign-in, so this form is no way round the lock-out.
      const after = recordFailedSignIn(db, operator.id, MAX_FAILED_SIGN_INS, new Date(now.getTime() + OPERATOR_LOCK_MS).toISOString());
      audit('operator.password_change_failed', operatorId, username, { code: 'BAD_CREDENTIALS' }, now);
      if (after.lockedUntil !== null && Date.parse(after.lockedUntil) > now.getTime()) {
        audit('auth.locked', operatorId, username, { lockedUntil: after.lockedUntil }, now);
        session = null;
        return lockedError(after.lockedUntil);
      }
      return err('BAD_CREDENTIALS');
    }
    const problem = checkNewPassword(newPassword, username, commonPasswords());
    if (problem) return err('INVALID_INPUT', { issues: [{ path: 'newPassword', message: problem }], details: { reason: problem } });
    if (await verifyPassword(newPassword, operator.passwordHash)) {
      return err('INVALID_INPUT', { issues: [{ path: 'newPassword', message: 'same_as_current' }], details: { reason: 'same_as_current' } });
    }
    // Hashed before the transaction: scrypt is slow and must not hold the write lock.
    const hash = await hashPassword(newPassword, passwordCost);
    const changed = db.transaction((): boolean => {
      const fresh = findOperatorById(db, operatorId);
      // An admin's reset or deactivation in between wins.
      if (!fresh || !fresh.active || fresh.passwordHash !== operator.passwordHash) return false;
      updateOperatorPassword(db, operatorId, hash, false);
      appendAudit(db, {
        operatorId,
        action: 'operator.password_changed',
        target: `operator:${username}`,
        before: { mustChangePassword: fresh.mustChangePassword },
        after: { mustChangePassword: false },
        at: now,
      });
      return true;
    }).immediate();
    if (!changed) return err('CONFLICT');
    current.mustChangePassword = false;
    return ok(toInfo(current));
  }

  function ownPasswordChangedElsewhere(operatorId: number, now: Date = clock()): SessionInfo | null {
    const current = live(now);
    if (!current || current.actor.operatorId !== operatorId) return null;
    current.mustChangePassword = false;
    return toInfo(current);
  }

  return {
    signIn,
    adoptVerifiedSession,
    ownPasswordChangedElsewhere,
    setOwnLocale,
    changeOwnPassword,
    signOut() {
      session = null;
    },
    sessionInfo(now = clock()) {
      const current = live(now);
      return current ? toInfo(current) : null;
    },
    authorize(now) {
      if (!session || endedByAdmin(session)) return { ok: false, code: 'NOT_SIGNED_IN' };
      if (isIdle(session, now)) return { ok: false, code: 'SESSION_LOCKED' };
      session.lastActivityMs = Math.max(session.lastActivityMs, now.getTime());
      session.lastActivityMonotonicMs = monotonic();
      return { ok: true, actor: session.actor, mustChangePassword: session.mustChangePassword };
    },
    current(now) {
      return live(now)?.actor ?? null;
    },
  };
}
