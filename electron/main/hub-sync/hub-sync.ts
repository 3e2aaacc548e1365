import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { HubAuditMark, SignInResponse } from '@shared/hub/auth';
import type { HubScreenPop } from '@shared/hub/screen-pop';
import type { InterfaceLocale } from '@shared/domain/operator';
import type { OverrideOutbox } from '../overrides/override-outbox';
import type { HubCallOptions, HubClient, HubClientError, HubInput, HubOutput } from './hub-client';
import type { HubRouteName } from '@shared/hub/routes';
import type { ScryptParams } from '../auth/password-hash';
import { findLocalOperator, saveHubSettings, upsertLocalOperator } from './cache-repo';
import { savePatternThresholds } from '../overrides/override-patterns';
import { createOfflineVerifiers } from './offline-sign-in';
import { dropAllOfflineVerifiers } from './offline-verifier-repo';
import { clearHubCache } from './hub-cache-reset';
import { narrowCacheFor } from './operator-switch';
import { writeStandaloneArchive } from './standalone-archive';
import { latestArchive, type ArchiveRecord } from './standalone-archive-repo';
import { raiseSeqFloor, readChangeCursor, readHubDesktop, saveHubDesktop } from './hub-state-repo';
import { createHubOutbox } from './outbox';
import { countPendingOutbox } from './outbox-repo';
import { pullChanges, type PullResult } from './pull';
import { pushOutbox, type PushResult } from './push';
import { loadSnapshot, type SnapshotProgress, type SnapshotResult } from './snapshot-load';
import { needsSnapshot } from './snapshot-repo';
import type { SecretSealer } from './secret-sealer';

export interface HubSyncOptions {
  readonly db: Database.Database;
  readonly client: HubClient;
  readonly sealer: SecretSealer;
  readonly clock: () => Date;
  /** The fallback pull when no nudge came; 0 turns the timer off (tests drive sync by hand). */
  readonly pullIntervalMs?: number;
  /** Wait before opening the change stream again after it ended. */
  readonly reconnectMs?: number;
  /** Listen to the hub's nudges (on by default). */
  readonly stream?: boolean;
  /** The phone system's screen-pops the hub pushes on the stream for the signed-in operator. */
  readonly onScreenPop?: (pop: HubScreenPop, username: string) => void;
  readonly onError?: (error: HubClientError) => void;
  /** Called after the cache changed (a pulled page, an applied answer) or the link went up or down. */
  readonly onCacheChanged?: () => void;
  /**
   * Where a standalone desktop's own history (override requests, audit chain) is archived when
   * it first joins a hub; without it nothing is archived (tests of sync alone).
   */
  readonly archiveDir?: string;
  /** scrypt cost of the offline verifiers (OWASP's by default; tests pass a cheap one). */
  readonly passwordCost?: ScryptParams;
  /**
   * The hub refused the operator signed in offline once it could be asked again (password
   * changed, deactivated, locked): main ends their local session.
   */
  readonly onOfflineOperatorRefused?: (username: string) => void;
  /**
   * The hub ended the signed-in operator's session (an admin deactivated them, changed their
   * role or reset their password): main ends their local session too.
   */
  readonly onHubSessionEnded?: (username: string) => void;
  /** Witnesses the hub's audit chain across sign-ins (the audit anchor keeps its head outside the database). */
  readonly auditWitness?: HubAuditWitness;
  /** Told when a snapshot of the hub's carrier data has loaded (the benchmark's figures). */
  readonly onSnapshotLoaded?: (result: SnapshotResult) => void;
}

/** Remembers the hub's audit head and, at each sign-in there, checks the hub still holds it. */
export interface HubAuditWitness {
  known(): HubAuditMark | null;
  observe(audit: { head: HubAuditMark | null; known: HubAuditMark | null }): void;
}

export type HubCall<T> = { ok: true; value: T } | { ok: false; error: HubClientError };

export interface HubSignedIn {
  readonly localOperatorId: number;
  /** Null when the hub could not be reached and the cached verifier signed the operator in. */
  readonly response: SignInResponse | null;
}

export interface SyncRound {
  readonly push: PushResult | null;
  readonly pull: PullResult | null;
}

