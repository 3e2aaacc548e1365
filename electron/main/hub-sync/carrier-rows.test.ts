import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CarrierValue } from '@shared/hub/carrier';
import { migrate } from '../db/migrate';
import { allMigrations } from '../db/migrations/all-migrations';
import { registerSqlFunctions } from '../db/sql-functions';
import { CarrierWriter } from './carrier-rows';

/*
 * The carrier rows of the hub written into the cache: a snapshot taken at some point and the
 * batches after it, applied in log order (and any of them applied twice, as after a crash
 * between a page and the cursor), leave the cache exactly as a later snapshot would.
 */

const dbs: Database.Database[] = [];
afterEach(() => {
  while (dbs.length) dbs.pop()!.close();
});

let template: Buffer | null = null;

/** A fresh migrated cache (one migration run, then copies of it). */
function cache(): Database.Database {
  if (!template) {
    const first = new Database(':memory:');
    registerSqlFunctions(first);
    migrate(first, allMigrations);
    template = first.serialize();
    first.close();
  }
  const db = new Database(template);
  db.pragma('foreign_keys = ON');
  registerSqlFunctions(db);
  dbs.push(db);
  return db;
}

const names = ['Ann Wójcik', 'Bo Early', 'Cy Müller', 'Dee de Vries', 'Eli van Dam', 'Fay Ørsted'];
type Account = { id: number; name: string; region: string };
type Line = { id: number; accountId: number; number: string };
type Batch = { accounts: Account[]; lines: Line[] };

function accountRow(a: Account): CarrierValue[] {
  return [a.id, `S-${a.id}`, String(555000000000 + a.id), a.name, `a${a.id}@example.com`, '', 'att', 'consumer', 'postpaid', 'active', 12, 'USD',
    4500, 'US', a.region, '10001', 'en', null, '2026-03-10T00:00:00.000Z'];
}
function lineRow(l: Line): CarrierValue[] {
  return [String(l.id), `L-${l.id}`, String(l.accountId), l.number, 'wireless_voice', '2500', 'active', null];
}

const batchArb = fc.record({
  accounts: fc.array(fc.record({ id: fc.integer({ min: 1, max: 12 }), name: fc.constantFrom(...names), region: fc.constantFrom('north', 'south') }), { maxLength: 6 }),
  lines: fc.array(fc.record({ id: fc.integer({ min: 1, max: 20 }), slot: fc.nat(), number: fc.constantFrom('+12125550111', '+12125550222') }), { maxLength: 6 }),
}).map(({ accounts, lines }): Batch => ({
  accounts,
  // A job writes a line with its account (an import's lines come with the accounts they name).
  lines: accounts.length === 0 ? [] : lines.map((l) => ({ id: l.id, accountId: accounts[l.slot % accounts.length]!.id, number: l.number })),
}));

/** The hub's state after `batches`: each row as the last batch that wrote it left it. */
function hubState(batches: readonly Batch[]): { accounts: Map<number, Account>; lines: Map<number, Line> } {
  const accounts = new Map<number, Account>();
  const lines = new Map<number, Line>();
  for (const batch of batches) {
    for (const a of batch.accounts) accounts.set(a.id, a);
    for (const l of batch.lines) lines.set(l.id, l);
  }
  return { accounts, lines };
}

/** What a batch entry's page reads: its rows as they are now at the hub, those still stamped with it. */
function batchRows(batches: readonly Batch[], index: number): { accounts: Account[]; lines: Line[] } {
  // A row written again by a later batch carries the later batch's stamp: read with that one.
  const now = hubState(batches.slice(0, index + 1));
  const lastAccount = (id: number) => batches.slice(0, index + 1).findLastIndex((b) => b.accounts.some((x) => x.id === id));
  const lastLine = (id: number) => batches.slice(0, index + 1).findLastIndex((b) => b.lines.some((x) => x.id === id));
  return {
    accounts: [...now.accounts.values()].filter((a) => lastAccount(a.id) === index),
    lines: [...now.lines.values()].filter((l) => lastLine(l.id) === index),
  };
}

function write(db: Database.Database, state: { accounts: Account[]; lines: Line[] }): void {
  const writer = new CarrierWriter(db);
  db.transaction(() => {
    writer.write('accounts', state.accounts.sort((a, b) => a.id - b.id).map(accountRow));
    writer.write('lines', state.lines.sort((a, b) => a.id - b.id).map(lineRow));
  })();
}

function contents(db: Database.Database) {
  return {
    accounts: db.prepare('SELECT id, source_id, holder_name, name_fold, region FROM accounts ORDER BY id').all(),
    lines: db.prepare('SELECT id, account_id, number_e164 FROM lines ORDER BY id').all(),
    fts: names.flatMap((n) => n.split(' ')).map((word) =>
      db.prepare("SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ? ORDER BY rowid").pluck().all(`"${word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')}"*`),
    ),
    pairs: db.prepare('SELECT low_word, high_word, account_id FROM account_name_pairs ORDER BY 1, 2, 3').all(),
  };
}

describe('carrier batches after a snapshot', () => {
  it('applied in log order, some twice, equal the later snapshot', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { minLength: 1, maxLength: 6 }), fc.nat(), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (batches, cut, twice) => {
        const at = cut % (batches.length + 1);
        const following = cache();
        const early = hubState(batches.slice(0, at));
        write(following, { accounts: [...early.accounts.values()], lines: [...early.lines.values()] });
        for (let index = at; index < batches.length; index++) {
          const rows = batchRows(batches, index);
          write(following, rows);
          if (twice[index]) write(following, batchRows(batches, index));
        }
        const later = cache();
        const final = hubState(batches);
        write(later, { accounts: [...final.accounts.values()], lines: [...final.lines.values()] });
        expect(contents(following)).toEqual(contents(later));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the carrier writer', () => {
  it('writes rows 32 to a statement and the rest one by one, every value where it belongs, searched forms worked out', () => {
    const db = cache();
    const accounts = Array.from({ length: 70 }, (_, i) => ({ id: i + 1, name: names[i % names.length]!, region: i % 2 ? 'north' : 'south' }));
    write(db, { accounts, lines: accounts.map((a) => ({ id: 1000 + a.id, accountId: a.id, number: '+12125550111' })) });
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(70);
    const stored = db.prepare('SELECT id, source_id, account_number, holder_name, name_fold, email_norm, region, postal_code_norm, updated_at FROM accounts ORDER BY id').all();
    expect(stored[40]).toEqual({
      id: 41, source_id: 'S-41', account_number: '555000000041', holder_name: 'Eli van Dam', name_fold: 'eli van dam',
      email_norm: 'a41@example.com', region: 'south', postal_code_norm: '10001', updated_at: '2026-03-10T00:00:00.000Z',
    });
    expect(stored.map((r) => (r as { id: number }).id)).toEqual(accounts.map((a) => a.id));
    expect(db.prepare('SELECT id, account_id FROM lines WHERE id IN (1001, 1033, 1070) ORDER BY id').all()).toEqual([
      { id: 1001, account_id: 1 }, { id: 1033, account_id: 33 }, { id: 1070, account_id: 70 },
    ]);
  });
});
