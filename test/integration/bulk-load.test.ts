import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { foldText } from '@shared/domain/text';
import { searchAccounts } from '../../electron/main/search/search-service';
import { rebuildAccountsFts, suspendIndexesAndTriggers } from '../../electron/main/db/bulk-load-repo';
import { openDatabase } from '../../electron/main/db/open-database';

function insertAccount(db: Database.Database, n: number, accountNumber: string, holderName: string): void {
  db.prepare(
    `INSERT INTO accounts (source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
       bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
     VALUES (?, ?, ?, ?, 'att', 'consumer', 'postpaid', 'active', 1, 'USD', 0, 'US', 'NY', '10001', '10001', 't')`,
  ).run(`S${n}`, accountNumber, holderName, foldText(holderName));
}

function schemaObjects(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all();
}

describe('bulk load', () => {
  it('restores every index and trigger and fills the name index with one rebuild', () => {
    const db = openDatabase(':memory:');
    const before = schemaObjects(db);
    db.transaction(() => {
      const restore = suspendIndexesAndTriggers(db, ['accounts', 'lines', 'impacts']);
      insertAccount(db, 1, '100000001', 'Łukasz Wójcik');
      restore();
      rebuildAccountsFts(db);
    })();
    expect(schemaObjects(db)).toEqual(before);
    expect(searchAccounts(db, 'wojc').results.map((r) => r.holderName)).toEqual(['Łukasz Wójcik']);
  });

  it('refuses duplicates when the unique indexes come back, and rolls the whole load back', () => {
    const db = openDatabase(':memory:');
    const before = schemaObjects(db);
    expect(() =>
      db.transaction(() => {
        const restore = suspendIndexesAndTriggers(db, ['accounts']);
        insertAccount(db, 1, '100000001', 'Ann');
        insertAccount(db, 2, '100000001', 'Bob');
        restore();
      })(),
    ).toThrow(/UNIQUE constraint failed/);
    expect(schemaObjects(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
  });
});

describe('name index triggers', () => {
  it('follow inserts, renames and deletes of accounts', () => {
    const db = openDatabase(':memory:');
    insertAccount(db, 1, '100000001', 'José Peña');
    expect(searchAccounts(db, 'pena').results).toHaveLength(1);
    db.prepare("UPDATE accounts SET holder_name = 'José Ibáñez', name_fold = 'jose ibanez' WHERE source_id = 'S1'").run();
    expect(searchAccounts(db, 'pena').results).toHaveLength(0);
    expect(searchAccounts(db, 'ibanez').results).toHaveLength(1);
    db.prepare("DELETE FROM accounts WHERE source_id = 'S1'").run();
    expect(searchAccounts(db, 'jose').results).toHaveLength(0);
    db.exec("INSERT INTO accounts_fts (accounts_fts, rank) VALUES ('integrity-check', 1)");
  });
});
