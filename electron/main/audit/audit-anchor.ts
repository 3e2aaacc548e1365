import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { HubAuditMark } from '@shared/hub/auth';
import type { IntegrityAlarmReason, IntegrityAlarmView } from '@shared/ipc/audit-channels';
import { GENESIS_HASH } from './audit-event';
import { onAuditAppended, type AuditChainStatus } from './audit-log';
import { countAuditEvents, findAuditHashAtPosition, findAuditHead } from './audit-repo';
import {
  anchorFiles,
  createAnchorKey,
  readAnchorKey,
  readStamp,
  writeStamp,
  type AnchorSealer,
  type AuditStamp,
} from './audit-stamp';

export type IntegrityAlarm = IntegrityAlarmView;

export interface ChainHead {
  readonly count: number;
  readonly hash: string;
}

/** The committed head of the chain: how many events, and the newest one's hash. */
export function readChainHead(db: Database.Database): ChainHead {
  return db
    .transaction((): ChainHead => ({ count: countAuditEvents(db), hash: findAuditHead(db)?.hash ?? GENESIS_HASH }))
    .deferred();
}

/**
 * Whether the database still holds the chain the stamp anchored. A stamp may lag behind the
 * database (the app stopped between a commit and the stamp's write): that is accepted only
 * when the event at the stamp's position still has the stamp's hash. Fewer events than the
 * stamp, or another event at its position, is tampering (or a lost -wal).
 */
export function compareWithStamp(db: Database.Database, stamp: Pick<AuditStamp, 'count' | 'hash'>): 'events_missing' | 'head_mismatch' | null {
  const count = countAuditEvents(db);
  if (stamp.count > count) return 'events_missing';
  const hashThere = stamp.count === 0 ? GENESIS_HASH : findAuditHashAtPosition(db, stamp.count);
  return hashThere === stamp.hash ? null : 'head_mismatch';
}

export interface AuditAnchor {
  /** os_keychain when the stamp's key is sealed by the operating system, weak otherwise. */
  readonly strength: 'os_keychain' | 'weak';
  /** The integrity alarm raised at start, until an admin acknowledges it; null when none. */
  alarm(): IntegrityAlarm | null;
  /**
   * Writes the stamp for the committed head, unless alarmed (the stamp then stays where the
   * two last agreed, so the alarm is raised again at the next start until acknowledged).
   * Runs on its own after every commit that appended events; the backend calls it before closing.
   */
  flush(): void;
  /**
   * Clears the alarm and anchors at the chain as it is now, with a break in it (if any)
   * recorded as known. The caller has committed the acknowledgement's audit event first.
   */
  reanchor(chain: AuditChainStatus): void;
  /**
   * With a hub, the desktop witnesses the hub's chain: it keeps the hub's head in the stamp and,
   * at the next sign-in there, checks that the hub still holds that event with that hash.
   */
  readonly hubWitness: {
    known(): HubAuditMark | null;
    observe(audit: { head: HubAuditMark | null; known: HubAuditMark | null }): void;
  };
  close(): void;
}

export interface AuditAnchorOptions {
  readonly db: Database.Database;
  readonly dbPath: string;
  readonly sealer: AnchorSealer;
  /** The chain as verified at start. */
  readonly chain: AuditChainStatus;
  readonly clock: () => Date;
  readonly onError?: (error: unknown) => void;
}

/**
 * Keeps the head of the audit chain outside the database, in a stamp file beside it (MACed
 * with a key that safeStorage seals), and compares the two at start. See docs/SECURITY.md.
 */