export interface HubSyncState {
  readonly enrolled: boolean;
  readonly desktopName: string | null;
  readonly online: boolean;
  readonly signedIn: boolean;
  /** Signed in against the cached verifier while the hub cannot be reached. */
  readonly signedInOffline: boolean;
  readonly pendingOperations: number;
  /** The file this desktop's standalone history went to when it joined, if it did. */
  readonly archive: ArchiveRecord | null;
  /** The load of the hub's carrier data into this new desktop's cache, while one runs (and its end). */
  readonly snapshot: SnapshotProgress | null;
}

export interface HubSync {
  /** Records every override operation in the outbox, in its use case's transaction. */
  readonly outbox: OverrideOutbox;
  /**
   * Joins the hub. The first time, what the desktop holds of its own (override requests, the
   * audit chain) is written to an archive file first, and the requests leave the cache once
   * the hub has answered: from then on requests are the hub's.
   */
  enrol(code: string, name: string, actorId?: number | null): Promise<HubCall<{ desktopId: string; desktopName: string }>>;
  /**
   * Signs the operator in at the hub; the token stays here, in main, and only in memory. When
   * the hub cannot be reached, an operator who signed in here through it within 12 hours is
   * signed in against the cached verifier, offline, and signed in at the hub once it answers.
   */
  signIn(username: string, password: string): Promise<HubCall<HubSignedIn>>;
  signOut(): void;
  /**
   * Keeps the signed-in operator's interface language at the hub (operators are the hub's).
   * Without a hub session (offline, or signed out there) it is HUB_UNREACHABLE, and nothing is sent.
   */
  setOwnLocale(locale: InterfaceLocale): Promise<HubCall<{ locale: InterfaceLocale }>>;
  /**
   * One route of the hub called as the signed-in operator (the hub checks the role): for
   * site-wide work that is not an operation, such as the billing export. Without a hub session
   * it is HUB_UNREACHABLE, and nothing is sent.
   */
  callAsOperator<N extends HubRouteName>(name: N, input: HubInput<N>, options?: HubCallOptions): Promise<HubCall<HubOutput<N>>>;
  /**
   * The signed-in operator's own password, changed at the hub (which checks the current one
   * and the policy); the offline verifier here then holds the new one. Without a hub session
   * it is HUB_UNREACHABLE, and nothing is sent.
   */
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<HubCall<{ mustChangePassword: false }>>;
  /** A file's bytes streamed to a hub upload route as the signed-in operator (the feed import); HUB_UNREACHABLE without a hub session. */
  uploadAsOperator<T>(path: string, filePath: string, bytes: number, output: z.ZodType<T>): Promise<HubCall<T>>;
  /** One push of the outbox then one pull of the log; rounds run one at a time. */
  syncNow(): Promise<SyncRound>;
  state(): HubSyncState;
  close(): void;
}

interface HubSession {
  readonly token: string;
  readonly username: string;
}

/** Held only while an operator works offline, to sign them in at the hub when it answers; never stored. */
interface OfflineSession {
  readonly username: string;
  readonly password: string;
}

const NO_ROUND: SyncRound = { push: null, pull: null };

