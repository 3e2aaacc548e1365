import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { foldText } from '@shared/domain/text';
import { openDatabase } from '../db/open-database';
import { searchAccounts } from '../search/search-service';
import { demoAccounts } from './demo-accounts';
import { demoOutages, referenceOutage } from './demo-outages';
import { DEMO_GENERATED_ACCOUNTS, generateDataset, seedDemo } from './generate-dataset';

function generated(accounts: number, seed: number): Database.Database {
  const db = openDatabase(':memory:');
  generateDataset(db, { accounts, seed });
  return db;
}

function dump(db: Database.Database): unknown[] {
  return ['accounts', 'lines', 'impacts', 'outages'].map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all());
}

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

describe('generateDataset', () => {
  it('gives identical data for the same seed and different data for another', () => {
    const a = generated(300, 7);
    const b = generated(300, 7);
    const c = generated(300, 8);
    expect(dump(a)).toEqual(dump(b));
    expect(dump(a)).not.toEqual(dump(c));
  });

  it('makes a realistic mix of accounts with about two lines each', () => {
    const db = generated(5000, 1);
    const lines = count(db, 'SELECT count(*) AS n FROM lines');
    expect(lines / 5000).toBeGreaterThan(1.8);
    expect(lines / 5000).toBeLessThan(2.3);
    const distinct = (column: string) =>
      (db.prepare(`SELECT DISTINCT ${column} AS v FROM accounts ORDER BY v`).all() as Array<{ v: unknown }>).map((r) => r.v);
    expect(distinct('brand')).toEqual(['att', 'cricket']);
    expect(distinct('segment')).toEqual(['business', 'consumer']);
    expect(distinct('payment_type')).toEqual(['postpaid', 'prepaid']);
    expect(distinct('status')).toEqual(['active', 'closed', 'suspended']);
    expect(distinct('currency')).toEqual(['EUR', 'USD']);
    expect(count(db, "SELECT count(*) AS n FROM accounts WHERE brand = 'cricket' AND payment_type <> 'prepaid'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM accounts WHERE country = 'NL' AND (currency <> 'EUR' OR postal_code NOT GLOB '[1-9][0-9][0-9][0-9] [A-Z][A-Z]')")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM accounts WHERE country = 'US' AND (currency <> 'USD' OR postal_code NOT GLOB '[0-9][0-9][0-9][0-9][0-9]')")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM lines JOIN accounts ON accounts.id = lines.account_id WHERE country = 'NL' AND number_e164 NOT GLOB '+316[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM accounts WHERE holder_name GLOB '*[^ -~]*'")).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) AS n FROM accounts WHERE holder_name LIKE '% van den %' OR holder_name LIKE '% de %'")).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) AS n FROM accounts WHERE monthly_charge_minor <> (SELECT sum(monthly_rate_minor) FROM lines WHERE account_id = accounts.id)')).toBe(0);
  });

  it('keeps the search columns in their folded form', () => {
    const db = generated(500, 3);
    const rows = db.prepare('SELECT holder_name, name_fold, email, email_norm FROM accounts').all() as Array<Record<string, string>>;
    for (const row of rows) {
      expect(row.name_fold).toBe(foldText(row.holder_name as string));
      expect(row.email_norm).toBe(foldText(row.email as string));
    }
  });

  it('creates the demo outages, one of them still going on, and impacts that fit inside them', () => {
    const db = generated(3000, 2);
    const outages = db.prepare('SELECT source_id, starts_at, ends_at, cause FROM outages ORDER BY id').all() as Array<Record<string, string | null>>;
    expect(outages.map((o) => o.source_id)).toEqual(demoOutages.map((o) => o.sourceId));
    expect(outages[0]).toEqual({ source_id: referenceOutage.sourceId, starts_at: '2024-02-22T08:45:00.000Z', ends_at: '2024-02-22T20:10:00.000Z', cause: 'network_change' });
    expect(outages.filter((o) => o.ends_at === null)).toHaveLength(1);
    const perOutage = db.prepare('SELECT outage_id, count(*) AS n FROM impacts GROUP BY outage_id ORDER BY outage_id').all() as Array<{ n: number }>;
    expect(perOutage).toHaveLength(4);
    for (const row of perOutage) expect(row.n).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) AS n FROM impacts JOIN outages ON outages.id = impacts.outage_id
      WHERE impacts.starts_at < outages.starts_at OR (outages.ends_at IS NOT NULL AND impacts.ends_at > outages.ends_at)`)).toBe(0);
  });

  it('reports progress up to the total', () => {
    const db = openDatabase(':memory:');
    const seen: number[] = [];
    generateDataset(db, { accounts: 25_000, seed: 1, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('leaves the indexes and name search working after a bulk load', () => {
    const db = generated(2000, 5);
    const indexes = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name IN ('accounts', 'lines', 'impacts')").get() as { n: number };
    const fresh = openDatabase(':memory:');
    expect(indexes).toEqual(fresh.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name IN ('accounts', 'lines', 'impacts')").get());
    db.exec("INSERT INTO accounts_fts (accounts_fts, rank) VALUES ('integrity-check', 1)");
    const someone = db.prepare('SELECT holder_name FROM accounts WHERE id = 1234').get() as { holder_name: string };
    expect(searchAccounts(db, someone.holder_name).results.some((r) => r.holderName === someone.holder_name)).toBe(true);
  });
});

describe('seedDemo', () => {
  it('seeds the well-known accounts and a generated set once, and does nothing the second time', () => {
    const db = openDatabase(':memory:');
    expect(seedDemo(db)).toBe(true);
    const total = count(db, 'SELECT count(*) AS n FROM accounts');
    expect(total).toBe(DEMO_GENERATED_ACCOUNTS + Object.keys(demoAccounts).length);
    expect(seedDemo(db)).toBe(false);
    expect(count(db, 'SELECT count(*) AS n FROM accounts')).toBe(total);
  });

  it('leaves an existing database untouched', () => {
    const db = openDatabase(':memory:');
    generateDataset(db, { accounts: 10, seed: 1 });
    expect(seedDemo(db)).toBe(false);
    expect(count(db, 'SELECT count(*) AS n FROM accounts')).toBe(10);
  });

  it('impacts every line of each demo account by its outage for the whole outage', () => {
    const db = openDatabase(':memory:');
    seedDemo(db);
    for (const demo of Object.values(demoAccounts)) {
      const rows = db
        .prepare(
          `SELECT outages.source_id AS outage, impacts.lost_minutes AS lost, impacts.connected_at_start AS connected
           FROM accounts JOIN lines ON lines.account_id = accounts.id JOIN impacts ON impacts.line_id = lines.id
           JOIN outages ON outages.id = impacts.outage_id WHERE accounts.account_number = ?`,
        )
        .all(demo.accountNumber);
      const expected = demo.outage === 'reference' ? { outage: 'att-2024-02-22-nationwide', lost: 685, connected: 1 } : { outage: 'nl-2024-09-10-randstad', lost: 26 * 60, connected: 1 };
      expect(rows).toEqual(demo.lines.map(() => expected));
    }
  });

  it('makes each demo account findable by number, phone, email, postal code and name', () => {
    const db = openDatabase(':memory:');
    seedDemo(db);
    for (const demo of Object.values(demoAccounts)) {
      for (const query of [demo.accountNumber, demo.lines[0].numberE164, demo.email, demo.postalCode, demo.holderName]) {
        expect(searchAccounts(db, query, 100).results.map((r) => r.accountNumber), query).toContain(demo.accountNumber);
      }
    }
  });
});
