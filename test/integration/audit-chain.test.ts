import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../electron/main/audit/audit-log';
import { openDatabase } from '../../electron/main/db/open-database';

let dir: string;
let file: string;
let db: Database.Database;
const at = new Date('2024-03-04T15:00:00.000Z');

function appendFive(): void {
  db.transaction(() => {
    for (let i = 1; i <= 5; i++) {
      appendAudit(db, { operatorId: null, action: 'test.event', target: `thing:${i}`, before: { n: i - 1 }, after: { n: i }, at });
    }
  })();
}

/** Edits a row as an outsider would: a raw connection, the guard trigger dropped and put back. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(file);
  const guard = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_events_no_update'").pluck().get() as string;
  const guardDelete = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_events_no_delete'").pluck().get() as string;
  raw.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
  raw.prepare(sql).run(...params);
  raw.exec(guard);
  raw.exec(guardDelete);
  raw.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-audit-'));
  file = join(dir, 'desk.sqlite');
  db = openDatabase(file);
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit chain', () => {
  it('verifies an untouched log and counts its events', () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 0 });
    appendFive();
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
  });

  it('links each event to the one before and gives time-ordered unique ids', () => {
    appendFive();
    const rows = db.prepare('SELECT id, prev_hash AS prevHash, hash FROM audit_events ORDER BY seq').all() as Array<{ id: string; prevHash: string; hash: string }>;
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]!.hash));
    expect([...rows.map((r) => r.id)].sort()).toEqual(rows.map((r) => r.id));
    expect(new Set(rows.map((r) => r.id)).size).toBe(5);
  });

  it('is refused an update or a delete by the database itself', () => {
    appendFive();
    expect(() => db.prepare("UPDATE audit_events SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 5').run()).toThrow(/append-only/);
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
  });

  it('is refused an insert that does not continue the newest hash', () => {
    appendFive();
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_events (id, at, operator_id, action, target, prev_hash, hash) VALUES ('X', ?, NULL, 'forged', 't', ?, 'h')",
        )
        .run(at.toISOString(), '0'.repeat(64)),
    ).toThrow(/prev_hash/);
  });

  it('fails verification at exactly the event whose content was changed outside the app', () => {
    appendFive();
    db.close();
    tamper(`UPDATE audit_events SET after_json = '{"n":300}' WHERE seq = 3`);
    db = openDatabase(file);
    expect(verifyAuditChain(db)).toEqual({ ok: false, count: 5, brokenAtSeq: 3, reason: 'hash_mismatch' });
  });

  it('fails verification at the event after one that was deleted outside the app', () => {
    appendFive();
    db.close();
    tamper('DELETE FROM audit_events WHERE seq = 2');
    db = openDatabase(file);
    expect(verifyAuditChain(db)).toEqual({ ok: false, count: 4, brokenAtSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('fails verification when an event and its hash were both rewritten, at the next event', () => {
    appendFive();
    db.close();
    tamper(`UPDATE audit_events SET operator_id = NULL, hash = ? WHERE seq = 4`, 'f'.repeat(64));
    db = openDatabase(file);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });
});
