import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { compareWithStamp, readChainHead, type ChainHead } from './audit-anchor';
import { GENESIS_HASH } from './audit-event';
import { auditEventHash } from './audit-hash';
import { appendAudit } from './audit-log';

const at = new Date('2024-03-04T15:00:00.000Z');

function chainOf(n: number): { db: Database.Database; heads: ChainHead[] } {
  const db = openDatabase(':memory:');
  const heads: ChainHead[] = [readChainHead(db)];
  for (let i = 0; i < n; i++) {
    appendAudit(db, { operatorId: null, action: 'test.event', target: `t:${i}`, before: null, after: { i }, at });
    heads.push(readChainHead(db));
  }
  return { db, heads };
}

/** The file owner's edits: the append-only triggers dropped for the edit. */
function behindTheTriggers(db: Database.Database, edit: () => void): void {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").all() as Array<{ name: string; sql: string }>;
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  edit();
  for (const trigger of triggers) db.exec(trigger.sql);
}

function rewriteFrom(db: Database.Database, position: number): void {
  const rows = db.prepare('SELECT seq, id, at, operator_id AS operatorId, action, target, before_json AS beforeJson, after_json AS afterJson, version FROM audit_events ORDER BY seq').all() as Array<
    { seq: number; target: string } & Omit<Parameters<typeof auditEventHash>[0], 'prevHash' | 'target'>
  >;
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const target = index + 1 === position ? `${row.target}:edited` : row.target;
    const hash = auditEventHash({ ...row, target, prevHash });
    db.prepare('UPDATE audit_events SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(target, prevHash, hash, row.seq);
    prevHash = hash;
  }
}

describe('comparing the chain with its stamp', () => {
  it('accepts any stamp the chain has grown past since (a crash between commit and stamp write), and the exact head', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.nat(), (n, pick) => {
        const { db, heads } = chainOf(n);
        const stamp = heads[pick % heads.length]!;
        expect(compareWithStamp(db, stamp)).toBeNull();
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('finds any number of newest events deleted, all of them included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (n, pick) => {
        const { db, heads } = chainOf(n);
        const deleted = 1 + (pick % n);
        behindTheTriggers(db, () => db.prepare('DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT ?)').run(deleted));
        expect(compareWithStamp(db, heads[n]!)).toBe('events_missing');
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('finds any event at or before the stamp rewritten, even with every hash recomputed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.nat(), (n, pickStamp, pickEdit) => {
        const { db, heads } = chainOf(n);
        const stamped = 1 + (pickStamp % n);
        const edited = 1 + (pickEdit % stamped);
        behindTheTriggers(db, () => rewriteFrom(db, edited));
        expect(compareWithStamp(db, heads[stamped]!)).toBe('head_mismatch');
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('vouches only for what it stamped: an event after a lagging stamp (one a crash left unstamped) is not covered', () => {
    const { db, heads } = chainOf(5);
    behindTheTriggers(db, () => rewriteFrom(db, 5));
    expect(compareWithStamp(db, heads[4]!)).toBeNull();
    db.close();
  });
});