export function openAuditAnchor(options: AuditAnchorOptions): AuditAnchor {
  const { db, sealer, clock } = options;
  const files = anchorFiles(options.dbPath);
  const onError = options.onError ?? ((error) => console.error('Audit anchor: the stamp could not be written', error));
  let key: Buffer | null = null;
  let knownBreakAtSeq: number | null = null;
  let hubHead: HubAuditMark | null = null;
  let alarm: IntegrityAlarm | null = null;
  let written: ChainHead | null = null;
  let scheduled = false;
  let closed = false;

  function raise(reason: IntegrityAlarmReason, anchoredCount: number | null): void {
    alarm = {
      reason,
      detectedAt: clock().toISOString(),
      anchoredCount,
      eventCount: countAuditEvents(db),
      brokenAtSeq: options.chain.ok ? null : options.chain.brokenAtSeq,
    };
    console.error('Audit integrity alarm', alarm);
  }

  function writeHead(): void {
    if (!key) return;
    const head = readChainHead(db);
    if (written && written.count === head.count && written.hash === head.hash) return;
    writeStamp(files.stamp, key, { count: head.count, hash: head.hash, at: clock().toISOString(), knownBreakAtSeq, hubHead });
    written = head;
  }

  function chainBreakIsKnown(): boolean {
    return options.chain.ok || options.chain.brokenAtSeq === knownBreakAtSeq;
  }

  // At start: read the key and the stamp, and compare.
  const keyRead = readAnchorKey(files.key, sealer);
  if (keyRead.state === 'absent') {
    if (existsSync(files.stamp)) {
      raise('stamp_invalid', null);
    } else {
      // Never anchored (a new database, or one from before the anchor existed): anchor it now.
      key = createAnchorKey(files.key, sealer);
      writeHead();
      if (!chainBreakIsKnown()) raise('chain_broken', null);
    }
  } else if (keyRead.state === 'unreadable') {
    console.error('Audit anchor: the key cannot be opened', keyRead.detail);
    raise('stamp_invalid', null);
  } else {
    key = keyRead.key;
    const stampRead = readStamp(files.stamp, key);
    if (stampRead.state === 'absent') raise('stamp_missing', null);
    else if (stampRead.state === 'invalid') {
      console.error('Audit anchor: the stamp does not verify', stampRead.detail);
      raise('stamp_invalid', null);
    } else {
      const stamp = stampRead.stamp;
      knownBreakAtSeq = stamp.knownBreakAtSeq;
      hubHead = stamp.hubHead;
      const mismatch = compareWithStamp(db, stamp);
      if (mismatch) raise(mismatch, stamp.count);
      else if (!chainBreakIsKnown()) raise('chain_broken', stamp.count);
      else writeHead();
    }
  }

  function flush(): void {
    if (closed || alarm || !db.open) return;
    try {
      writeHead();
    } catch (error) {
      // A stamp that lags is accepted at the next start (see compareWithStamp); only logged.
      onError(error);
    }
  }

  function afterCommit(): void {
    scheduled = false;
    if (closed || !db.open) return;
    // Still inside a transaction opened by hand across an await: try again once it ended.
    if (db.inTransaction) {
      schedule(setImmediate);
      return;
    }
    flush();
  }

  function schedule(later: (run: () => void) => void = queueMicrotask): void {
    if (scheduled) return;
    scheduled = true;
    later(afterCommit);
  }

  // appendAudit runs inside the use case's transaction: the stamp is written once it committed
  // (a microtask runs after the synchronous transaction returned, before the reply is sent).
  onAuditAppended(db, () => schedule());

  return {
    strength: sealer.osBacked ? 'os_keychain' : 'weak',
    alarm: () => alarm,
    flush,
    reanchor(chain) {
      const previousKey = key;
      if (!key) key = createAnchorKey(files.key, sealer);
      knownBreakAtSeq = chain.ok ? null : chain.brokenAtSeq;
      // The hub's head is learnt again at the next sign-in there.
      hubHead = null;
      written = null;
      try {
        writeHead();
      } catch (error) {
        key = previousKey;
        throw error;
      }
      alarm = null;
    },
    hubWitness: {
      known: () => hubHead,
      observe(audit) {
        const seen = hubHead;
        if (seen && (audit.known?.seq !== seen.seq || audit.known.hash !== seen.hash)) {
          if (!alarm) raise('hub_chain_mismatch', null);
          return;
        }
        if (alarm || !audit.head) return;
        hubHead = audit.head;
        written = null;
        flush();
      },
    },
    close() {
      flush();
      closed = true;
      onAuditAppended(db, null);
    },
  };
}
