import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HubAuditMark } from '@shared/hub/auth';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Seals the anchor's key at rest. The app passes Electron's safeStorage (the OS keychain,
 * DPAPI or a Linux keyring); tests pass a fake or the unsealed store. `osBacked` is false
 * where safeStorage has no key of the operating system's behind it (Linux without a keyring,
 * where Chromium falls back to a fixed key, or no encryption at all): the anchor is weak there.
 */
export interface AnchorSealer {
  readonly kind: 'safe_storage' | 'none';
  readonly osBacked: boolean;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** The chain's head as last anchored: the number of events and the hash of the newest (or the genesis hash). */
export interface AuditStamp {
  readonly count: number;
  readonly hash: string;
  /** When the stamp was written (main's clock, UTC ISO). */
  readonly at: string;
  /** A break in the chain an admin has acknowledged: the same break is not raised again. */
  readonly knownBreakAtSeq: number | null;
  /** With a hub: the newest event of the hub's chain this desktop saw, checked at the next sign-in there. */
  readonly hubHead: HubAuditMark | null;
}

/** Beside the database: the sealed key (written once) and the stamp (rewritten after each commit that appends events). */
export function anchorFiles(dbPath: string): { readonly key: string; readonly stamp: string } {
  return { key: `${dbPath}.audit-key`, stamp: `${dbPath}.audit-stamp` };
}

const KEY_BYTES = 32;
const FORMAT = 1;

export type KeyRead =
  | { readonly state: 'absent' }
  | { readonly state: 'ok'; readonly key: Buffer }
  | { readonly state: 'unreadable'; readonly detail: string };

export type StampRead =
  | { readonly state: 'absent' }
  | { readonly state: 'ok'; readonly stamp: AuditStamp }
  | { readonly state: 'invalid'; readonly detail: string };

/** Writes a small file so that a crash leaves the old one or the new one, never a torn one. */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readAnchorKey(path: string, sealer: AnchorSealer): KeyRead {
  if (!existsSync(path)) return { state: 'absent' };
  try {
    const file = readJson(path);
    if (!isRecord(file) || file.format !== FORMAT || typeof file.sealed !== 'string') return { state: 'unreadable', detail: 'malformed' };
    // A key stored weaker than this desktop can seal is refused: otherwise anyone could write a
    // plain key of their own choosing and sign a stamp with it.
    if (sealer.osBacked && file.kind !== 'safe_storage') return { state: 'unreadable', detail: 'weaker_than_this_desktop' };
    if (file.kind !== sealer.kind) return { state: 'unreadable', detail: `sealed_as_${String(file.kind)}` };
    const key = Buffer.from(sealer.open(Buffer.from(file.sealed, 'base64')), 'base64');
    if (key.length !== KEY_BYTES) return { state: 'unreadable', detail: 'wrong_length' };
    return { state: 'ok', key };
  } catch (error) {
    return { state: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** A fresh random key, sealed and written; replaces one that could not be opened. */
export function createAnchorKey(path: string, sealer: AnchorSealer): Buffer {
  const key = randomBytes(KEY_BYTES);
  const sealed = sealer.seal(key.toString('base64')).toString('base64');
  writeAtomically(path, JSON.stringify({ format: FORMAT, kind: sealer.kind, sealed }));
  return key;
}

function mac(key: Buffer, stamp: AuditStamp): Buffer {
  const hub = stamp.hubHead ? [stamp.hubHead.seq, stamp.hubHead.hash] : [];
  const text = JSON.stringify(['ocd-audit-stamp-v1', stamp.count, stamp.hash, stamp.at, stamp.knownBreakAtSeq, ...hub]);
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

export function readStamp(path: string, key: Buffer): StampRead {
  if (!existsSync(path)) return { state: 'absent' };
  try {
    const file = readJson(path);
    if (!isRecord(file) || file.format !== FORMAT) return { state: 'invalid', detail: 'malformed' };
    const { count, hash, at, knownBreakAtSeq } = file;
    if (
      typeof count !== 'number' ||
      !Number.isSafeInteger(count) ||
      count < 0 ||
      typeof hash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(hash) ||
      typeof at !== 'string' ||
      !(knownBreakAtSeq === null || (typeof knownBreakAtSeq === 'number' && Number.isSafeInteger(knownBreakAtSeq))) ||
      typeof file.mac !== 'string'
    ) {
      return { state: 'invalid', detail: 'malformed' };
    }
    const hubHead = file.hubHead === undefined || file.hubHead === null ? null : HubAuditMark.safeParse(file.hubHead);
    if (hubHead && !hubHead.success) return { state: 'invalid', detail: 'malformed' };
    const stamp: AuditStamp = { count, hash, at, knownBreakAtSeq, hubHead: hubHead ? hubHead.data : null };
    const given = Buffer.from(file.mac, 'base64');
    const expected = mac(key, stamp);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { state: 'invalid', detail: 'mac_mismatch' };
    return { state: 'ok', stamp };
  } catch (error) {
    return { state: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
}

export function writeStamp(path: string, key: Buffer, stamp: AuditStamp): void {
  writeAtomically(path, JSON.stringify({ format: FORMAT, ...stamp, mac: mac(key, stamp).toString('base64') }));
}