/** Codes a route answers with about its input or the site's state: the hub was reached and the session holds. */
const ROUTE_ANSWERS: ReadonlySet<string> = new Set(['NOTHING_TO_EXPORT', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT', 'FORBIDDEN_ROLE']);

/** Whether two hub URLs name the same hub (the stored one is the client's origin at enrolment). */
function sameHub(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

/** The desktop side of hub sync: enrolment, sign-in at the hub, the outbox pusher and the change puller. */
export function createHubSync(options: HubSyncOptions): HubSync {
  const { db, client, sealer, clock } = options;
  let session: HubSession | null = null;
  let offline: OfflineSession | null = null;
  let offlineRetry: NodeJS.Timeout | null = null;
  const verifiers = createOfflineVerifiers(db, sealer, options.passwordCost);
  let online = false;
  let stream: { close(): void } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reconnect: NodeJS.Timeout | null = null;
  let running: Promise<SyncRound> = Promise.resolve(NO_ROUND);
  let queued: Promise<SyncRound> | null = null;
  let closed = false;
  const changed = options.onCacheChanged ?? (() => undefined);
  let snapshot: SnapshotProgress | null = null;
  let lastProgressAt = 0;

  /** A new desktop's cache takes the hub's carrier snapshot before it follows the log (snapshot-load.ts). */
  async function takeSnapshotIfNeeded(current: HubSession): Promise<HubClientError | null> {
    if (!needsSnapshot(db)) return null;
    const result = await loadSnapshot(db, client, current.token, clock, (progress) => {
      snapshot = { ...progress, tables: progress.tables.map((t) => ({ ...t })) };
      // The screen hears of progress a few times a second at most; the steps that matter always.
      const at = Date.now();
      if (at - lastProgressAt >= 250 || progress.state !== 'loading' || progress.searchReady) {
        lastProgressAt = at;
        changed();
      }
    });
    if (!result.ok) return result.error;
    options.onSnapshotLoaded?.(result.value);
    return null;
  }

  function setOnline(value: boolean): void {
    if (online === value) return;
    online = value;
    changed();
  }

  function noteError(error: HubClientError): void {
    if (error.code === 'HUB_UNREACHABLE') setOnline(false);
    // The hub ended the session (expired, revoked, deactivated): stop using the token. An
    // operator the hub no longer knows as signed in loses the offline verifier too.
    const ended = error.code === 'NOT_SIGNED_IN' ? session : null;
    if (ended) verifiers.forget(ended.username);
    if (['TOKEN_EXPIRED', 'NOT_SIGNED_IN', 'DESKTOP_REVOKED'].includes(error.code)) stopSession();
    if (ended) options.onHubSessionEnded?.(ended.username);
    options.onError?.(error);
  }

  async function round(): Promise<SyncRound> {
    const current = session;
    if (!current || closed) return NO_ROUND;
    // Changes refer to accounts and outages: none is applied before the carrier data is in.
    const snapshotError = await takeSnapshotIfNeeded(current);
    if (snapshotError) {
      noteError(snapshotError);
      return NO_ROUND;
    }
    const push = await pushOutbox(db, client, current.token, current.username, clock);
    if (!push.ok) {
      noteError(push.error);
      if (push.error.code === 'HUB_UNREACHABLE') return { push, pull: null };
    }
    if (push.ok && push.report.accepted + push.report.refused > 0) changed();
    const pull = await pullChanges(db, client, current.token, current.username, clock, changed);
    if (!pull.ok) noteError(pull.error);
    else setOnline(true);
    return { push, pull };
  }

  function syncNow(): Promise<SyncRound> {
    // A round already waiting to start will see whatever this call wanted to sync.
    if (queued) return queued;
    const next = running.then(() => {
      queued = null;
      return round();
    });
    queued = next;
    running = next.catch(() => NO_ROUND);
    return next;
  }

  function openStream(): void {
    const current = session;
    if (!current || closed || options.stream === false) return;
    stream = client.openChangeStream(
      current.token,
      (head) => {
        setOnline(true);
        if (head > readChangeCursor(db, current.username)) void syncNow();
      },
      (error) => {
        stream = null;
        if (error) noteError(error);
        if (session === current && !closed) {
          reconnect = setTimeout(openStream, options.reconnectMs ?? 2_000);
          reconnect.unref?.();
        }
      },
      (pop) => {
        // Only while this session is the one signed in: a pop for whoever signed out is dropped.
        if (session === current && !closed) options.onScreenPop?.(pop, current.username);
      },
    );
  }

  function stopSession(): void {
    session = null;
    setOnline(false);
    stream?.close();
    stream = null;
    if (timer) clearInterval(timer);
    if (reconnect) clearTimeout(reconnect);
    timer = reconnect = null;
  }

  function endOffline(): void {
    offline = null;
    if (offlineRetry) clearInterval(offlineRetry);
    offlineRetry = null;
  }

  /** The hub's answer to a sign-in, applied: the local stand-in, the seq floor, the limits, the session. */
  function establish(response: SignInResponse): number {
    if (response.audit) options.auditWitness?.observe(response.audit);
    const now = clock().toISOString();
    const localOperatorId = db
      .transaction(() => {
        const id = upsertLocalOperator(db, { ...response.operator }, now);
        // After a restored backup, continue above what the hub has applied: a seq is never reused.
        raiseSeqFloor(db, response.lastAppliedSeq);
        saveHubSettings(db, { ...response.overrideSettings, ...(response.siteTimeZone ? { siteTimeZone: response.siteTimeZone } : {}) }, now);
        if (response.patternThresholds) savePatternThresholds(db, response.patternThresholds, null, new Date(now));
        narrowCacheFor(db, id, response.operator.role);
        return id;
      })
      .immediate();
    stopSession();
    endOffline();
    session = { token: response.token, username: response.operator.username };
    setOnline(true);
    openStream();
    const interval = options.pullIntervalMs ?? 30_000;
    if (interval > 0) {
      timer = setInterval(() => void syncNow(), interval);
      timer.unref?.();
    }
    changed();
    // A new desktop starts loading the hub's carrier data at once, not at the first nudge; the
    // screen that asks right after this sign-in already sees the load as started.
    if (needsSnapshot(db)) {
      snapshot = { state: 'loading', searchReady: false, tables: [] };
      void syncNow();
    }
    return localOperatorId;
  }

  async function signInAtHub(username: string, password: string): Promise<HubCall<SignInResponse>> {
    const desktop = credentials();
    if (!desktop) return { ok: false, error: { code: 'DESKTOP_UNKNOWN' } };
    const witnessed = options.auditWitness?.known() ?? null;
    return client.call('signIn', { ...desktop, username, password, ...(witnessed ? { knownAuditSeq: witnessed.seq } : {}) });
  }

  /** While offline, ask the hub again now and then; its first answer ends the offline session either way. */
  async function retryOffline(): Promise<void> {
    const current = offline;
    if (!current || closed) return;
    const answer = await signInAtHub(current.username, current.password);
    if (offline !== current) return;
    if (answer.ok) {
      establish(answer.value);
      await verifiers.remember(current.username, current.password, clock());
      void syncNow();
      return;
    }
    if (answer.error.code === 'HUB_UNREACHABLE' || answer.error.code === 'UNAVAILABLE') return;
    verifiers.forget(current.username);
    endOffline();
    changed();
    options.onOfflineOperatorRefused?.(current.username);
  }

  async function signInOffline(username: string, password: string, cause: HubClientError): Promise<HubCall<HubSignedIn>> {
    const local = findLocalOperator(db, username);
    const check = await verifiers.check(username, password, clock());
    if (check === 'bad_password') return { ok: false, error: { code: 'BAD_CREDENTIALS' } };
    if (check === 'none' || !local) return { ok: false, error: { ...cause, details: { reason: 'no_offline_sign_in' } } };
    db.transaction(() => narrowCacheFor(db, local.id, local.role)).immediate();
    stopSession();
    endOffline();
    offline = { username, password };
    offlineRetry = setInterval(() => void retryOffline(), options.reconnectMs ?? 2_000);
    offlineRetry.unref?.();
    changed();
    return { ok: true, value: { localOperatorId: local.id, response: null } };
  }

  function credentials(): { desktopId: string; desktopSecret: string } | null {
    const desktop = readHubDesktop(db);
    if (!desktop) return null;
    const desktopSecret = desktop.sealedWith === 'none' ? desktop.sealedSecret.toString('utf8') : sealer.open(desktop.sealedSecret);
    return { desktopId: desktop.desktopId, desktopSecret };
  }

  return {
    outbox: createHubOutbox(() => {
      if (session) void syncNow();
    }),

    async enrol(code, name, actorId = null) {
      const previous = readHubDesktop(db);
      // Enrolled before at another hub: its cache must not mix with this hub's (hub-cache-reset.ts).
      const moving = previous !== undefined && !sameHub(previous.hubUrl, client.url);
      if (moving) {
        // Unsent operations carry the old hub's desktop id and would be lost: they go to that hub first. Nothing is changed, the code is not used.
        const unsent = countPendingOutbox(db);
        if (unsent > 0) return { ok: false, error: { code: 'UNSENT_OPERATIONS', details: { unsent, hub: previous.hubUrl } } };
      }
      // What this desktop filed on its own (standalone, or since its hub moved away) is archived first.
      const archive = (previous === undefined || moving) && options.archiveDir ? writeStandaloneArchive(db, options.archiveDir, name, clock()) : null;
      const answer = await client.call('enrol', { code, name });
      if (!answer.ok) {
        archive?.discard();
        return answer;
      }
      const at = clock();
      const now = at.toISOString();
      db.transaction(() => {
        archive?.commit(db, actorId, at);
        if (moving) clearHubCache(db, { actorId, fromHub: previous.hubUrl, toHub: client.url, at });
        dropAllOfflineVerifiers(db);
        saveHubDesktop(db, {
          hubUrl: client.url,
          desktopId: answer.value.desktopId,
          name: answer.value.name,
          sealedSecret: sealer.seal(answer.value.desktopSecret),
          sealedWith: sealer.kind,
          enrolledAt: now,
        });
      }).immediate();
      return { ok: true, value: { desktopId: answer.value.desktopId, desktopName: answer.value.name } };
    },

    async signIn(username, password) {
      const answer = await signInAtHub(username, password);
      if (!answer.ok) {
        if (answer.error.code === 'HUB_UNREACHABLE' || answer.error.code === 'UNAVAILABLE') {
          setOnline(false);
          return signInOffline(username, password, answer.error);
        }
        // The hub knows better than the cache: a changed password or a deactivated operator.
        if (answer.error.code === 'BAD_CREDENTIALS') verifiers.forget(username);
        return answer;
      }
      const localOperatorId = establish(answer.value);
      // A temporary password signs in nowhere offline: the forced change needs the hub.
      if (answer.value.mustChangePassword) verifiers.forget(answer.value.operator.username);
      else await verifiers.remember(answer.value.operator.username, password, clock());
      return { ok: true, value: { localOperatorId, response: answer.value } };
    },

    signOut() {
      const current = session;
      stopSession();
      endOffline();
      if (current) void client.call('signOut', {}, current.token);
    },

    async setOwnLocale(locale) {
      const current = session;
      if (!current || closed) return { ok: false, error: { code: 'HUB_UNREACHABLE' } };
      const answer = await client.call('setOwnLocale', { locale }, current.token);
      if (answer.ok) setOnline(true);
      else noteError(answer.error);
      return answer;
    },

    async callAsOperator(name, input, options) {
      const current = session;
      if (!current || closed) return { ok: false, error: { code: 'HUB_UNREACHABLE' } };
      const answer = await client.call(name, input, current.token, options);
      // The route's own coded answers (nothing to export, no such batch) are the caller's to word, not sync faults.
      if (answer.ok || ROUTE_ANSWERS.has(answer.error.code)) setOnline(true);
      else noteError(answer.error);
      return answer;
    },

    async changeOwnPassword(currentPassword, newPassword) {
      const current = session;
      if (!current || closed) return { ok: false, error: { code: 'HUB_UNREACHABLE' } };
      const answer = await client.call('changeOwnPassword', { currentPassword, newPassword }, current.token);
      if (answer.ok) {
        setOnline(true);
        // The change's own log entry drops this operator's verifier: pulled first (the hub also
        // refused this session's sync while the password was a temporary one), then the new one kept.
        await syncNow();
        await verifiers.remember(current.username, newPassword, clock());
      } else if (ROUTE_ANSWERS.has(answer.error.code) || answer.error.code === 'BAD_CREDENTIALS') setOnline(true);
      else noteError(answer.error);
      return answer;
    },

    async uploadAsOperator(path, filePath, bytes, output) {
      const current = session;
      if (!current || closed) return { ok: false, error: { code: 'HUB_UNREACHABLE' } };
      const answer = await client.upload(path, current.token, filePath, bytes, output);
      if (answer.ok || ROUTE_ANSWERS.has(answer.error.code)) setOnline(true);
      else noteError(answer.error);
      return answer;
    },

    syncNow,

    state() {
      // Asked by a changesNext woken at shutdown, after the database closed: nothing is enrolled then.
      if (!db.open) return { enrolled: false, desktopName: null, online: false, signedIn: false, signedInOffline: false, pendingOperations: 0, archive: null, snapshot: null };
      const desktop = readHubDesktop(db);
      return {
        // Enrolled at another hub than the one configured (its URL changed): not enrolled here, and the admin may enrol again.
        enrolled: desktop !== undefined && sameHub(desktop.hubUrl, client.url),
        desktopName: desktop?.name ?? null,
        online: online && session !== null,
        signedIn: session !== null || offline !== null,
        signedInOffline: offline !== null,
        pendingOperations: countPendingOutbox(db),
        archive: latestArchive(db) ?? null,
        snapshot,
      };
    },

    close() {
      closed = true;
      stopSession();
      endOffline();
    },
  };
}
