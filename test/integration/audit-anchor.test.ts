import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName } from '@shared/ipc/channels';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { GENESIS_HASH } from '../../electron/main/audit/audit-event';
import { auditEventHash } from '../../electron/main/audit/audit-hash';
import { appendAudit, verifyAuditChain } from '../../electron/main/audit/audit-log';
import { anchorFiles, type AnchorSealer } from '../../electron/main/audit/audit-stamp';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { sameInEveryCurrency } from '@shared/domain/override';

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const NOW = new Date('2024-03-04T15:00:00.000Z');
const PASSWORDS = { alice: 'agent-demo-2024', sam: 'supervisor-demo-2024', ada: 'admin-demo-2024' } as const;
const LIMITS = { perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7, siteTimeZone: 'UTC' };

let template: string;
let templateDir: string;
let dir: string;
let dbPath: string;
const open: Backend[] = [];

/** A stand-in for safeStorage with a key of the operating system's: XOR with a secret only this test knows. */
const osSealer: AnchorSealer = {
  kind: 'safe_storage',
  osBacked: true,
  seal: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
  open: (sealed) => Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

function start(path = dbPath, sealer: AnchorSealer = osSealer): Backend {
  const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath: path, seedDemo: true, clock: () => NOW, isTrustedSender: () => true, anchorSealer: sealer });
  open.push(backend);
  return backend;
}

function stop(backend: Backend): void {
  backend.close();
  open.splice(open.indexOf(backend), 1);
}

async function afterCommit(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** n events in one transaction, as a use case would append them; the stamp follows once it committed. */
async function appendEvents(backend: Backend, n: number, label = 'test'): Promise<void> {
  backend.db.transaction(() => {
    for (let i = 0; i < n; i++) appendAudit(backend.db, { operatorId: null, action: `${label}.event`, target: `t:${i}`, before: null, after: { i }, at: NOW });
  })();
  await afterCommit();
}

async function signIn(backend: Backend, username: keyof typeof PASSWORDS): Promise<void> {
  const result = await backend.dispatch('authSignIn', { username, password: PASSWORDS[username] }, APP);
  expect(result.ok).toBe(true);
}

function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>) {
  return backend.dispatch(channel, input, APP);
}

function count(path = dbPath): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
  } finally {
    raw.close();
  }
}

function stampOnDisk(path = dbPath): { count: number; hash: string } {
  return JSON.parse(readFileSync(anchorFiles(path).stamp, 'utf8')) as { count: number; hash: string };
}

/** What the file's owner can do: a raw connection, the append-only triggers dropped and put back. */
function tamper(edit: (raw: Database.Database) => void, path = dbPath): void {
  const raw = new Database(path);
  const triggers = raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").pluck().all() as string[];
  const names = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").pluck().all() as string[];
  for (const name of names) raw.exec(`DROP TRIGGER ${name}`);
  edit(raw);
  for (const sql of triggers) raw.exec(sql);
  raw.close();
}

/** Rewrites every event with its own content changed, and recomputes every hash so that the chain verifies again. */
function recomputeChain(raw: Database.Database): void {
  const rows = raw.prepare('SELECT seq, id, at, operator_id AS operatorId, action, target, before_json AS beforeJson, after_json AS afterJson, version FROM audit_events ORDER BY seq').all() as Array<{
    seq: number;
    id: string;
    at: string;
    operatorId: number | null;
    action: string;
    target: string;
    beforeJson: string | null;
    afterJson: string | null;
    version: number;
  }>;
  const update = raw.prepare('UPDATE audit_events SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const target = row.seq === rows[1]!.seq ? 'operator:someone-else' : row.target;
    const hash = auditEventHash({ ...row, target, prevHash });
    update.run(target, prevHash, hash, row.seq);
    prevHash = hash;
  }
}

/** An anchored database with a handful of events, closed cleanly. */
async function anchoredWithEvents(n = 8): Promise<number> {
  const first = start();
  await signIn(first, 'alice');
  await appendEvents(first, n);
  stop(first);
  const total = count();
  expect(stampOnDisk()).toMatchObject({ count: total });
  return total;
}

beforeAll(() => {
  templateDir = mkdtempSync(join(tmpdir(), 'ocd-anchor-template-'));
  template = join(templateDir, 'template.sqlite');
  const seeded = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath: template, seedDemo: true, clock: () => NOW, isTrustedSender: () => true });
  seeded.close();
});

afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-anchor-'));
  dbPath = join(dir, 'desk.sqlite');
  // The demo database without its anchor files: a database anchored for the first time.
  copyFileSync(template, dbPath);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  for (const backend of open.splice(0)) backend.close();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit anchor outside the database', () => {
  it('anchors a database on its first start, follows every commit, and raises nothing on a clean restart', async () => {
    const first = start();
    expect(first.auditAnchor.alarm()).toBeNull();
    expect(existsSync(anchorFiles(dbPath).key)).toBe(true);
    await signIn(first, 'sam');
    // As the database's own files: readable and writable by the app's user only.
    for (const file of [anchorFiles(dbPath).key, anchorFiles(dbPath).stamp]) expect(statSync(file).mode & 0o777).toBe(0o600);
    // The stamp is written after the commit, before the reply reached the caller.
    expect(stampOnDisk()).toMatchObject({ count: count() });
    await appendEvents(first, 3);
    expect(stampOnDisk()).toMatchObject({ count: count() });
    stop(first);
    const again = start();
    expect(again.auditAnchor.alarm()).toBeNull();
    expect(await call(again, 'auditIntegrity', {})).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await signIn(again, 'alice');
    expect(await call(again, 'auditIntegrity', {})).toEqual({ ok: true, value: { alarm: null, anchor: 'os_keychain', hubConfigured: false } });
  });

  it.each([1, 5])('raises the alarm at start when the newest %i events were deleted', async (deleted) => {
    const total = await anchoredWithEvents();
    tamper((raw) => raw.prepare('DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT ?)').run(deleted));
    const after = start();
    expect(after.auditChainAtStart).toEqual({ ok: true, count: total - deleted });
    expect(after.auditAnchor.alarm()).toEqual({
      reason: 'events_missing',
      detectedAt: NOW.toISOString(),
      anchoredCount: total,
      eventCount: total - deleted,
      brokenAtSeq: null,
    });
  });

  it('raises the alarm when every event was deleted', async () => {
    const total = await anchoredWithEvents();
    tamper((raw) => raw.exec('DELETE FROM audit_events'));
    const after = start();
    expect(after.auditChainAtStart).toEqual({ ok: true, count: 0 });
    expect(after.auditAnchor.alarm()).toMatchObject({ reason: 'events_missing', anchoredCount: total, eventCount: 0 });
  });

  it('raises the alarm when the -wal file was lost after a crash', async () => {
    const running = start();
    running.db.pragma('wal_checkpoint(TRUNCATE)');
    await signIn(running, 'alice');
    await appendEvents(running, 4);
    // The app dies here; the database file is left without its -wal (deleted, or not copied along).
    const crashedDir = mkdtempSync(join(tmpdir(), 'ocd-anchor-crash-'));
    try {
      const crashed = join(crashedDir, 'desk.sqlite');
      copyFileSync(dbPath, crashed);
      copyFileSync(anchorFiles(dbPath).key, anchorFiles(crashed).key);
      copyFileSync(anchorFiles(dbPath).stamp, anchorFiles(crashed).stamp);
      expect(existsSync(`${crashed}-wal`)).toBe(false);
      const lost = count() - count(crashed);
      expect(lost).toBeGreaterThan(0);
      const after = start(crashed);
      expect(after.auditChainAtStart.ok).toBe(true);
      expect(after.auditAnchor.alarm()).toMatchObject({ reason: 'events_missing', anchoredCount: count(), eventCount: count() - lost });
      stop(after);
    } finally {
      rmSync(crashedDir, { recursive: true, force: true });
    }
  });

  it('raises the alarm for a chain rewritten and recomputed so that it verifies again', async () => {
    const total = await anchoredWithEvents();
    tamper(recomputeChain);
    const after = start();
    // The chain itself verifies: only the anchor can tell.
    expect(after.auditChainAtStart).toEqual({ ok: true, count: total });
    expect(after.auditAnchor.alarm()).toMatchObject({ reason: 'head_mismatch', anchoredCount: total, eventCount: total });
  });

  it('raises the alarm for a chain cut back and written on outside the app until it is as long as before', async () => {
    const total = await anchoredWithEvents();
    tamper((raw) => raw.exec('DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 3)'));
    const outside = openDatabase(dbPath);
    outside.transaction(() => {
      for (let i = 0; i < 3; i++) appendAudit(outside, { operatorId: null, action: 'forged.event', target: `t:${i}`, before: null, after: { i }, at: NOW });
    })();
    outside.close();
    expect(count()).toBe(total);
    const after = start();
    expect(after.auditChainAtStart).toEqual({ ok: true, count: total });
    expect(after.auditAnchor.alarm()).toMatchObject({ reason: 'head_mismatch', anchoredCount: total, eventCount: total });
  });

  it.each([1, 3])('raises no alarm after a crash between the commit of %i events and the stamp write', async (n) => {
    const running = start();
    await signIn(running, 'alice');
    const anchored = count();
    running.db.transaction(() => {
      for (let i = 0; i < n; i++) appendAudit(running.db, { operatorId: null, action: 'test.event', target: `t:${i}`, before: null, after: { i }, at: NOW });
    })();
    // Committed, and the process dies before the stamp is written: the files as they are right now.
    const crashedDir = mkdtempSync(join(tmpdir(), 'ocd-anchor-crash-'));
    try {
      const crashed = join(crashedDir, 'desk.sqlite');
      for (const suffix of ['', '-wal']) if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, crashed + suffix);
      copyFileSync(anchorFiles(dbPath).key, anchorFiles(crashed).key);
      copyFileSync(anchorFiles(dbPath).stamp, anchorFiles(crashed).stamp);
      expect(stampOnDisk(crashed).count).toBe(anchored);
      expect(count(crashed)).toBe(anchored + n);
      const after = start(crashed);
      expect(after.auditAnchor.alarm()).toBeNull();
      // The stamp catches up at start.
      expect(stampOnDisk(crashed)).toMatchObject({ count: anchored + n });
      stop(after);
    } finally {
      rmSync(crashedDir, { recursive: true, force: true });
    }
  });

  it('raises the alarm when the stamp was deleted while its key is still there, or edited', async () => {
    await anchoredWithEvents();
    const stamp = readFileSync(anchorFiles(dbPath).stamp, 'utf8');
    rmSync(anchorFiles(dbPath).stamp);
    const missing = start();
    expect(missing.auditAnchor.alarm()).toMatchObject({ reason: 'stamp_missing', anchoredCount: null });
    stop(missing);
    const edited = JSON.parse(stamp) as { count: number };
    writeFileSync(anchorFiles(dbPath).stamp, JSON.stringify({ ...edited, count: edited.count - 1 }));
    expect(start().auditAnchor.alarm()).toMatchObject({ reason: 'stamp_invalid' });
  });

  it('refuses a key stored without the OS keychain where this desktop has one, so a plain key of anyone\'s cannot sign a stamp', async () => {
    await anchoredWithEvents();
    rmSync(anchorFiles(dbPath).key);
    rmSync(anchorFiles(dbPath).stamp);
    // Key and stamp written again by someone without the keychain: a plain key and a stamp it signs.
    const plain = start(dbPath, { kind: 'none', osBacked: false, seal: (text) => Buffer.from(text), open: (sealed) => sealed.toString() });
    expect(plain.auditAnchor.alarm()).toBeNull();
    stop(plain);
    expect(start().auditAnchor.alarm()).toMatchObject({ reason: 'stamp_invalid' });
  });

  it('raises the alarm for an event changed in place (a broken chain), until acknowledged', async () => {
    await anchoredWithEvents();
    tamper((raw) => raw.exec("UPDATE audit_events SET target = 't:forged' WHERE seq = (SELECT min(seq) FROM audit_events)"));
    const after = start();
    expect(after.auditAnchor.alarm()).toMatchObject({ reason: 'chain_broken', brokenAtSeq: 1 });
    await signIn(after, 'ada');
    expect((await call(after, 'auditIntegrityAcknowledge', { note: 'Known edit, reported to security.' })).ok).toBe(true);
    stop(after);
    // The same break, acknowledged, is not raised again; a new one would be.
    expect(start().auditAnchor.alarm()).toBeNull();
  });
});

