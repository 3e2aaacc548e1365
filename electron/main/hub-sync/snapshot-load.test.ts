import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT, snapshotTableOrder } from '@shared/hub/carrier';
import { migrate } from '../db/migrate';
import { allMigrations } from '../db/migrations/all-migrations';
import { registerSqlFunctions } from '../db/sql-functions';
import type { HubClient } from './hub-client';
import { loadSnapshot, parseCopyRow } from './snapshot-load';
import { needsSnapshot, readSnapshot } from './snapshot-repo';

let db: Database.Database | null = null;
afterEach(() => db?.close());

function cache(): Database.Database {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  registerSqlFunctions(db);
  migrate(db, allMigrations);
  return db;
}

const account = (id: number, name: string) =>
  [id, `S-${id}`, String(555000000000 + id), name, `a${id}@example.com`, '', 'att', 'consumer', 'postpaid', 'active', 12, 'USD', 4500, 'US',
    'north', '10001', 'en', '\\N', '2026-03-10T00:00:00.000Z'].join('\t');

/** A snapshot as the hub streams it: 3 accounts (one with escapes in its name), 1 line, nothing else. */
function snapshotText(head: number, names: readonly string[]): string {
  const rows: Record<string, string[]> = { accounts: names.map((n, i) => account(i + 1, n)), lines: ['1\tL-1\t1\t+12125550111\twireless_voice\t2500\tactive\t\\N'] };
  const header = { format: SNAPSHOT_FORMAT, head, takenAt: '2026-03-10T00:00:00.000Z', tables: snapshotTableOrder.map((table) => ({ table, rows: rows[table]?.length ?? 0 })) };
  return `${JSON.stringify(header)}\n${snapshotTableOrder.map((table) => `@${table}\n${(rows[table] ?? []).map((r) => `${r}\n`).join('')}\\.\n`).join('')}`;
}

function clientStreaming(text: string): HubClient {
  return {
    url: 'http://hub.test',
    call: async () => ({ ok: false, error: { code: 'HUB_UNREACHABLE' } }),
    download: async () => ({ ok: true, value: Readable.from([text.slice(0, 100), text.slice(100)]) as unknown as IncomingMessage }),
    upload: async () => ({ ok: false, error: { code: 'HUB_UNREACHABLE' } }),
    openChangeStream: () => ({ close: () => undefined }),
  };
}

const clock = () => new Date('2026-03-10T12:00:00.000Z');

describe('loading the hub snapshot', () => {
  it('reads COPY text values: nulls, and the backslash escapes COPY writes', () => {
    expect(parseCopyRow('1\t\\N\tTab\\there\\\\back\\nline')).toEqual(['1', null, 'Tab\there\\back\nline']);
  });

  it('a stream cut off leaves the record loading and the indexes back; the next load finishes, overwriting by id', async () => {
    const d = cache();
    expect(needsSnapshot(d)).toBe(true);
    const full = snapshotText(7, ['Ann Early', 'Bo\\tTab', 'Cy Third']);
    const cut = full.slice(0, full.indexOf('Cy Third'));
    const first = await loadSnapshot(d, clientStreaming(cut), 'token', clock, () => undefined);
    expect(first.ok).toBe(false);
    expect(readSnapshot(d)?.state).toBe('loading');
    expect(needsSnapshot(d)).toBe(true);
    expect(d.prepare('SELECT count(*) FROM import_suspended_schema').pluck().get()).toBe(0);

    const progress: string[] = [];
    const second = await loadSnapshot(d, clientStreaming(snapshotText(9, ['Ann Early', 'Bo\\tTab', 'Cy Third'])), 'token', clock, (p) =>
      progress.push(`${p.state}:${p.searchReady}`),
    );
    expect(second).toMatchObject({ ok: true, value: { head: 9, rows: 4 } });
    expect(readSnapshot(d)).toMatchObject({ state: 'done', head: 9 });
    expect(needsSnapshot(d)).toBe(false);
    expect(d.prepare('SELECT holder_name FROM accounts ORDER BY id').pluck().all()).toEqual(['Ann Early', 'Bo\tTab', 'Cy Third']);
    expect(d.prepare("SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH 'third*'").pluck().all()).toEqual([3]);
    expect(progress[0]).toBe('loading:false');
    expect(progress).toContain('loading:true');
    expect(progress.at(-1)).toBe('done:true');
  });

  it('refuses a stream whose rows do not match its header, and a cache with carrier data of its own takes none', async () => {
    const d = cache();
    const text = snapshotText(3, ['Ann Early']).replace('"table":"accounts","rows":1', '"table":"accounts","rows":2');
    const answer = await loadSnapshot(d, clientStreaming(text), 'token', clock, () => undefined);
    expect(answer).toMatchObject({ ok: false, error: { code: 'HUB_BAD_ANSWER' } });
    expect(readSnapshot(d)?.state).toBe('loading');
    d.close();

    const own = cache();
    own.exec(`INSERT INTO accounts (source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status, bill_cycle_day,
      currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
      VALUES ('X', '555000000999', 'Own', 'own', 'att', 'consumer', 'postpaid', 'active', 1, 'USD', 1, 'US', 'n', '1', '1', 'now')`);
    expect(needsSnapshot(own)).toBe(false);
  });
});
