import type Database from 'better-sqlite3';
import type { HubAuditMark, SignInResponse } from '@shared/hub/auth';
import type { OverrideOutbox } from '../overrides/override-outbox';
import type { HubClient, HubClientError } from './hub-client';
import { saveHubSettings, upsertLocalOperator } from './cache-repo';
import { raiseSeqFloor, readChangeCursor, readHubDesktop, saveHubDesktop } from './hub-state-repo';
import { createHubOutbox } from './outbox';
import { countPendingOutbox } from './outbox-repo';
import { pullChanges, type PullResult } from './pull';
import { pushOutbox, type PushResult } from './push';
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
  readonly onError?: (error: HubClientError) => void;
  /** Called after the cache changed (a pulled page, an applied answer) or the link went up or down. */
  readonly onCacheChanged?: () => void;
  /** Witnesses the hub's audit chain across sign-ins (the audit anchor keeps its head outside the database). */
  readonly auditWitness?: HubAuditWitness;
}

/** Remembers the hub's audit head and, at each sign-in there, checks the hub still holds it. */
export interface HubAuditWitness {
  known(): HubAuditMark | null;
  observe(audit: { head: HubAuditMark | null; known: HubAuditMark | null }): void;
}

export type HubCall<T> = { ok: true; value: T } | { ok: false; error: HubClientError };

export interface HubSignedIn {
  readonly localOperatorId: number;
  readonly response: SignInResponse;
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
  readonly pendingOperations: number;
}

export interface HubSync {
  /** Records every override operation in the outbox, in its use case's transaction. */
  readonly outbox: OverrideOutbox;
  enrol(code: string, name: string): Promise<HubCall<{ desktopId: string; desktopName: string }>>;
  /** Signs the operator in at the hub; the token stays here, in main, and only in memory. */
  signIn(username: string, password: string): Promise<HubCall<HubSignedIn>>;
  signOut(): void;
  /** One push of the outbox then one pull of the log; rounds run one at a time. */
  syncNow(): Promise<SyncRound>;
  state(): HubSyncState;
  close(): void;
}

interface HubSession {
  readonly token: string;
  readonly username: string;
}

const NO_ROUND: SyncRound = { push: null, pull: null };

/** The desktop side of hub sync: enrolment, sign-in at the hub, the outbox pusher and the change puller. */
export function createHubSync(options: HubSyncOptions): HubSync {
  const { db, client, sealer, clock } = options;
  let session: HubSession | null = null;
  let online = false;
  let stream: { close(): void } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reconnect: NodeJS.Timeout | null = null;
  let running: Promise<SyncRound> = Promise.resolve(NO_ROUND);
  let queued: Promise<SyncRound> | null = null;
  let closed = false;
  const changed = options.onCacheChanged ?? (() => undefined);

  function setOnline(value: boolean): void {
    if (online === value) return;
    online = value;
    changed();
  }

  function noteError(error: HubClientError): void {
    if (error.code === 'HUB_UNREACHABLE') setOnline(false);
    // The hub ended the session (expired, revoked, deactivated): stop using the token.
    if (['TOKEN_EXPIRED', 'NOT_SIGNED_IN', 'DESKTOP_REVOKED'].includes(error.code)) stopSession();
    options.onError?.(error);
  }

  async function round(): Promise<SyncRound> {
    const current = session;
    if (!current || closed) return NO_ROUND;
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

    async enrol(code, name) {
      const answer = await client.call('enrol', { code, name });
      if (!answer.ok) return answer;
      const now = clock().toISOString();
      db.transaction(() =>
        saveHubDesktop(db, {
          hubUrl: client.url,
          desktopId: answer.value.desktopId,
          name: answer.value.name,
          sealedSecret: sealer.seal(answer.value.desktopSecret),
          sealedWith: sealer.kind,
          enrolledAt: now,
        }),
      ).immediate();
      return { ok: true, value: { desktopId: answer.value.desktopId, desktopName: answer.value.name } };
    },

    async signIn(username, password) {
      const desktop = credentials();
      if (!desktop) return { ok: false, error: { code: 'DESKTOP_UNKNOWN' } };
      const witnessed = options.auditWitness?.known() ?? null;
      const answer = await client.call('signIn', { ...desktop, username, password, ...(witnessed ? { knownAuditSeq: witnessed.seq } : {}) });
      if (!answer.ok) {
        if (answer.error.code === 'HUB_UNREACHABLE') setOnline(false);
        return answer;
      }
      const response = answer.value;
      if (response.audit) options.auditWitness?.observe(response.audit);
      const now = clock().toISOString();
      const localOperatorId = db
        .transaction(() => {
          const id = upsertLocalOperator(db, { ...response.operator }, now);
          // After a restored backup, continue above what the hub has applied: a seq is never reused.
          raiseSeqFloor(db, response.lastAppliedSeq);
          saveHubSettings(db, response.overrideSettings, now);
          return id;
        })
        .immediate();
      stopSession();
      session = { token: response.token, username: response.operator.username };
      setOnline(true);
      openStream();
      const interval = options.pullIntervalMs ?? 30_000;
      if (interval > 0) {
        timer = setInterval(() => void syncNow(), interval);
        timer.unref?.();
      }
      return { ok: true, value: { localOperatorId, response } };
    },

    signOut() {
      const current = session;
      stopSession();
      if (current) void client.call('signOut', {}, current.token);
    },

    syncNow,

    state() {
      // Asked by a changesNext woken at shutdown, after the database closed: nothing is enrolled then.
      if (!db.open) return { enrolled: false, desktopName: null, online: false, signedIn: false, pendingOperations: 0 };
      const desktop = readHubDesktop(db);
      return {
        enrolled: desktop !== undefined,
        desktopName: desktop?.name ?? null,
        online: online && session !== null,
        signedIn: session !== null,
        pendingOperations: countPendingOutbox(db),
      };
    },

    close() {
      closed = true;
      stopSession();
    },
  };
}
