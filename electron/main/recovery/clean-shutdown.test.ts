import { mkdtempSync, rmSync, utimesSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { consumeCleanShutdown, recordCleanShutdown } from './clean-shutdown';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-clean-'));
  dbPath = join(dir, 'desk.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeAndClose(): void {
  const db = openDatabase(dbPath);
  db.exec('CREATE TABLE IF NOT EXISTS scratch (k TEXT) STRICT');
  db.prepare("INSERT INTO scratch (k) VALUES ('v')").run();
  db.close();
}

describe('clean-shutdown stamp', () => {
  it('trusts a file closed cleanly and untouched since, once', () => {
    writeAndClose();
    recordCleanShutdown(dbPath);
    expect(consumeCleanShutdown(dbPath)).toBe(true);
    // Used up: a crash during this run must not inherit the trust.
    expect(consumeCleanShutdown(dbPath)).toBe(false);
  });

  it('does not trust a file with no stamp (the last run did not close cleanly)', () => {
    writeAndClose();
    expect(consumeCleanShutdown(dbPath)).toBe(false);
  });

  it('does not trust a file changed after the stamp', () => {
    writeAndClose();
    recordCleanShutdown(dbPath);
    utimesSync(dbPath, new Date(), new Date(Date.now() + 5_000));
    expect(consumeCleanShutdown(dbPath)).toBe(false);
    expect(existsSync(`${dbPath}.clean`)).toBe(false);
  });

  it('does not trust a file whose write-ahead log still holds commits', () => {
    writeAndClose();
    recordCleanShutdown(dbPath);
    const db = openDatabase(dbPath); // left open: as after a crash, the WAL is not checkpointed away
    db.prepare("INSERT INTO scratch (k) VALUES ('w')").run();
    expect(consumeCleanShutdown(dbPath)).toBe(false);
    db.close();
  });
});