describe('the integrity-alarm state', () => {
  async function alarmed(): Promise<Backend> {
    await anchoredWithEvents();
    tamper((raw) => raw.exec('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)'));
    const backend = start();
    expect(backend.auditAnchor.alarm()).not.toBeNull();
    return backend;
  }

  it('keeps searching and reading, and refuses override decisions and admin writes with INTEGRITY_ALARM, each refusal recorded', async () => {
    const backend = await alarmed();
    await signIn(backend, 'sam');
    expect((await call(backend, 'searchAccounts', { query: 'muller' })).ok).toBe(true);
    expect((await call(backend, 'overridesQueue', {})).ok).toBe(true);
    expect((await call(backend, 'auditList', {})).ok).toBe(true);
    expect(await call(backend, 'overridesDecide', { requestId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', version: 1, decision: 'approve', note: 'ok' })).toEqual({
      ok: false,
      error: { code: 'INTEGRITY_ALARM' },
    });
    await signIn(backend, 'ada');
    for (const [channel, input] of [
      ['overridesSettingsSet', LIMITS],
      ['exportCreateBatch', {}],
      ['policyRunStart', { outageId: 1 }],
      ['feedImportStart', { scanId: '01HQ0000000000000000000000' }],
      ['hubEnrol', { code: 'ABCD-EFGH-JKLM', name: 'Seat 1' }],
    ] as const) {
      expect(await backend.dispatch(channel, input, APP), channel).toEqual({ ok: false, error: { code: 'INTEGRITY_ALARM' } });
    }
    expect((await call(backend, 'overridesSettingsGet', {})).ok).toBe(true);
    expect((await call(backend, 'exportListBatches', {})).ok).toBe(true);
    const refusals = backend.db
      .prepare("SELECT json_extract(after_json, '$.operation') FROM audit_events WHERE action = 'override.refused' AND json_extract(after_json, '$.code') = 'INTEGRITY_ALARM' ORDER BY seq")
      .pluck()
      .all();
    expect(refusals).toEqual(['overridesDecide', 'overridesSettingsSet', 'hubEnrol']);
    const status = await call(backend, 'auditIntegrity', {});
    expect(status).toMatchObject({ ok: true, value: { alarm: { reason: 'events_missing' }, anchor: 'os_keychain' } });
  });

  it('raises the alarm again at the next start, even after events were added meanwhile, until it is acknowledged', async () => {
    const backend = await alarmed();
    await signIn(backend, 'sam');
    await appendEvents(backend, 5);
    stop(backend);
    const again = start();
    expect(again.auditAnchor.alarm()).toMatchObject({ reason: 'head_mismatch' });
  });

  it('clears only with an admin acknowledgement, recorded with the alarm and the note, and re-anchors', async () => {
    const backend = await alarmed();
    await signIn(backend, 'sam');
    expect(await call(backend, 'auditIntegrityAcknowledge', { note: 'Looks fine to me' })).toEqual({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    await signIn(backend, 'ada');
    expect(await call(backend, 'auditIntegrityAcknowledge', { note: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(backend.auditAnchor.alarm()).not.toBeNull();
    const acknowledged = await call(backend, 'auditIntegrityAcknowledge', { note: 'Disk failure on seat 14; restored, reported as INC-2201.' });
    expect(acknowledged).toEqual({ ok: true, value: { alarm: null, anchor: 'os_keychain', hubConfigured: false } });
    const event = backend.db
      .prepare("SELECT o.username, e.target, e.before_json AS before, e.after_json AS after FROM audit_events e JOIN operators o ON o.id = e.operator_id WHERE e.action = 'audit.integrity_acknowledged'")
      .get() as { username: string; target: string; before: string; after: string };
    expect(event.username).toBe('ada');
    expect(JSON.parse(event.before)).toMatchObject({ reason: 'events_missing' });
    expect(JSON.parse(event.after)).toEqual({ note: 'Disk failure on seat 14; restored, reported as INC-2201.', anchor: 'os_keychain' });
    // Writes work again, and a second acknowledgement has nothing to acknowledge.
    expect((await call(backend, 'overridesSettingsSet', LIMITS)).ok).toBe(true);
    expect(await call(backend, 'auditIntegrityAcknowledge', { note: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(verifyAuditChain(backend.db).ok).toBe(true);
    stop(backend);
    expect(stampOnDisk()).toMatchObject({ count: count() });
    expect(start().auditAnchor.alarm()).toBeNull();
  });

  it('says the anchor is weak where the key has no OS keychain behind it', async () => {
    const weak = start(dbPath, { kind: 'none', osBacked: false, seal: (plain) => Buffer.from(plain), open: (sealed) => sealed.toString() });
    await signIn(weak, 'alice');
    expect(await call(weak, 'auditIntegrity', {})).toEqual({ ok: true, value: { alarm: null, anchor: 'weak', hubConfigured: false } });
  });
});
