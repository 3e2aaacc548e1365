import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { raiseSeqFloor, saveHubDesktop, takeNextSeq } from './hub-state-repo';
import { allMigrations } from '../db/migrations/all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

function enrolledDb(): Database.Database {
  db = new Database(':memory:');
  migrate(db, allMigrations);
  saveHubDesktop(db, {
    hubUrl: 'https://hub.example',
    desktopId: '3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c',
    name: 'Desk',
    sealedSecret: Buffer.from('sealed'),
    sealedWith: 'safe_storage',
    enrolledAt: '2026-03-10T15:00:00.000Z',
  });
  return db;
}

describe('hub sync schema', () => {
  it('gives out operation seqs 1, 2, 3 and refuses to ever count back', () => {
    const d = enrolledDb();
    expect([takeNextSeq(d)?.seq, takeNextSeq(d)?.seq]).toEqual([1, 2]);
    raiseSeqFloor(d, 7);
    raiseSeqFloor(d, 3);
    expect(takeNextSeq(d)?.seq).toBe(8);
    expect(() => d.prepare('UPDATE hub_desktop SET last_seq = 1').run()).toThrow(/never given out twice/);
  });

  it('keeps a refused operation only with its reason, and one row per seq', () => {
    const d = enrolledDb();
    const insert = d.prepare(`INSERT INTO hub_outbox (seq, desktop_id, op, payload_json, request_id, operator_username, created_at, state, refusal_reason)
      VALUES (?, 'd', 'override.submit', '{}', 'r', 'alice', '2026-03-10T15:00:00.000Z', ?, ?)`);
    expect(() => insert.run(1, 'refused', null)).toThrow(/CHECK/);
    insert.run(1, 'refused', 'over_request_cap');
    expect(() => insert.run(1, 'pending', null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(2, 'pending', 'x')).toThrow(/CHECK/);
  });
});
